import { computed, ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, ElMessageBox } from 'element-plus'
import { closeSeason, getSeason, publishSeason, runSeason, type RunSummary, type SeasonDetail } from '@/api/enrollment'
import { useRouteRecord } from '@/composables/useRouteRecord'
import { useUserStore } from '@/stores/user'
import { errorText, toApiError } from '@/utils/apiError'

export type SeasonAction = 'close' | 'run' | 'publish'

/// A season as its county runs it: the detail, who may change what, and close → run → publish, each after a
/// confirmation. The city reads it all and changes nothing.
export function useSeasonDetail() {
  const { t } = useI18n()
  const user = useUserStore()
  const r = useRouteRecord(getSeason)
  const season = r.record
  const busy = ref<SeasonAction | null>(null)
  const summary = shallowRef<RunSummary | null>(null)
  /// Bumped after the run or publication, so the tabs fetch again.
  const version = ref(0)

  const county = computed(() => user.user?.role === 'district_admin')
  const beforeRun = computed(() => !!season.value && ['open', 'closed'].includes(season.value.status))
  const canEdit = computed(() => county.value && user.hasPermi('enrollment:season:update') && beforeRun.value)
  const canClose = computed(() => county.value && season.value?.status === 'open')
  const canRun = computed(() => county.value && user.hasPermi('enrollment:run:create') && ['closed', 'admitted'].includes(season.value?.status ?? ''))
  const canPublish = computed(() => county.value && season.value?.status === 'admitted')
  const canPlace = computed(() => county.value && user.hasPermi('enrollment:placement:update') && season.value?.status === 'admitted')
  const canDecide = computed(() => county.value && user.hasPermi('enrollment:appeal:update'))

  function set(s: SeasonDetail): void {
    season.value = s
  }

  async function act(action: SeasonAction): Promise<void> {
    const s = season.value
    if (!s) return
    try {
      await ElMessageBox.confirm(t(`enrollment.seasons.${action}Ask`), t(`enrollment.seasons.${action}`), {
        confirmButtonText: t(`enrollment.seasons.${action}`),
        cancelButtonText: t('enrollment.cancel'),
        type: action === 'run' ? 'info' : 'warning',
      })
    } catch {
      return
    }
    busy.value = action
    try {
      if (action === 'close') await closeSeason(s.id)
      else if (action === 'publish') await publishSeason(s.id)
      else summary.value = (await runSeason(s.id)).summary
      set(await getSeason(s.id))
      version.value++
      ElMessage({ type: 'success', message: t(`enrollment.seasons.${action}Done`) })
    } catch (e) {
      ElMessage({ type: 'error', message: errorText(toApiError(e)), showClose: true })
    } finally {
      busy.value = null
    }
  }

  return { ...r, season, busy, summary, version, canEdit, canClose, canRun, canPublish, canPlace, canDecide, set, act }
}
