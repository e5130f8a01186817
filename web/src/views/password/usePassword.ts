import { computed, reactive, ref, watch } from 'vue'
import { useRouter } from 'vue-router'
import { useI18n } from 'vue-i18n'
import { ElMessage, type FormInstance, type FormItemRule, type FormRules } from 'element-plus'
import { changePassword } from '@/api/auth'
import { HOME_PATH } from '@/router/guard'
import { useUserStore } from '@/stores/user'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'
import { PASSWORD_POLICY, checkPassword } from '@/utils/passwordPolicy'

export interface PasswordFields {
  old_password: string
  new_password: string
  confirm: string
}
type ServerField = 'old_password' | 'new_password'

/// The field of this form a 422 from POST /auth/password is about (`password` is the new one).
function formFieldOf(field: string | null): ServerField | null {
  if (field === 'old_password') return 'old_password'
  if (field === 'new_password' || field === 'password') return 'new_password'
  return null
}

/// Change one's own password: forced at first log-in (the only page reachable until done), or
/// chosen from the account menu. The rule is checked as one types; the server's refusal is shown
/// on the field it names, anything else above the form.
export function usePassword() {
  const { t } = useI18n()
  const router = useRouter()
  const store = useUserStore()

  const formRef = ref<FormInstance>()
  const form = reactive<PasswordFields>({ old_password: '', new_password: '', confirm: '' })
  const serverErrors = reactive<Record<ServerField, ApiError | null>>({ old_password: null, new_password: null })
  /// Shown under the fields (Element Plus's `error` prop), in the current language.
  const fieldErrors = computed(() => ({
    old_password: errorText(serverErrors.old_password),
    new_password: errorText(serverErrors.new_password),
  }))
  const failure = ref<ApiError | null>(null)
  const submitting = ref(false)

  const username = computed(() => store.user?.username ?? '')
  const forced = computed(() => store.mustChangePassword)
  const check = computed(() => checkPassword(form.new_password, username.value))
  /// The rule under the new-password field, each part ticked once met (none while it is empty).
  const ruleList = computed(() => {
    const typed = form.new_password !== ''
    const { minLength, minClasses } = PASSWORD_POLICY
    return [
      { key: 'length', ok: typed && check.value.length, text: t('password.ruleLength', { min: minLength }) },
      { key: 'classes', ok: typed && check.value.classes, text: t('password.ruleClasses', { min: minClasses }) },
      { key: 'username', ok: typed && check.value.notUsername, text: t('password.ruleUsername') },
    ]
  })
  const failureText = computed(() => errorText(failure.value))

  // A server complaint about a field goes away once the field is edited.
  watch(() => form.old_password, () => (serverErrors.old_password = null))
  watch(() => form.new_password, () => (serverErrors.new_password = null))

  const newPasswordRule: FormItemRule['validator'] = (_rule, value: string, callback) => {
    const c = checkPassword(value, username.value)
    const { minLength: length, minClasses: classes } = PASSWORD_POLICY
    if (!c.length || !c.classes) callback(new Error(t('password.weak', { length, classes })))
    else if (!c.notUsername) callback(new Error(t('password.containsUsername')))
    else if (value === form.old_password) callback(new Error(t('password.sameAsOld')))
    else callback()
  }
  const confirmRule: FormItemRule['validator'] = (_rule, value: string, callback) => {
    callback(value === form.new_password ? undefined : new Error(t('password.mismatch')))
  }

  // Computed so the messages follow a language switch.
  const rules = computed<FormRules<PasswordFields>>(() => ({
    old_password: [{ required: true, message: t('password.oldRequired'), trigger: 'blur' }],
    new_password: [
      { required: true, message: t('password.newRequired'), trigger: 'blur' },
      { validator: newPasswordRule, trigger: 'blur' },
    ],
    confirm: [
      { required: true, message: t('password.confirmRequired'), trigger: 'blur' },
      { validator: confirmRule, trigger: 'blur' },
    ],
  }))

  async function submit(): Promise<void> {
    if (submitting.value || !formRef.value) return
    serverErrors.old_password = null
    serverErrors.new_password = null
    failure.value = null
    const valid = await formRef.value.validate().catch(() => false)
    if (!valid) return
    submitting.value = true
    try {
      await changePassword({ old_password: form.old_password, new_password: form.new_password })
      store.setMustChangePassword(false)
      ElMessage({ type: 'success', message: t('password.success'), grouping: true })
      await router.replace(HOME_PATH)
    } catch (e) {
      const err = toApiError(e)
      const field = err.status === 422 ? formFieldOf(err.field) : null
      if (field) serverErrors[field] = err
      else failure.value = err
    } finally {
      submitting.value = false
    }
  }

  function back(): void {
    void router.replace(HOME_PATH)
  }

  return { formRef, form, rules, fieldErrors, failureText, submitting, forced, ruleList, submit, back }
}
