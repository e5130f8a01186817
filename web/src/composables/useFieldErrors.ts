import { computed, reactive, ref, watch, type Ref } from 'vue'
import type { FormInstance, FormItemRule } from 'element-plus'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'

/// The server's refusal of a form, where the user will look for it: a 422 or 409 naming one of the
/// form's fields (`error.field`) goes under that field (Element Plus's `error` prop), anything else
/// above the form. Texts follow a language switch; a field's complaint goes once it is edited.
/// `aliases` maps other server field names onto a form field (`flags.migrant` → `flags`).
export function useFieldErrors<K extends string>(
  form: Record<K, unknown>,
  fields: readonly K[],
  aliases: Record<string, K> = {},
) {
  const byField = reactive(Object.fromEntries(fields.map((f) => [f, null]))) as Record<K, ApiError | null>
  const failure = ref<ApiError | null>(null)

  const fieldErrors = computed(
    () => Object.fromEntries(fields.map((f) => [f, errorText(byField[f])])) as Record<K, string>,
  )
  const failureText = computed(() => errorText(failure.value))

  for (const f of fields) watch(() => form[f], () => (byField[f] = null), { deep: true })

  function clear(): void {
    for (const f of fields) byField[f] = null
    failure.value = null
  }

  function fieldOf(name: string | null): K | null {
    if (!name) return null
    // `flags.migrant` is about the field `flags`.
    for (const candidate of [name, name.split('.')[0]]) {
      if ((fields as readonly string[]).includes(candidate)) return candidate as K
      if (aliases[candidate]) return aliases[candidate]
    }
    return null
  }

  /// Shows a rejected submit; true when it went under a field.
  function show(reason: unknown): boolean {
    const e = toApiError(reason)
    const field = e.status === 422 || e.status === 409 ? fieldOf(e.field) : null
    if (field) byField[field] = e
    else failure.value = e
    return field !== null
  }

  return { fieldErrors, failureText, clear, show }
}

/// What FormDialog needs of a server form to hold its el-form: the form's ref, whether it is being sent,
/// and the refusal that is no field's.
export interface ServerForm {
  formRef: Ref<FormInstance | undefined>
  submitting: Ref<boolean>
  failureText: Ref<string>
}

/// A form whose submit goes to the server: the form's own rules first (`formRef`), then `action`;
/// while it runs `submitting` is true, and a refusal is shown by useFieldErrors.
export function useServerForm<K extends string>(
  form: Record<K, unknown>,
  fields: readonly K[],
  aliases: Record<string, K> = {},
) {
  const formRef = ref<FormInstance>()
  const submitting = ref(false)
  const errors = useFieldErrors(form, fields, aliases)

  async function run(action: () => Promise<void>): Promise<void> {
    if (submitting.value || !formRef.value) return
    errors.clear()
    if (!(await formRef.value.validate().catch(() => false))) return
    submitting.value = true
    try {
      await action()
    } catch (e) {
      errors.show(e)
    } finally {
      submitting.value = false
    }
  }

  return { formRef, submitting, fieldErrors: errors.fieldErrors, failureText: errors.failureText, run }
}

/// A "must be filled" rule whose message follows the UI language.
export function required(message: string, trigger: 'blur' | 'change' = 'blur'): FormItemRule[] {
  return [{ required: true, message, trigger }]
}
