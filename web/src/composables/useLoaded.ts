import { computed, onMounted, ref, shallowRef, type ComputedRef, type Ref, type ShallowRef } from 'vue'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'

/// What a view fetches when it mounts (and again on `reload`): the data, loading, the failure and its text.
export interface Loaded<T> {
  data: ShallowRef<T>
  loading: Ref<boolean>
  /// true once a load has ended (kept through later reloads)
  loaded: Ref<boolean>
  error: Ref<ApiError | null>
  /// the failure as the alert shows it ('' when none)
  failure: ComputedRef<string>
  load: () => Promise<void>
  reload: () => Promise<void>
}

export interface LoadedOptions {
  /// Put the data back to its first value when a load fails (else what was there stays).
  clearOnError?: boolean
  /// Load when the component mounts (default true); else `loading` starts false and `load` is the caller's.
  immediate?: boolean
}

/// Data a view fetches on mount and on reload; a reply that a newer load has overtaken is dropped.
export function useLoaded<T>(fetch: () => Promise<T>, initial: T, options?: LoadedOptions): Loaded<T>
export function useLoaded<T>(fetch: () => Promise<T>): Loaded<T | null>
export function useLoaded<T>(fetch: () => Promise<T>, initial: T | null = null, options: LoadedOptions = {}): Loaded<T | null> {
  const immediate = options.immediate ?? true
  const data = shallowRef<T | null>(initial)
  const loading = ref(immediate)
  const loaded = ref(false)
  const error = ref<ApiError | null>(null)
  const failure = computed(() => errorText(error.value))

  let seq = 0
  async function load(): Promise<void> {
    const mine = ++seq
    loading.value = true
    try {
      const value = await fetch()
      if (mine !== seq) return
      data.value = value
      error.value = null
    } catch (e) {
      if (mine !== seq) return
      if (options.clearOnError) data.value = initial
      error.value = toApiError(e)
    } finally {
      if (mine === seq) {
        loading.value = false
        loaded.value = true
      }
    }
  }
  if (immediate) onMounted(load)

  return { data, loading, loaded, error, failure, load, reload: load }
}
