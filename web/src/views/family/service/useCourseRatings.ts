import { computed, reactive, ref, shallowRef, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { getOffer, type Seat } from '@/api/afterschool'
import { listChildRatings, rateCourse, type ChildRating } from '@/api/afterschoolOps'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'
import { currentSemester } from '@/views/afterschool/shared/semester'

/// A course the child took (a confirmed seat, or one left mid-term).
export interface TakenCourse {
  course_id: number
  title: string
  instructor: string
}

/// 课程评价 (PUT children/{id}/ratings/{course_id}): for each course the child took in a semester (from
/// the offer's seats), 1–5 stars and a comment, once. The ratings given before (GET children/{id}/ratings)
/// show those courses as rated, read-only; a rating refused as a second one (409
/// `afterschool.already_rated`, e.g. from another device) reads them again.
export function useCourseRatings(childId: Ref<number | undefined>) {
  const { t } = useI18n()
  const semester = ref(currentSemester())
  const courses = shallowRef<TakenCourse[]>([])
  const drafts = reactive<Record<number, { score: number; comment: string }>>({})
  /// course id → the rating given (score 0 when the server refused a second one and could not say which).
  const rated = reactive<Record<number, Pick<ChildRating, 'score' | 'comment'>>>({})
  const busy = reactive<Record<number, boolean>>({})
  const errors = reactive<Record<number, string>>({})
  const loading = ref(false)
  const error = ref<ApiError | null>(null)
  const errorMessage = computed(() => errorText(error.value))

  function taken(seats: readonly Seat[]): TakenCourse[] {
    const byCourse = new Map<number, TakenCourse>()
    for (const s of seats)
      if ((s.status === 'confirmed' || s.status === 'left') && !byCourse.has(s.course_id))
        byCourse.set(s.course_id, { course_id: s.course_id, title: s.course_title, instructor: s.instructor_name })
    return [...byCourse.values()]
  }

  function takeRatings(list: readonly ChildRating[]): void {
    for (const k of Object.keys(rated)) delete rated[Number(k)]
    for (const x of list) rated[x.course_id] = { score: x.score, comment: x.comment }
  }

  let seq = 0
  async function load(): Promise<void> {
    const id = childId.value
    if (id === undefined) return
    const mine = ++seq
    loading.value = true
    try {
      const [offer, ratings] = await Promise.all([getOffer(id, semester.value), listChildRatings(id)])
      if (mine !== seq) return
      takeRatings(ratings)
      courses.value = taken(offer.seats)
      for (const c of courses.value) drafts[c.course_id] ??= { score: 0, comment: '' }
      error.value = null
    } catch (e) {
      if (mine !== seq) return
      courses.value = []
      error.value = toApiError(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  async function submit(course: TakenCourse): Promise<void> {
    const id = childId.value
    const draft = drafts[course.course_id]
    if (id === undefined || !draft || busy[course.course_id]) return
    if (draft.score < 1) {
      errors[course.course_id] = t('asOps.rating.pickScore')
      return
    }
    busy[course.course_id] = true
    delete errors[course.course_id]
    try {
      await rateCourse(id, course.course_id, { score: draft.score, comment: draft.comment.trim() })
      rated[course.course_id] = { score: draft.score, comment: draft.comment.trim() }
      ElMessage({ type: 'success', message: t('asOps.rating.thanks') })
    } catch (e) {
      const err = toApiError(e)
      if (err.code === 'afterschool.already_rated') await rereadRatings(id, course.course_id)
      else errors[course.course_id] = errorText(err)
    } finally {
      busy[course.course_id] = false
    }
  }

  /// After a 409: the rating given elsewhere, or at least the course marked rated.
  async function rereadRatings(id: number, courseId: number): Promise<void> {
    try {
      if (id === childId.value) takeRatings(await listChildRatings(id))
    } catch {
      // Shown as rated all the same, without the stars.
    }
    if (id === childId.value) rated[courseId] ??= { score: 0, comment: '' }
  }

  watch(childId, () => {
    for (const k of Object.keys(rated)) delete rated[Number(k)]
  })
  watch([childId, semester], load, { immediate: true })

  return { semester, courses, drafts, rated, busy, errors, loading, errorMessage, submit, reload: load }
}
