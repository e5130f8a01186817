import { computed, onMounted, reactive, ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import {
  caseStats,
  complaintStats,
  escrowStats,
  exportStats,
  reductionStats,
  registryStats,
  type StatsReport,
} from '@/api/institutionsOps'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'
import { saveBlob } from '@/utils/download'

/// One report as a card shows it: the answer, loading, and its own failure (the others still show).
export interface Loaded<T> {
  report: StatsReport<T> | null
  loading: boolean
  error: ApiError | null
}

function loader<T>(fetch: () => Promise<StatsReport<T>>) {
  const state = reactive({ report: null, loading: false, error: null }) as Loaded<T>
  let seq = 0
  async function load(): Promise<void> {
    const mine = ++seq
    state.loading = true
    try {
      const r = await fetch()
      if (mine !== seq) return
      state.report = r
      state.error = null
    } catch (e) {
      if (mine !== seq) return
      state.report = null
      state.error = toApiError(e)
    } finally {
      if (mine === seq) state.loading = false
    }
  }
  return { state, load }
}

export const failure = (l: Loaded<unknown>): string => errorText(l.error)

/// A report with one row per county and a total row (unit_code ''): the rows the bars show (every county, or
/// the drilled-into one) and the total row, absent while drilled in.
export function useCountyRows<T extends { unit_code: string }>(props: { data: Loaded<T>; county: string }) {
  const items = computed(() => props.data.report?.items ?? [])
  const bars = computed(() => items.value.filter((r) => r.unit_code !== '' && (!props.county || r.unit_code === props.county)))
  const totalRow = computed(() => (props.county ? undefined : items.value.find((r) => r.unit_code === '')))
  return { items, bars, totalRow }
}

/// 校外培训监管统计 (`/institutions/stats`): the five reports of the caller's scope, each a card; `county` is
/// the county drilled into ('' every county); the complaints' period; the .xlsx of all five.
export function useInstStats() {
  const { t } = useI18n()
  const period = ref<[string, string] | null>(null)
  const periodQuery = () => (period.value ? { from: period.value[0], to: period.value[1] } : {})
  const registry = loader(registryStats)
  const reduction = loader(reductionStats)
  const complaints = loader(() => complaintStats(periodQuery()))
  const cases = loader(caseStats)
  const escrow = loader(escrowStats)
  const all = [registry, reduction, complaints, cases, escrow]
  const county = ref('')
  const exporting = ref(false)
  /// Every report refused: the page shows the no-permission state.
  const forbidden = computed(() => all.every((l) => l.state.error?.status === 403))
  const asOf = computed(() => all.map((l) => l.state.report?.as_of).find(Boolean) ?? '')
  /// The counties of the scope, in the server's order (the registry report has them all, zeros included).
  const counties = shallowRef<{ code: string; name: string }[]>([])
  const countyName = computed(() => counties.value.find((c) => c.code === county.value)?.name ?? '')

  async function load(): Promise<void> {
    await Promise.all(all.map((l) => l.load()))
    const seen = new Map<string, string>()
    for (const l of all) for (const r of (l.state.report?.items ?? []) as { unit_code: string; unit_name: string }[]) if (r.unit_code && !seen.has(r.unit_code)) seen.set(r.unit_code, r.unit_name)
    counties.value = [...seen].map(([code, name]) => ({ code, name }))
    if (counties.value.length === 1) county.value = counties.value[0].code
  }
  onMounted(load)

  function drill(code: string): void {
    county.value = code
  }

  async function download(): Promise<void> {
    if (exporting.value) return
    exporting.value = true
    try {
      const { blob, filename } = await exportStats(periodQuery())
      saveBlob(blob, filename)
      ElMessage({ type: 'success', message: t('instOps.stats.exported'), grouping: true })
    } catch (e) {
      ElMessage({ type: 'error', message: errorText(toApiError(e)), showClose: true })
    } finally {
      exporting.value = false
    }
  }

  return {
    registry: registry.state,
    reduction: reduction.state,
    complaints: complaints.state,
    cases: cases.state,
    escrow: escrow.state,
    reloadComplaints: complaints.load,
    period,
    county,
    counties,
    countyName,
    asOf,
    forbidden,
    exporting,
    load,
    drill,
    download,
  }
}
