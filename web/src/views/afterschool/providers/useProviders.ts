import { computed, onMounted, reactive, ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, ElMessageBox } from 'element-plus'
import { admitProvider, listProviders, type Provider } from '@/api/afterschool'
import { listUnits, type Unit } from '@/api/org'
import { useUserStore } from '@/stores/user'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'

/// 第三方机构 of the caller's county (GET providers: applicants and the white list). A county bureau
/// registers a non-subject provider and admits it (准入, RULES R2.3c); only admitted ones can teach a
/// school's course.
export function useProviders() {
  const { t, locale } = useI18n()
  const user = useUserStore()
  const providers = shallowRef<Provider[]>([])
  const units = shallowRef<Unit[]>([])
  const loading = ref(false)
  const error = ref<ApiError | null>(null)
  const forbidden = computed(() => error.value?.status === 403)
  const errorMessage = computed(() => errorText(error.value))
  const admitting = reactive<Record<number, boolean>>({})
  /// The units a provider can be registered in (not the city itself).
  const countyUnits = computed(() => units.value.filter((u) => u.kind !== 'city'))

  function unitName(code: string): string {
    const u = units.value.find((x) => x.code === code)
    return u ? (locale.value === 'en' ? u.name_en || u.name : u.name) : code
  }

  async function load(): Promise<void> {
    loading.value = true
    try {
      providers.value = await listProviders()
      error.value = null
    } catch (e) {
      providers.value = []
      error.value = toApiError(e)
    } finally {
      loading.value = false
    }
  }

  async function admit(p: Provider): Promise<void> {
    if (admitting[p.id]) return
    try {
      await ElMessageBox.confirm(t('afterschool.providers.admitConfirm', { name: p.name }), t('afterschool.providers.admit'), {
        type: 'warning',
        confirmButtonText: t('afterschool.providers.admit'),
        cancelButtonText: t('org.cancel'),
      })
    } catch {
      return
    }
    admitting[p.id] = true
    try {
      const done = await admitProvider(p.id)
      providers.value = providers.value.map((x) => (x.id === done.id ? done : x))
      ElMessage({ type: 'success', message: t('afterschool.providers.admitted', { name: done.name }) })
    } catch (e) {
      ElMessage({ type: 'error', message: errorText(toApiError(e)), showClose: true })
    } finally {
      admitting[p.id] = false
    }
  }

  onMounted(async () => {
    void load()
    if (!user.hasPermi('org:unit:read')) return
    try {
      units.value = await listUnits()
    } catch {
      // Units then show as codes.
    }
  })

  return { providers, countyUnits, loading, forbidden, errorMessage, admitting, unitName, load, admit }
}
