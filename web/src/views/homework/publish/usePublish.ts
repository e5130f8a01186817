import { computed, reactive, ref, shallowRef, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, ElMessageBox } from 'element-plus'
import {
  checkHomework,
  getClassDay,
  listHomeworkClasses,
  overrideHomework,
  publishHomework,
  withdrawAssignment,
  type Assignment,
  type CheckResult,
  type ClassDay,
  type HomeworkClass,
  type HomeworkType,
  type PublishInput,
} from '@/api/homework'
import { listStudents, type Student } from '@/api/org'
import { useFieldErrors } from '@/composables/useFieldErrors'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'
import { todayText, VARIANT_LABELS } from '../shared/format'

/// The class picked last time, so the daily publish starts where the teacher left it.
const LAST_CLASS_KEY = 'kehou.homework.lastClass'
const CHECK_DELAY_MS = 400
export const QUICK_MINUTES = [10, 15, 20, 30] as const
export const MAX_VARIANTS = 3

/// One layer being written; `key` keeps Vue's list stable while layers are added and removed.
export interface VariantDraft {
  key: number
  label: string
  content: string
  estimated_minutes: number
  student_ids: number[]
}

function readLastClass(): number | null {
  try {
    const v = Number(window.localStorage.getItem(LAST_CLASS_KEY))
    return Number.isInteger(v) && v > 0 ? v : null
  } catch {
    return null
  }
}

function rememberClass(id: number): void {
  try {
    window.localStorage.setItem(LAST_CLASS_KEY, String(id))
  } catch {
    // Not remembered when storage is unavailable.
  }
}

