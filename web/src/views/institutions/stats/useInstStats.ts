import { computed, onMounted, ref, shallowRef } from 'vue'
import {
  caseStats,
  complaintStats,
  escrowStats,
  exportStats,
  reductionStats,
  registryStats,
  type StatsReport,
} from '@/api/institutionsOps'
import { reportLoader, usePeriod, useXlsxDownload, type Loaded as LoadedReport } from '@/composables/useReports'

export { failure } from '@/composables/useReports'

/// One report as a card shows it: the answer, loading, and its own failure (the others still show).
export type Loaded<T> = LoadedReport<StatsReport<T>>

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
  const { period, periodQuery } = usePeriod()
  const registry = reportLoader(registryStats)
  const reduction = reportLoader(reductionStats)
  const complaints = reportLoader(() => complaintStats(periodQuery()))
  const cases = reportLoader(caseStats)
  const escrow = reportLoader(escrowStats)
  const all = [registry, reduction, complaints, cases, escrow]
  const county = ref('')
  const { exporting, download } = useXlsxDownload(() => exportStats(periodQuery()), 'instOps.stats.exported')
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
