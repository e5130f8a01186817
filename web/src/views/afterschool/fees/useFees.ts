import { computed, ref, shallowRef, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { exportSchoolFees, getSchoolFees, listFill, type CourseFill, type SchoolFees } from '@/api/afterschoolOps'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'
import { saveBlob } from '@/utils/download'
import { useSchoolSemester } from '../shared/useSchoolSemester'

/// 收费与满额 of one school and semester: the fee list (GET schools/{id}/fees — every child charged for
/// hours actually taken, within the caps, hardship waived) with its .xlsx, and the fill per course
/// (GET schools/{id}/fill). School and semester are kept in the address; a school's own staff get
/// their school chosen for them.
export function useFees() {
  const { t } = useI18n()
  const { schoolId, semester } = useSchoolSemester()
  const fees = shallowRef<SchoolFees | null>(null)
  const fill = shallowRef<CourseFill[]>([])
  const loading = ref(false)
  const exporting = ref(false)
  const feesError = ref<ApiError | null>(null)
  const fillError = ref<ApiError | null>(null)
  const forbidden = computed(() => feesError.value?.status === 403 && fillError.value?.status === 403)
  const feesErrorMessage = computed(() => errorText(feesError.value))
  const fillErrorMessage = computed(() => errorText(fillError.value))
  /// Name or class typed in the fee list's search box.
  const query = ref('')
  const rows = computed(() => {
    const q = query.value.trim()
    const all = fees.value?.children ?? []
    return q ? all.filter((c) => c.student_name.includes(q) || c.class_name.includes(q)) : all
  })

  let seq = 0
  async function load(): Promise<void> {
    const id = schoolId.value
    const mine = ++seq
    if (!id) {
      fees.value = null
      fill.value = []
      return
    }
    loading.value = true
    const [f, k] = await Promise.allSettled([getSchoolFees(id, semester.value), listFill(id, semester.value)])
    if (mine !== seq) return
    fees.value = f.status === 'fulfilled' ? f.value : null
    feesError.value = f.status === 'rejected' ? toApiError(f.reason) : null
    fill.value = k.status === 'fulfilled' ? k.value : []
    fillError.value = k.status === 'rejected' ? toApiError(k.reason) : null
    loading.value = false
  }

  async function download(): Promise<void> {
    if (!schoolId.value || exporting.value) return
    exporting.value = true
    try {
      const { blob, filename } = await exportSchoolFees(schoolId.value, semester.value)
      saveBlob(blob, filename)
      ElMessage({ type: 'success', message: t('asOps.fees.exported'), grouping: true })
    } catch (e) {
      ElMessage({ type: 'error', message: errorText(toApiError(e)), showClose: true })
    } finally {
      exporting.value = false
    }
  }

  watch([schoolId, semester], load, { immediate: true })

  return {
    schoolId,
    semester,
    fees,
    fill,
    rows,
    query,
    loading,
    exporting,
    forbidden,
    feesErrorMessage,
    fillErrorMessage,
    load,
    download,
  }
}
