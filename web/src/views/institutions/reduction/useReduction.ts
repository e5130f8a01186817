import { computed, onMounted, ref, shallowRef } from 'vue'
import { getReduction, type ReductionRow } from '@/api/institutions'
import { useUserStore } from '@/stores/user'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'
import { useUnits } from '@/views/org/schools/useSchools'

/// A line of the report table: a county × category × delivery cell, a county's subtotal, or the total.
export interface ReportLine extends ReductionRow {
  kind: 'cell' | 'county' | 'total'
  /// Rows of its county in the table (set on a county's first line, 0 on the others; 1 on the total).
  span: number
}

/// 6338 → "63.38%"; null (baseline 0) → null.
export function rateText(bp: number | null): string | null {
  if (bp === null) return null
  const a = Math.abs(bp)
  return `${bp < 0 ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}%`
}

/// The server's rows in table order: each county's cells, then its subtotal; the total last.
export function reportLines(rows: readonly ReductionRow[]): ReportLine[] {
  const out: ReportLine[] = []
  const units = [...new Set(rows.filter((r) => r.unit_code).map((r) => r.unit_code))]
  for (const unit of units) {
    const cells = rows.filter((r) => r.unit_code === unit && r.category !== null)
    const subtotal = rows.find((r) => r.unit_code === unit && r.category === null)
    const lines: ReportLine[] = cells.map((r) => ({ ...r, kind: 'cell', span: 0 }))
    if (subtotal) lines.push({ ...subtotal, kind: 'county', span: 0 })
    if (lines.length) lines[0].span = lines.length
    out.push(...lines)
  }
  const total = rows.find((r) => r.unit_code === '')
  if (total) out.push({ ...total, kind: 'total', span: 1 })
  return out
}

/// 压减率 (R6.3): the report of the caller's scope, the county subtotals for the chart, and — for a county
/// bureau that may freeze one — the counties without a frozen baseline.
export function useReduction() {
  const user = useUserStore()
  const units = useUnits()
  const rows = shallowRef<ReductionRow[]>([])
  const loading = ref(true)
  const error = ref<ApiError | null>(null)
  const forbidden = computed(() => error.value?.status === 403)
  const errorMessage = computed(() => errorText(error.value))

  const lines = computed(() => reportLines(rows.value))
  const counties = computed(() => rows.value.filter((r) => r.unit_code && r.category === null))
  const total = computed(() => rows.value.find((r) => r.unit_code === '') ?? null)
  /// Counties of the scope whose baseline is not frozen (no baseline row counted); only for those who may freeze.
  const unfrozen = computed(() => {
    if (loading.value || error.value || !user.hasPermi('institutions:baseline:create')) return []
    return units.countyUnits.value.filter((u) => !counties.value.some((c) => c.unit_code === u.code && c.baseline > 0))
  })

  async function load(): Promise<void> {
    loading.value = true
    try {
      rows.value = await getReduction()
      error.value = null
    } catch (e) {
      rows.value = []
      error.value = toApiError(e)
    } finally {
      loading.value = false
    }
  }
  onMounted(load)

  return { ...units, rows, lines, counties, total, unfrozen, loading, forbidden, errorMessage, load }
}
