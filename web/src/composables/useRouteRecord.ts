import { computed, ref, shallowRef, watch } from 'vue'
import { useRoute } from 'vue-router'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'

/// The record a detail page shows, by the `:id` of its address (`/org/students/21`), fetched again
/// when the id changes; `then` loads what hangs off it (guardians, classes) once it is there. A 404
/// (no such record, or one outside the user's scope: the server does not say which) and an id that
/// is not a number are `notFound`, a state of the page; a 403 is `forbidden`.
export function useRouteRecord<T>(fetch: (id: number) => Promise<T>, then?: (id: number) => Promise<void>) {
  const route = useRoute()
  const id = computed(() => Number(route.params.id))
  const record = shallowRef<T | null>(null)
  const loading = ref(true)
  const error = ref<ApiError | null>(null)
  const validId = computed(() => Number.isInteger(id.value) && id.value > 0)
  const notFound = computed(() => error.value?.status === 404 || (!loading.value && !validId.value))
  const forbidden = computed(() => error.value?.status === 403)
  const errorMessage = computed(() => errorText(error.value))

  async function load(): Promise<void> {
    record.value = null
    error.value = null
    if (!validId.value) {
      loading.value = false
      return
    }
    loading.value = true
    try {
      record.value = await fetch(id.value)
    } catch (e) {
      error.value = toApiError(e)
      return
    } finally {
      loading.value = false
    }
    await then?.(id.value)
  }

  // Leaving for another page changes the params too, while this one fades out: not a new record.
  const page = route.name
  watch(id, () => route.name === page && load(), { immediate: true })

  /// What DetailShell takes of the load (`<DetailShell v-bind="shell" …>`).
  const shell = computed(() => ({
    forbidden: forbidden.value,
    notFound: notFound.value,
    loading: loading.value,
    errorMessage: errorMessage.value,
  }))

  return { id, record, loading, notFound, forbidden, errorMessage, shell, reload: load }
}

/// A list that hangs off a detail page's record, with its own failure (the record still shows).
export function useRelatedList<T>(fetch: (id: number) => Promise<T[]>) {
  const items = shallowRef<T[]>([])
  const error = ref<ApiError | null>(null)
  const errorMessage = computed(() => errorText(error.value))
  async function load(id: number): Promise<void> {
    try {
      items.value = await fetch(id)
      error.value = null
    } catch (e) {
      items.value = []
      error.value = toApiError(e)
    }
  }
  return { items, errorMessage, load }
}
