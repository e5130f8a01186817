import { computed, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, ElMessageBox } from 'element-plus'
import { allocatePlan, getPlan, movePlan, PLAN_STATUSES, type PlanDetail, type StatusMove } from '@/api/custody'
import { useRouteRecord } from '@/composables/useRouteRecord'
import { useUserStore } from '@/stores/user'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'

/// A move the county may make from the plan's state: a status change or the allocation run.
export type PlanAction = StatusMove | 'allocate'

/// A plan as its county runs it: the detail, the moves the server allows (草稿 → 需求调查 → 报名 → 已分配 → 结束),
/// each after a confirmation, and the allocation run. The city and the schools read it and change nothing.
export function usePlanDetail() {
  const { t } = useI18n()
  const user = useUserStore()
  const r = useRouteRecord(getPlan)
  const plan = r.record
  const busy = ref<PlanAction | null>(null)
  /// A refused move, kept on the page (a site without its safety plan cannot open sign-up).
  const moveError = ref<ApiError | null>(null)
  /// Bumped after every move, so the cards fetch again.
  const version = ref(0)

  const county = computed(() => user.user?.role === 'district_admin' && user.hasPermi('custody:plan:update'))
  const step = computed(() => (plan.value ? PLAN_STATUSES.indexOf(plan.value.status) : 0))
  const actions = computed<PlanAction[]>(() => {
    const p = plan.value
    if (!p || !county.value) return []
    const out: PlanAction[] = []
    const allowed = p.allowed_moves ?? []
    for (const m of ['survey', 'signup'] as const) if (allowed.includes(m)) out.push(m)
    if (p.status === 'signup' && user.hasPermi('custody:allocation:create')) out.push('allocate')
    if (allowed.includes('closed')) out.push('closed')
    return out
  })
  const canEdit = computed(() => county.value && plan.value?.status === 'draft')

  async function act(action: PlanAction): Promise<void> {
    const p = plan.value
    if (!p) return
    try {
      await ElMessageBox.confirm(t(`custody.detail.ask.${action}`), t(`custody.detail.move.${action}`), {
        confirmButtonText: t(`custody.detail.move.${action}`),
        cancelButtonText: t('custody.cancel'),
        type: action === 'closed' ? 'warning' : 'info',
      })
    } catch {
      return
    }
    busy.value = action
    moveError.value = null
    try {
      if (action === 'allocate') await allocatePlan(p.id)
      else await movePlan(p.id, action)
      plan.value = await getPlan(p.id)
      version.value++
      ElMessage({ type: 'success', message: t(`custody.detail.done.${action}`) })
    } catch (e) {
      moveError.value = toApiError(e)
    } finally {
      busy.value = null
    }
  }

  function set(p: PlanDetail): void {
    plan.value = p
  }

  return { ...r, plan, busy, moveError, moveErrorText: computed(() => errorText(moveError.value)), version, county, step, actions, canEdit, act, set }
}
