import { computed, onMounted, ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { exportSeasonStats, listSeasons, seasonStats, type SeasonOption, type SeasonStats } from '@/api/enrollmentReports'
import { reportLoader, useXlsxDownload } from '@/composables/useReports'

export { failure, type Loaded } from '@/composables/useReports'

/// 招生统计 (`/enrollment/stats`): the seasons the caller may see, the one chosen (kept in the URL as `?season=`, so a
/// link shows the same season), its figures and its .xlsx.
export function useEnrollmentStats() {
  const route = useRoute()
  const router = useRouter()
  const seasons = reportLoader<SeasonOption[], []>(listSeasons)
  const stats = reportLoader<SeasonStats, [number]>(seasonStats)
  const seasonId = ref<number | null>(null)

  const { exporting, download } = useXlsxDownload(() => exportSeasonStats(seasonId.value ?? 0), 'enStats.exported')
  const forbidden = computed(() => stats.state.error?.status === 403 || seasons.state.error?.status === 403)
  const options = computed(() => seasons.state.report ?? [])

  /// The season of the URL when the caller may see it, else the newest (latest year, then the latest created).
  function initialSeason(list: SeasonOption[]): number | null {
    const wanted = Number(route.query.season)
    if (list.some((s) => s.id === wanted)) return wanted
    const newest = [...list].sort((a, b) => b.year - a.year || b.id - a.id)[0]
    return newest?.id ?? null
  }

  async function load(): Promise<void> {
    if (seasonId.value === null) return stats.clear()
    await stats.load(seasonId.value)
  }

  async function refresh(): Promise<void> {
    await seasons.load()
    const list = options.value
    if (seasonId.value === null || !list.some((s) => s.id === seasonId.value)) seasonId.value = initialSeason(list)
    await load()
  }

  // A season picked in the select loads here; the first one, chosen by refresh(), is loaded by refresh itself.
  watch(seasonId, (id, before) => {
    if (id !== null && String(id) !== route.query.season) void router.replace({ query: { ...route.query, season: String(id) } })
    if (before !== null && id !== before) void load()
  })

  onMounted(refresh)

  return { seasons: seasons.state, stats: stats.state, options, seasonId, exporting, forbidden, refresh, download }
}
