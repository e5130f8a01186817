import { computed, ref, shallowRef, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, ElMessageBox } from 'element-plus'
import { closeCourse, getFeeStandard, listCourses, type Course, type FeeStandard } from '@/api/afterschool'
import { getSchool, type School } from '@/api/org'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'
import { useSchoolSemester } from '../shared/useSchoolSemester'

/// 课程超市 of one school and semester (GET schools/{id}/courses): the courses with their sections and
/// live seats; the school and the fee standard in force give the publish dialog its grades and the
/// per-hour cap. A course can be closed to new selections.
export function useCourses() {
  const { t } = useI18n()
  const { schoolId, semester } = useSchoolSemester()
  const courses = shallowRef<Course[]>([])
  const school = shallowRef<School | null>(null)
  const standard = shallowRef<FeeStandard | null>(null)
  const standardError = ref<ApiError | null>(null)
  const loading = ref(false)
  const error = ref<ApiError | null>(null)
  const forbidden = computed(() => error.value?.status === 403)
  const errorMessage = computed(() => errorText(error.value))
  /// The most a course of this school may charge per class hour, in fen (null: no standard known).
  const capFen = computed(() =>
    standard.value && school.value ? (school.value.is_rural ? standard.value.rural_per_hour_fen : standard.value.urban_per_hour_fen) : null,
  )
  const standardMissing = computed(() => standardError.value?.status === 404)

  let seq = 0
  async function load(): Promise<void> {
    const id = schoolId.value
    const mine = ++seq
    if (!id) {
      courses.value = []
      school.value = null
      standard.value = null
      return
    }
    loading.value = true
    try {
      const [list, s] = await Promise.all([listCourses(id, semester.value), getSchool(id)])
      if (mine !== seq) return
      courses.value = list
      school.value = s
      error.value = null
    } catch (e) {
      if (mine !== seq) return
      courses.value = []
      error.value = toApiError(e)
      return
    } finally {
      if (mine === seq) loading.value = false
    }
    try {
      standard.value = await getFeeStandard(school.value.unit_code, semester.value)
      standardError.value = null
    } catch (e) {
      if (mine !== seq) return
      standard.value = null
      standardError.value = toApiError(e)
    }
  }

  watch([schoolId, semester], load, { immediate: true })

  function replaced(course: Course): void {
    courses.value = courses.value.map((c) => (c.id === course.id ? course : c))
  }

  async function close(course: Course): Promise<void> {
    try {
      await ElMessageBox.confirm(t('afterschool.courses.closeConfirm', { title: course.title }), t('afterschool.courses.close'), {
        type: 'warning',
        confirmButtonText: t('afterschool.courses.close'),
        cancelButtonText: t('org.cancel'),
      })
    } catch {
      return
    }
    try {
      replaced(await closeCourse(course.id))
      ElMessage({ type: 'success', message: t('afterschool.courses.closed', { title: course.title }) })
    } catch (e) {
      ElMessage({ type: 'error', message: errorText(toApiError(e)), showClose: true })
    }
  }

  return { schoolId, semester, courses, school, standard, capFen, standardMissing, loading, forbidden, errorMessage, load, close }
}
