import { computed, onMounted, ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { exportStats, getStats, type Stats } from '@/api/custody'
import { reportLoader, useXlsxDownload } from '@/composables/useReports'

export { failure } from '@/composables/useReports'

/// The summer whose figures a page opens on: this year's once July has come, else last year's.
function latestSummer(): number {
  const now = new Date()
  return now.getMonth() >= 6 ? now.getFullYear() : now.getFullYear() - 1
}

/// 暑期托管统计 (`/custody/stats`): the year and the county drilled into (both kept in the URL), the figures per county
/// with the scope's total, and the .xlsx of the same.
export function useCustodyStats() {
  const route = useRoute()
  const router = useRouter()
  const year = ref(Number(route.query.year) || latestSummer())
  const county = ref(typeof route.query.unit_code === 'string' ? route.query.unit_code : '')
  const stats = reportLoader<Stats, [number, string]>((y, c) => getStats({ year: y, unit_code: c || undefined }))
  /// The counties of the scope as the last answer without a drill listed them.
  const counties = ref<{ code: string; name: string }[]>([])
  const { exporting, download } = useXlsxDownload(() => exportStats({ year: year.value, unit_code: county.value || undefined }), 'custody.stats.exported')
  const forbidden = computed(() => stats.state.error?.status === 403)
  const years = computed(() => {
    const y = new Date().getFullYear() + 1
    return [y, y - 1, y - 2, y - 3, y - 4]
  })

  async function load(): Promise<void> {
    await stats.load(year.value, county.value)
    const items = stats.state.report?.items ?? []
    if (!county.value) counties.value = items.map((r) => ({ code: r.unit_code, name: r.unit_name }))
  }

  watch([year, county], () => {
    void router.replace({ query: { ...route.query, year: String(year.value), unit_code: county.value || undefined } })
    void load()
  })
  onMounted(load)

  function drill(code: string): void {
    if (counties.value.length > 1) county.value = code
  }

  return { stats: stats.state, year, years, county, counties, exporting, forbidden, load, drill, download }
}
