import { computed, onMounted, reactive, ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { listChildren, listConsents, setConsent, type Consent, type ConsentPurpose, type Student } from '@/api/org'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'
import { formatDateTime } from '@/utils/time'

/// The version of the notices this release shows (family.notice.* in the locale files). A grant
/// records the version the guardian read; change it together with the texts.
export const NOTICE_VERSION = '2026-09'

export const PURPOSES: readonly ConsentPurpose[] = ['afterschool', 'custody', 'homework_report', 'enrollment_extra', 'photo']

/// 我的孩子: a guardian's own children (GET children) and, per child and purpose, whether consent is
/// given (RULES R4.2). A switch grants (with NOTICE_VERSION) or withdraws at once; the answer is the
/// child's consents as stored, so the switch shows what the server holds.
export function useChildren() {
  const { t } = useI18n()
  const children = shallowRef<Student[]>([])
  const consents = reactive<Record<number, Consent[]>>({})
  const consentErrors = reactive<Record<number, string>>({})
  /// `${child}:${purpose}` while its change is under way.
  const busy = reactive<Record<string, boolean>>({})
  const loading = ref(true)
  const error = ref<ApiError | null>(null)
  const errorMessage = computed(() => errorText(error.value))

  async function loadConsents(childId: number): Promise<void> {
    try {
      consents[childId] = await listConsents(childId)
      delete consentErrors[childId]
    } catch (e) {
      consentErrors[childId] = errorText(toApiError(e))
    }
  }

  async function load(): Promise<void> {
    loading.value = true
    try {
      children.value = await listChildren()
      error.value = null
      await Promise.all(children.value.map((c) => loadConsents(c.id)))
    } catch (e) {
      error.value = toApiError(e)
    } finally {
      loading.value = false
    }
  }

  function active(childId: number, purpose: ConsentPurpose): Consent | undefined {
    return consents[childId]?.find((c) => c.purpose === purpose && c.active)
  }

  function grantedText(consent: Consent): string {
    const at = Date.parse(consent.granted_at)
    return t('family.granted', {
      version: consent.notice_version,
      time: Number.isNaN(at) ? consent.granted_at : formatDateTime(at).slice(0, 16),
    })
  }

  async function toggle(childId: number, purpose: ConsentPurpose, granted: boolean): Promise<void> {
    const key = `${childId}:${purpose}`
    if (busy[key]) return
    busy[key] = true
    try {
      consents[childId] = await setConsent(childId, { purpose, granted, ...(granted ? { notice_version: NOTICE_VERSION } : {}) })
      ElMessage({ type: 'success', message: t(granted ? 'family.grantedToast' : 'family.withdrawnToast'), grouping: true })
    } catch (e) {
      ElMessage({ type: 'error', message: errorText(toApiError(e)), grouping: true, showClose: true })
    } finally {
      busy[key] = false
    }
  }

  onMounted(load)

  return { children, consentErrors, busy, loading, errorMessage, active, grantedText, toggle, reload: load }
}