/// The two-minute daily publish: the form, the class-day beside it, a live check of what the publish
/// would meet (debounced, writes nothing), the publish itself with the server's refusal where the teacher
/// looks for it, the 教务处's override and withdrawing.
export function usePublish() {
  const { t } = useI18n()
  const classes = shallowRef<HomeworkClass[]>([])
  const classesLoaded = ref(false)
  const classesError = ref<ApiError | null>(null)

  // The due date defaults to today in Beijing: homework is set during the school day for that evening
  // (作业 due the same day it is set, done after school), so "today" is right in the morning and the
  // afternoon alike; a teacher setting tomorrow's picks the date.
  const form = reactive({
    class_id: null as number | null,
    due_date: todayText(),
    subject: '',
    type: 'written' as HomeworkType,
    estimated_minutes: 20 as number | undefined,
    content: '',
    variants: [] as VariantDraft[],
  })
  const errors = useFieldErrors(form, ['class_id', 'due_date', 'subject', 'type', 'estimated_minutes', 'content', 'variants'] as const)
  /// The last refused publish, for the details (current / limit / remaining, phrases) beside the fields.
  const refusal = shallowRef<ApiError | null>(null)
  const publishing = ref(false)
  let variantKey = 0

  const currentClass = computed(() => classes.value.find((c) => c.id === form.class_id) ?? null)

  // --- the class-day panel ---
  const day = shallowRef<ClassDay | null>(null)
  const dayLoading = ref(false)
  const dayError = ref<ApiError | null>(null)
  let dayRequest = 0

  async function loadDay(): Promise<void> {
    const classId = form.class_id
    const date = form.due_date
    if (!classId || !date) return
    const mine = ++dayRequest
    dayLoading.value = true
    try {
      const d = await getClassDay(classId, date)
      if (mine !== dayRequest) return
      day.value = d
      dayError.value = null
    } catch (e) {
      if (mine === dayRequest) dayError.value = toApiError(e)
    } finally {
      if (mine === dayRequest) dayLoading.value = false
    }
  }

  // --- the roster, for layered variants ---
  const students = shallowRef<Student[]>([])
  const studentsFor = ref<number | null>(null)

  async function loadStudents(): Promise<void> {
    const classId = form.class_id
    if (!classId || studentsFor.value === classId) return
    studentsFor.value = classId
    try {
      const page = await listStudents({ class_id: classId, page: 1, page_size: 100 })
      if (form.class_id === classId) students.value = page.items
    } catch (e) {
      studentsFor.value = null
      ElMessage({ type: 'error', message: errorText(toApiError(e)), grouping: true })
    }
  }

  // --- the live check ---
  const check = shallowRef<CheckResult | null>(null)
  const checking = ref(false)
  let checkTimer: ReturnType<typeof setTimeout> | undefined
  let checkAbort: AbortController | null = null

  function body(): PublishInput | null {
    const minutes = form.estimated_minutes ?? 0
    if (!form.class_id || !form.due_date || !form.subject.trim() || !form.content.trim() || minutes < 1) return null
    const input: PublishInput = {
      class_id: form.class_id,
      due_date: form.due_date,
      subject: form.subject.trim(),
      type: form.type,
      content: form.content.trim(),
      estimated_minutes: minutes,
    }
    const variants = form.variants
      .filter((v) => v.content.trim() && v.estimated_minutes > 0)
      .map((v) => ({ label: v.label, content: v.content.trim(), estimated_minutes: v.estimated_minutes, student_ids: [...v.student_ids] }))
    if (variants.length) input.variants = variants
    return input
  }

  async function runCheck(): Promise<void> {
    const input = body()
    checkAbort?.abort()
    // R1.1 is known here (the class's grade): written homework for grades 1–2 needs no round trip — the page
    // names the rule itself. (The server's check answers it with a 422 rather than `written_in_grades_1_2`.)
    const grades12Written = input?.type === 'written' && (currentClass.value?.grade ?? 9) <= 2
    if (!input || grades12Written) {
      check.value = null
      checking.value = false
      return
    }
    const abort = new AbortController()
    checkAbort = abort
    checking.value = true
    try {
      const result = await checkHomework(input, abort.signal)
      if (checkAbort === abort) check.value = result
    } catch {
      // A superseded or failed check says nothing; the publish itself is checked by the server anyway.
      if (checkAbort === abort) check.value = null
    } finally {
      if (checkAbort === abort) checking.value = false
    }
  }

  function scheduleCheck(): void {
    clearTimeout(checkTimer)
    checkTimer = setTimeout(() => void runCheck(), CHECK_DELAY_MS)
  }

  watch(
    () => [form.class_id, form.due_date, form.subject, form.type, form.estimated_minutes, form.content, form.variants] as const,
    () => {
      refusal.value = null
      scheduleCheck()
    },
    { deep: true },
  )

  watch(
    () => form.class_id,
    (id) => {
      if (!id) return
      rememberClass(id)
      const cls = currentClass.value
      if (cls && !cls.subjects.includes(form.subject)) form.subject = cls.subjects[0] ?? ''
      // R1.1: grades 1–2 get no written homework at home, so their form starts on reading.
      if (cls && cls.grade <= 2 && form.type === 'written') form.type = 'reading'
      form.variants = []
      students.value = []
      studentsFor.value = null
      void loadDay()
    },
  )
  watch(() => form.due_date, () => void loadDay())

  async function loadClasses(): Promise<void> {
    try {
      classes.value = await listHomeworkClasses()
      classesError.value = null
      classesLoaded.value = true
      const last = readLastClass()
      const pick = classes.value.find((c) => c.id === last) ?? classes.value[0]
      if (pick && form.class_id !== pick.id) form.class_id = pick.id
    } catch (e) {
      classesError.value = toApiError(e)
    }
  }

  // --- variants ---
  function addVariant(): void {
    if (form.variants.length >= MAX_VARIANTS) return
    const used = new Set(form.variants.map((v) => v.label))
    const label = VARIANT_LABELS.find((l) => !used.has(l)) ?? VARIANT_LABELS[0]
    form.variants.push({ key: ++variantKey, label, content: '', estimated_minutes: form.estimated_minutes ?? 20, student_ids: [] })
    void loadStudents()
  }

  function removeVariant(key: number): void {
    form.variants = form.variants.filter((v) => v.key !== key)
  }

  // --- publish, override, withdraw ---
  function published(a: Assignment, message: string): void {
    ElMessage({ type: 'success', message, grouping: true })
    form.content = ''
    form.variants = []
    check.value = null
    // The panel shows the new homework; the server's answer is the truth for its status.
    void loadDay()
    void a
  }

  async function publish(): Promise<void> {
    const input = body()
    if (!input || publishing.value) return
    errors.clear()
    refusal.value = null
    publishing.value = true
    try {
      const a = await publishHomework(input)
      published(a, a.status === 'pending_approval' ? t('homework.publish.pendingDone') : t('homework.publish.published'))
    } catch (e) {
      const err = toApiError(e)
      // A budget refusal is shown once, with its figures from the details (beside the live check); any
      // other refusal goes under its field or above the form.
      if (err.code !== 'homework.over_limit' && err.code !== 'homework.over_subject_budget') errors.show(err)
      refusal.value = err
    } finally {
      publishing.value = false
    }
  }

  /// The 教务处's publish over the limit; throws the refusal for the dialog to show.
  async function publishOverride(reason: string): Promise<void> {
    const input = body()
    if (!input) return
    const a = await overrideHomework({ ...input, override_reason: reason })
    errors.clear()
    refusal.value = null
    published(a, t('homework.publish.overrideDone'))
  }

  async function withdraw(a: Assignment): Promise<void> {
    try {
      await ElMessageBox.confirm(t('homework.day.withdrawAsk', { subject: a.subject }), t('homework.day.withdraw'), {
        confirmButtonText: t('homework.day.withdraw'),
        cancelButtonText: t('homework.cancel'),
        type: 'warning',
      })
    } catch {
      return
    }
    try {
      await withdrawAssignment(a.id)
      ElMessage({ type: 'success', message: t('homework.day.withdrawn'), grouping: true })
    } catch (e) {
      ElMessage({ type: 'error', message: errorText(toApiError(e)), grouping: true })
    }
    void loadDay()
    scheduleCheck()
  }

  const canSubmit = computed(() => body() !== null)

  void loadClasses()
  return {
    classes,
    classesLoaded,
    classesError,
    currentClass,
    form,
    fieldErrors: errors.fieldErrors,
    failureText: errors.failureText,
    refusal,
    publishing,
    canSubmit,
    day,
    dayLoading,
    dayError,
    students,
    check,
    checking,
    loadClasses,
    loadDay,
    loadStudents,
    addVariant,
    removeVariant,
    publish,
    publishOverride,
    withdraw,
  }
}
