import { useI18n } from 'vue-i18n'
import { ElMessage, ElMessageBox } from 'element-plus'
import { answerSurvey, cancelSignup, getFamily, signUp, type FamilyChild, type PriorityGroup, type Signup } from '@/api/custody'
import { useLoaded } from '@/composables/useLoaded'
import { errorText, toApiError } from '@/utils/apiError'

/// 暑期托管 (family): per child the county's plan — its periods and the sites serving the child's school — the needs
/// survey while it is open, the sign-up while sign-up is open (after the draw a late sign-up takes a free place or
/// joins the end of the waitlist), and the child's sign-ups with their states and the cancel.
export function useFamilyCustody() {
  const { t } = useI18n()
  const { data: children, loading, error, load } = useLoaded(getFamily, [])

  async function survey(child: FamilyChild, wants: boolean, periodIds: number[]): Promise<void> {
    if (!child.plan) return
    await answerSurvey(child.plan.id, { student_id: child.student_id, wants, period_ids: wants ? periodIds : [] })
    ElMessage({ type: 'success', message: t('custody.family.surveySaved') })
    await load()
  }

  async function signup(child: FamilyChild, siteId: number, periodIds: number[], groups: PriorityGroup[]): Promise<void> {
    if (!child.plan) return
    await signUp(child.plan.id, { student_id: child.student_id, site_id: siteId, period_ids: periodIds, groups })
    ElMessage({ type: 'success', message: t('custody.family.signedUp') })
    await load()
  }

  async function cancel(s: Signup): Promise<void> {
    try {
      await ElMessageBox.confirm(
        t(s.status === 'placed' ? 'custody.family.cancelPlacedAsk' : 'custody.family.cancelAsk', { period: s.period_name, site: s.site_name }),
        t('custody.family.cancel'),
        { confirmButtonText: t('custody.family.cancel'), cancelButtonText: t('custody.family.keep'), type: 'warning' },
      )
    } catch {
      return
    }
    try {
      await cancelSignup(s.id)
      ElMessage({ type: 'success', message: t('custody.family.cancelled') })
      await load()
    } catch (e) {
      ElMessage({ type: 'error', message: errorText(toApiError(e)), showClose: true })
    }
  }

  return { children, loading, error, load, survey, signup, cancel }
}
