import { computed, onMounted, ref, shallowRef, watch } from 'vue'
import { listAlerts, type EscrowAlert } from '@/api/institutionsOps'
import { useUserStore } from '@/stores/user'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'

/// 风险预警: institutions closed or cancelled while families' money is held — open ones by default; the
/// county resolves one with a note of what was done.
export function useAlerts() {
  const user = useUserStore()
  const items = shallowRef<EscrowAlert[]>([])
  const openOnly = ref(true)
  const loading = ref(false)
  const error = ref<ApiError | null>(null)
  const errorMessage = computed(() => errorText(error.value))
  const canResolve = computed(() => user.hasPermi('institutions:escrow:update'))
  /// The alert whose resolve dialog is open.
  const resolving = shallowRef<EscrowAlert | null>(null)

  async function load(): Promise<void> {
    loading.value = true
    try {
      items.value = await listAlerts(openOnly.value)
      error.value = null
    } catch (e) {
      items.value = []
      error.value = toApiError(e)
    } finally {
      loading.value = false
    }
  }
  onMounted(load)
  watch(openOnly, load)

  function resolved(a: EscrowAlert): void {
    items.value = openOnly.value ? items.value.filter((x) => x.id !== a.id) : items.value.map((x) => (x.id === a.id ? a : x))
  }

  return { items, openOnly, loading, errorMessage, canResolve, resolving, load, resolved }
}
