import { computed, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, ElMessageBox } from 'element-plus'
import { exitOwn, getOwn, type Own, type OwnLinked, type RecordDetail } from '@/api/providers'
import { useLoaded } from '@/composables/useLoaded'
import { useUserStore } from '@/stores/user'
import { errorText, toApiError } from '@/utils/apiError'

/// 我的机构 (a provider signed in): its own records with each county, the newest in full, its courses, schools,
/// instructors, evaluations and spot checks — never another provider's. It applies (again, after a rejection or an
/// exit) and may leave the white list of its own accord.
export function useMine() {
  const { t } = useI18n()
  const user = useUserStore()
  const { data: own, loading, error, failure: errorMessage, load } = useLoaded<Own | null>(getOwn, null, { clearOnError: true })
  const forbidden = computed(() => error.value?.status === 403)
  const linked = computed<OwnLinked | null>(() => (own.value?.linked ? own.value : null))
  const current = computed(() => linked.value?.current ?? null)
  const applying = ref(false)
  const exiting = ref(false)
  const tab = ref('current')

  /// No open record: it may apply (again, when a final record stands).
  const canApply = computed(() => !!linked.value && (!current.value || ['rejected', 'exited'].includes(current.value.status)))
  const canExit = computed(() => !!current.value && ['admitted', 'suspended'].includes(current.value.status))
  /// The county applied to: the current record's, else the account's own county (`/370800/370811/`).
  const unitCode = computed(() => current.value?.unit_code || user.user?.scope_path.split('/').filter(Boolean)[1] || '')
  const unitName = computed(() => current.value?.unit_name || unitCode.value)

  function applied(_r: RecordDetail): void {
    ElMessage({ type: 'success', message: t('providers.form.applied') })
    tab.value = 'current'
    void load()
  }

  async function exit(): Promise<void> {
    const rec = current.value
    if (!rec || exiting.value) return
    try {
      await ElMessageBox.confirm(t('providers.mine.exitConfirm', { county: rec.unit_name }), t('providers.mine.exit'), {
        type: 'warning',
        confirmButtonText: t('providers.mine.exit'),
        cancelButtonText: t('org.cancel'),
      })
    } catch {
      return
    }
    exiting.value = true
    try {
      await exitOwn(rec.id)
      ElMessage({ type: 'success', message: t('providers.mine.exitDone') })
      await load()
    } catch (e) {
      ElMessage({ type: 'error', message: errorText(toApiError(e)), showClose: true })
    } finally {
      exiting.value = false
    }
  }

  return { own, linked, current, loading, forbidden, errorMessage, applying, exiting, tab, canApply, canExit, unitCode, unitName, load, applied, exit }
}
