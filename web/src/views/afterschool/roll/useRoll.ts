import { computed, reactive, ref, shallowRef, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { listCourses, type Course, type Section } from '@/api/afterschool'
import { getRoll, listMySections, saveRoll, type AttendanceStatus, type Roll } from '@/api/afterschoolOps'
import { queryInt } from '@/composables/usePagedList'
import { useUserStore } from '@/stores/user'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'
import { slotText, todayText } from '../shared/format'
import { isoWeekday, semesterOfDate } from './dates'

/// A section that meets on the chosen day, as the picker lists it.
export interface SectionChoice {
  id: number
  course: Course
  section: Section
  /// Course title · the day's times · instructor.
  label: string
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

/// 点名 (GET/PUT sections/{id}/roll/{date}): the school, the day (today unless chosen; never a future
/// day) and one of the sections meeting that day, from the school's courses of the day's semester;
/// the children holding a seat that day with their marks — a leave request pre-fills 请假. Marks are
/// edited here and saved together; the roll is kept only when every child is marked. School, date and
/// section are kept in the address. A teacher picks from their own sections of the day's semester
/// (GET my-sections, no school needed: `ownSections`). Another account without `afterschool:course:read`
/// gives the section by its number (`sectionsRefused`).
export function useRoll() {
  const { t } = useI18n()
  const route = useRoute()
  const router = useRouter()
  const user = useUserStore()
  /// A teacher cannot list the school's courses, only their own sections.
  const ownSections = user.user?.role === 'teacher' && !user.hasPermi('afterschool:course:read')
  /// Without `afterschool:course:read` the school's list is not even asked for.
  const mayList = user.hasPermi('afterschool:course:read')
  const schoolId = ref<number | undefined>(queryInt(route.query, 'school_id'))
  const fromQuery = typeof route.query.date === 'string' && DATE.test(route.query.date) ? route.query.date : ''
  const date = ref(fromQuery && fromQuery <= todayText() ? fromQuery : todayText())
  const sectionId = ref<number | undefined>(queryInt(route.query, 'section'))
  const courses = shallowRef<Course[]>([])
  const coursesError = ref<ApiError | null>(null)
  const sectionsRefused = computed(() => !ownSections && (!mayList || coursesError.value?.status === 403))
  const roll = shallowRef<Roll | null>(null)
  const marks = reactive<Record<number, AttendanceStatus | ''>>({})
  const loadingCourses = ref(false)
  const loadingRoll = ref(false)
  const saving = ref(false)
  const rollError = ref<ApiError | null>(null)
  const rollErrorMessage = computed(() => errorText(rollError.value))
  const coursesErrorMessage = computed(() => (sectionsRefused.value ? '' : errorText(coursesError.value)))

  const weekday = computed(() => isoWeekday(date.value))
  const choices = computed<SectionChoice[]>(() => {
    const out: SectionChoice[] = []
    for (const course of courses.value)
      for (const section of course.sections) {
        const today = section.slots.filter((s) => s.weekday === weekday.value)
        if (today.length === 0) continue
        const times = today.map(slotText).join(t('afterschool.listSeparator'))
        out.push({ id: section.id, course, section, label: `${course.title} · ${times} · ${course.instructor_name}` })
      }
    return out
  })

  const entries = computed(() => roll.value?.entries ?? [])
  const counts = computed(() => {
    const c = { present: 0, absent: 0, leave: 0, unmarked: 0 }
    for (const e of entries.value) {
      const m = marks[e.student_id]
      if (m) c[m] += 1
      else c.unmarked += 1
    }
    return c
  })
  const dirty = computed(() => entries.value.some((e) => (marks[e.student_id] ?? '') !== e.status))

  function writeAddress(): void {
    const query: Record<string, string> = {}
    if (schoolId.value) query.school_id = String(schoolId.value)
    if (date.value !== todayText()) query.date = date.value
    if (sectionId.value) query.section = String(sectionId.value)
    void router.replace({ query })
  }

  let courseSeq = 0
  async function loadCourses(): Promise<void> {
    const id = schoolId.value
    const mine = ++courseSeq
    if (!ownSections && (!id || !mayList)) {
      courses.value = []
      return
    }
    loadingCourses.value = true
    try {
      const semester = semesterOfDate(date.value)
      // Not `ownSections` here means a school was chosen.
      const list = await (ownSections || !id ? listMySections(semester) : listCourses(id, semester))
      if (mine !== courseSeq) return
      courses.value = list
      coursesError.value = null
    } catch (e) {
      if (mine !== courseSeq) return
      courses.value = []
      coursesError.value = toApiError(e)
    } finally {
      if (mine === courseSeq) loadingCourses.value = false
    }
    // The section chosen is not among the day's: none chosen (unless the list could not be read).
    if (!sectionsRefused.value && sectionId.value && !choices.value.some((c) => c.id === sectionId.value)) sectionId.value = undefined
    if (!sectionId.value && choices.value.length === 1) sectionId.value = choices.value[0].id
  }

  function take(answer: Roll): void {
    roll.value = answer
    for (const k of Object.keys(marks)) delete marks[Number(k)]
    for (const e of answer.entries) marks[e.student_id] = e.status
  }

  let rollSeq = 0
  async function loadRoll(): Promise<void> {
    const id = sectionId.value
    const mine = ++rollSeq
    if (!id) {
      roll.value = null
      rollError.value = null
      return
    }
    loadingRoll.value = true
    try {
      const answer = await getRoll(id, date.value)
      if (mine !== rollSeq) return
      take(answer)
      rollError.value = null
    } catch (e) {
      if (mine !== rollSeq) return
      roll.value = null
      rollError.value = toApiError(e)
    } finally {
      if (mine === rollSeq) loadingRoll.value = false
    }
  }

  function mark(studentId: number, status: AttendanceStatus): void {
    marks[studentId] = status
  }

  /// Everyone not marked yet is present.
  function restPresent(): void {
    for (const e of entries.value) if (!marks[e.student_id]) marks[e.student_id] = 'present'
  }

  async function save(): Promise<void> {
    const r = roll.value
    if (!r || saving.value || counts.value.unmarked > 0) return
    const newlyAbsent = r.entries.filter((e) => marks[e.student_id] === 'absent' && e.status !== 'absent' && !e.leave_requested).length
    saving.value = true
    try {
      const entriesToSave = r.entries.map((e) => ({ student_id: e.student_id, status: marks[e.student_id] as AttendanceStatus }))
      take(await saveRoll(r.section_id, r.date, entriesToSave))
      ElMessage({
        type: 'success',
        message: newlyAbsent ? t('asOps.roll.savedNotified', { n: newlyAbsent }) : t('asOps.roll.saved'),
        grouping: true,
      })
    } catch (e) {
      ElMessage({ type: 'error', message: errorText(toApiError(e)), showClose: true, duration: 6000 })
    } finally {
      saving.value = false
    }
  }

  watch(
    [schoolId, date],
    async () => {
      writeAddress()
      const before = sectionId.value
      await loadCourses()
      // A changed section loads its roll through the watch below.
      if (sectionId.value === before) await loadRoll()
    },
    { immediate: true },
  )
  watch(sectionId, () => {
    writeAddress()
    void loadRoll()
  })

  return {
    ownSections,
    schoolId,
    date,
    sectionId,
    choices,
    sectionsRefused,
    roll,
    entries,
    marks,
    counts,
    dirty,
    loadingCourses,
    loadingRoll,
    saving,
    coursesErrorMessage,
    rollErrorMessage,
    mark,
    restPresent,
    save,
    reload: loadRoll,
  }
}
