import { computed, reactive, ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { useI18n } from 'vue-i18n'
import { ElMessage, type FormInstance, type FormRules } from 'element-plus'
import { login, type LoginForm } from '@/api/auth'
import { ApiError, serverMessage } from '@/utils/apiError'

/// Sign-in form: validation, submit, and the server's refusal shown inline above the form.
export function useLogin() {
  const { t } = useI18n()
  const route = useRoute()
  const router = useRouter()

  const formRef = ref<FormInstance>()
  const form = reactive<LoginForm>({ username: '', password: '' })
  const submitting = ref(false)
  const error = ref<ApiError | null>(null)

  // Rules are computed so their messages follow a language switch.
  const rules = computed<FormRules<LoginForm>>(() => ({
    username: [{ required: true, whitespace: true, message: t('login.usernameRequired'), trigger: ['blur', 'change'] }],
    password: [{ required: true, message: t('login.passwordRequired'), trigger: ['blur', 'change'] }],
  }))

  /// Re-read in the current language, so switching language after a failure updates the text.
  const errorText = computed(() => (error.value ? (serverMessage(error.value.payload) ?? error.value.message) : ''))
  const errorRequestId = computed(() => error.value?.requestId ?? null)

  async function submit(): Promise<void> {
    if (submitting.value || !formRef.value) return
    const valid = await formRef.value.validate().catch(() => false)
    if (!valid) return
    submitting.value = true
    error.value = null
    try {
      await login({ username: form.username.trim(), password: form.password })
      ElMessage.success(t('login.success'))
      const redirect = typeof route.query.redirect === 'string' && route.query.redirect.startsWith('/') ? route.query.redirect : '/home'
      await router.replace(redirect)
    } catch (e) {
      error.value = e instanceof ApiError ? e : new ApiError(0, null, String(e))
    } finally {
      submitting.value = false
    }
  }

  return { formRef, form, rules, submitting, error, errorText, errorRequestId, submit }
}
