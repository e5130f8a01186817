import { computed, reactive, ref, shallowRef, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { getCountySettings, putCountySettings, type CountySettings } from '@/api/homework'
import { listUnits, type Unit } from '@/api/org'
import { useFieldErrors } from '@/composables/useFieldErrors'
import { useUserStore } from '@/stores/user'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'

/// The county of a scope path: `/370800/370811/` → 370811; a city's scope has none.
function countyOf(scopePath: string): string | null {
  const parts = scopePath.split('/').filter(Boolean)
  return parts.length >= 2 ? parts[1] : null
}

/// A county's homework limits (never above the national ones: refused here and by the server, R1.2), its
/// rest-day limits (empty: as a school day) and the R1.3 banned-phrase list (restore: the default list).
export function useCountySettings() {
  const { t } = useI18n()
  const user = useUserStore()
  const units = shallowRef<Unit[]>([])
  const unitCode = ref<string | null>(countyOf(user.user?.scope_path ?? ''))
  const settings = shallowRef<CountySettings | null>(null)
  const form = reactive({
    primary_limit: 60 as number | undefined,
    junior_limit: 90 as number | undefined,
    rest_day_primary_limit: undefined as number | undefined,
    rest_day_junior_limit: undefined as number | undefined,
    parent_task_phrases: [] as string[],
  })
  /// The list is the default one until a phrase is edited (then it is sent; restore sends null).
  const phrasesTouched = ref(false)
  const errors = useFieldErrors(form, ['primary_limit', 'junior_limit', 'rest_day_primary_limit', 'rest_day_junior_limit', 'parent_task_phrases'] as const)
  const loading = ref(false)
  const saving = ref(false)
  const error = ref<ApiError | null>(null)
  const errorMessage = computed(() => errorText(error.value))
  const forbidden = computed(() => error.value?.status === 403)
  const national = computed(() => settings.value?.national ?? { primary: 60, junior: 90 })

  function apply(s: CountySettings): void {
    settings.value = s
    form.primary_limit = s.primary_limit
    form.junior_limit = s.junior_limit
    form.rest_day_primary_limit = s.rest_day_primary_limit ?? undefined
    form.rest_day_junior_limit = s.rest_day_junior_limit ?? undefined
    form.parent_task_phrases = [...s.parent_task_phrases]
    phrasesTouched.value = false
  }

  async function load(): Promise<void> {
    const code = unitCode.value
    if (!code) return
    loading.value = true
    try {
      const s = await getCountySettings(code)
      if (code === unitCode.value) apply(s)
      error.value = null
    } catch (e) {
      error.value = toApiError(e)
    } finally {
      loading.value = false
    }
  }

  async function loadUnits(): Promise<void> {
    try {
      units.value = (await listUnits()).filter((u) => u.parent_code !== '')
      unitCode.value ??= units.value[0]?.code ?? null
    } catch {
      // The unit names are a convenience; the county of the caller's scope is enough to work.
    }
  }

  /// Client-side the same refusal as the server's: a limit above the national one.
  const tooHigh = computed(() => ({
    primary_limit: (form.primary_limit ?? 0) > national.value.primary,
    junior_limit: (form.junior_limit ?? 0) > national.value.junior,
    rest_day_primary_limit: (form.rest_day_primary_limit ?? 0) > national.value.primary,
    rest_day_junior_limit: (form.rest_day_junior_limit ?? 0) > national.value.junior,
  }))
  const valid = computed(
    () => form.primary_limit !== undefined && form.junior_limit !== undefined && !Object.values(tooHigh.value).some(Boolean),
  )

  async function save(restoreDefaults = false): Promise<void> {
    const code = unitCode.value
    if (!code || !valid.value || saving.value) return
    errors.clear()
    saving.value = true
    try {
      const s = await putCountySettings(code, {
        primary_limit: form.primary_limit ?? 0,
        junior_limit: form.junior_limit ?? 0,
        rest_day_primary_limit: form.rest_day_primary_limit ?? null,
        rest_day_junior_limit: form.rest_day_junior_limit ?? null,
        parent_task_phrases: restoreDefaults ? null : phrasesTouched.value || settings.value?.phrases_customised ? [...form.parent_task_phrases] : null,
      })
      apply(s)
      ElMessage({ type: 'success', message: t('homework.county.saved'), grouping: true })
    } catch (e) {
      errors.show(e)
    } finally {
      saving.value = false
    }
  }

  function addPhrase(text: string): void {
    const p = text.trim()
    if (!p || form.parent_task_phrases.includes(p)) return
    form.parent_task_phrases.push(p)
    phrasesTouched.value = true
  }

  function removePhrase(p: string): void {
    form.parent_task_phrases = form.parent_task_phrases.filter((x) => x !== p)
    phrasesTouched.value = true
  }

  watch(unitCode, () => void load(), { immediate: true })
  void loadUnits()
  return {
    units,
    unitCode,
    settings,
    form,
    national,
    tooHigh,
    valid,
    fieldErrors: errors.fieldErrors,
    failureText: errors.failureText,
    loading,
    saving,
    errorMessage,
    forbidden,
    load,
    save,
    addPhrase,
    removePhrase,
  }
}
