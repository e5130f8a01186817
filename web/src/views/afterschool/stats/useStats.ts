import { computed, ref, shallowRef, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { exportParticipation, getParticipation, type FigureRow, type ParticipationReport } from '@/api/afterschoolOps'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'
import { saveBlob } from '@/utils/download'
import { useSchoolSemester } from '../shared/useSchoolSemester'

/// The four rates the bureaus report, each a percent of two counts of a row.
export type Metric = 'participation' | 'teacher_participation' | 'coverage' | 'fill'
export const METRICS: readonly Metric[] = ['participation', 'teacher_participation', 'coverage', 'fill']

/// The counts behind a rate: part / whole.
export const COUNTS: Record<Metric, { part: keyof FigureRow; whole: keyof FigureRow }> = {
  participation: { part: 'served', whole: 'students' },
  teacher_participation: { part: 'teaching', whole: 'teachers' },
  coverage: { part: 'offering', whole: 'schools' },
  fill: { part: 'taken', whole: 'capacity' },
}

/// A rate as the report prints it: one decimal (90.2).
export function rateText(value: number): string {
  return value.toFixed(1)
}

/// 课后服务统计 (GET reports/participation): the caller's scope for a semester — a row per county for
/// the city, per school for a county — with the total; the semester is kept in the address. The .xlsx
/// export has the same columns.
export function useStats() {
  const { t } = useI18n()
  const { semester } = useSchoolSemester({ withSchool: false })
  const report = shallowRef<ParticipationReport | null>(null)
  const loading = ref(false)
  const exporting = ref(false)
  const error = ref<ApiError | null>(null)
  const forbidden = computed(() => error.value?.status === 403)
  const errorMessage = computed(() => errorText(error.value))
  /// The rate the chart shows.
  const metric = ref<Metric>('participation')
  /// Nothing to show: no schools in scope.
  const empty = computed(() => report.value !== null && report.value.rows.length === 0)

  let seq = 0
  async function load(): Promise<void> {
    const mine = ++seq
    loading.value = true
    try {
      const answer = await getParticipation(semester.value)
      if (mine !== seq) return
      report.value = answer
      error.value = null
    } catch (e) {
      if (mine !== seq) return
      report.value = null
      error.value = toApiError(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  async function download(): Promise<void> {
    if (exporting.value) return
    exporting.value = true
    try {
      const { blob, filename } = await exportParticipation(semester.value)
      saveBlob(blob, filename)
      ElMessage({ type: 'success', message: t('asOps.stats.exported'), grouping: true })
    } catch (e) {
      ElMessage({ type: 'error', message: errorText(toApiError(e)), showClose: true })
    } finally {
      exporting.value = false
    }
  }

  watch(semester, load, { immediate: true })

  return { semester, report, metric, loading, exporting, forbidden, errorMessage, empty, load, download }
}
