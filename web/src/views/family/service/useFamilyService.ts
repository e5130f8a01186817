import { computed, onMounted, ref, shallowRef, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { listChildren, type Student } from '@/api/org'
import { queryInt } from '@/composables/usePagedList'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'

/// The four things a family does day to day, as tabs: 请假, 接送码, 收费单, 课程评价.
export type ServiceTab = 'leave' | 'pickup' | 'fees' | 'rating'
export const SERVICE_TABS: readonly ServiceTab[] = ['leave', 'pickup', 'fees', 'rating']

function isTab(v: unknown): v is ServiceTab {
  return typeof v === 'string' && (SERVICE_TABS as readonly string[]).includes(v)
}

/// The guardian's children (GET org/children), the child the page is about and the tab on screen,
/// both kept in the address (`?child=3&tab=pickup`; the child only when there are several).
export function useFamilyService() {
  const route = useRoute()
  const router = useRouter()
  const children = shallowRef<Student[]>([])
  const childId = ref<number | undefined>(queryInt(route.query, 'child'))
  const tab = ref<ServiceTab>(isTab(route.query.tab) ? route.query.tab : 'leave')
  const loading = ref(true)
  const error = ref<ApiError | null>(null)
  const errorMessage = computed(() => errorText(error.value))
  const child = computed(() => children.value.find((c) => c.id === childId.value) ?? null)

  async function load(): Promise<void> {
    loading.value = true
    try {
      children.value = await listChildren()
      error.value = null
      if (!children.value.some((c) => c.id === childId.value)) childId.value = children.value[0]?.id
    } catch (e) {
      error.value = toApiError(e)
    } finally {
      loading.value = false
    }
  }

  watch([childId, tab], ([c, t]) => {
    const query: Record<string, string> = { tab: t }
    if (c !== undefined && children.value.length > 1) query.child = String(c)
    void router.replace({ query })
  })

  onMounted(load)

  return { children, childId, child, tab, loading, errorMessage, reload: load }
}
