import { computed, onBeforeUnmount, onMounted, ref } from 'vue'
import { getMeta, getReady, type Meta, type Readiness } from '@/api/system'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'
import { formatDateTime } from '@/utils/time'

export type DbState = 'checking' | 'ready' | 'not_ready' | 'unreachable'

/// 工作台 dashboard: server identity from /api/v1/meta and readiness from /readyz.
export function useHome() {
  const loading = ref(false)
  const meta = ref<Meta | null>(null)
  const metaError = ref<ApiError | null>(null)
  const readiness = ref<Readiness | null>(null)
  const readyError = ref<ApiError | null>(null)
  const checkedAt = ref<number | null>(null)

  // Server clock = device clock + the skew measured at the last refresh, so the time ticks
  // without polling and stays right on a phone whose clock is off.
  const skewMs = ref(0)
  const now = ref(Date.now())
  let timer: number | undefined

  const dbState = computed<DbState>(() => {
    if (readiness.value) return 'ready'
    if (!readyError.value) return 'checking'
    return readyError.value.status === 503 ? 'not_ready' : 'unreachable'
  })

  const serverTime = computed(() => (meta.value ? formatDateTime(now.value + skewMs.value) : null))
  const checkedAtText = computed(() => (checkedAt.value === null ? null : formatDateTime(checkedAt.value)))

  /// The server's explanation when the database is not ready, in the UI language.
  const readyErrorText = computed(() => errorText(readyError.value))

  async function refresh(): Promise<void> {
    loading.value = true
    const [metaResult, readyResult] = await Promise.allSettled([getMeta(), getReady()])
    if (metaResult.status === 'fulfilled') {
      meta.value = metaResult.value
      metaError.value = null
      const parsed = Date.parse(metaResult.value.server_time)
      skewMs.value = Number.isNaN(parsed) ? 0 : parsed - Date.now()
    } else {
      meta.value = null
      metaError.value = toApiError(metaResult.reason)
    }
    if (readyResult.status === 'fulfilled') {
      readiness.value = readyResult.value
      readyError.value = null
    } else {
      readiness.value = null
      readyError.value = toApiError(readyResult.reason)
    }
    checkedAt.value = Date.now() + skewMs.value
    now.value = Date.now()
    loading.value = false
  }

  onMounted(() => {
    void refresh()
    timer = window.setInterval(() => (now.value = Date.now()), 1000)
  })
  onBeforeUnmount(() => window.clearInterval(timer))

  return {
    loading,
    meta,
    metaError,
    readiness,
    readyErrorText,
    readyError,
    dbState,
    serverTime,
    checkedAtText,
    refresh,
  }
}
