import { computed, reactive, ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { useI18n } from 'vue-i18n'
import { ElMessage, type FormInstance, type FormRules } from 'element-plus'
import type { LoginForm } from '@/api/auth'
import { safeRedirect } from '@/router/guard'
import { useUserStore } from '@/stores/user'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'
import { formatDateTime } from '@/utils/time'

/// Sign-in form: validation, submit, and the server's refusal shown inline above the form
/// (wrong name or password, locked with the time it opens again, too many attempts).
export function useLogin() {
  const { t } = useI18n()
  const route = useRoute()
  const router = useRouter()
  const user = useUserStore()

  const formRef = ref<FormInstance>()
  const form = reactive<LoginForm>({ username: '', password: '' })
  const submitting = ref(false)
  const error = ref<ApiError | null>(null)
  /// Sent here because the session ended (401 from an API call): said once, above the form.
  const expired = computed(() => user.signOutReason === 'expired' && !error.value)

  // Rules are computed so their messages follow a language switch.
  const rules = computed<FormRules<LoginForm>>(() => ({
    username: [{ required: true, whitespace: true, message: t('login.usernameRequired'), trigger: ['blur', 'change'] }],
    password: [{ required: true, message: t('login.passwordRequired'), trigger: ['blur', 'change'] }],
  }))

  /// Re-read in the current language, so switching language after a failure updates the text.
  const errorMessage = computed(() => errorText(error.value))
  /// For a locked account: until when, in Beijing time.
  const errorDetail = computed(() => {
    const until = error.value?.payload?.details?.locked_until
    const at = typeof until === 'string' ? Date.parse(until) : Number.NaN
    return Number.isNaN(at) ? '' : t('login.lockedUntil', { time: formatDateTime(at) })
  })
  const errorRequestId = computed(() => error.value?.requestId ?? null)

  async function submit(): Promise<void> {
    if (submitting.value || !formRef.value) return
    const valid = await formRef.value.validate().catch(() => false)
    if (!valid) return
    submitting.value = true
    error.value = null
    try {
      const signedIn = await user.login({ username: form.username.trim(), password: form.password })
      ElMessage({ type: 'success', message: t('login.success'), grouping: true })
      // The guard sends an account with its initial password to /password first.
      await router.replace(signedIn.must_change_password ? { name: 'password' } : safeRedirect(route.query.redirect))
    } catch (e) {
      error.value = toApiError(e)
    } finally {
      submitting.value = false
    }
  }

  return { formRef, form, rules, submitting, expired, error, errorMessage, errorDetail, errorRequestId, submit }
}
