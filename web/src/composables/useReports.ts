import { reactive, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'
import { saveBlob } from '@/utils/download'

/// The pieces the statistics pages (作业负担统计, 校外培训监管统计) share: a report per card loaded on its own,
/// the period picked, and the .xlsx download of what is shown.

/// One report as a card shows it: the answer, loading, and its own failure (the other cards still show).
export interface Loaded<R> {
  report: R | null
  loading: boolean
  error: ApiError | null
}

/// A report's state and its loading: a reply that comes after a newer request (or a clear) is dropped, so a fast
/// second click never shows the first answer.
export function reportLoader<R, A extends unknown[]>(fetch: (...args: A) => Promise<R>) {
  const state = reactive({ report: null, loading: false, error: null }) as Loaded<R>
  let seq = 0
  async function load(...args: A): Promise<void> {
    const mine = ++seq
    state.loading = true
    try {
      const r = await fetch(...args)
      if (mine !== seq) return
      state.report = r
      state.error = null
    } catch (e) {
      if (mine !== seq) return
      state.report = null
      state.error = toApiError(e)
    } finally {
      if (mine === seq) state.loading = false
    }
  }
  function clear(): void {
    ++seq
    state.report = null
    state.error = null
    state.loading = false
  }
  return { state, load, clear }
}

/// A card's failure as the text its alert shows.
export const failure = (l: Loaded<unknown>): string => errorText(l.error)

/// The period of a date-range picker (null until chosen) and the query parameters it adds.
export function usePeriod() {
  const period = ref<[string, string] | null>(null)
  const periodQuery = (): { from?: string; to?: string } => (period.value ? { from: period.value[0], to: period.value[1] } : {})
  return { period, periodQuery }
}

/// The .xlsx of what the page shows, fetched with the session and handed to the browser's save dialog; `exporting`
/// while it runs (a second click meanwhile does nothing), then a message: `doneKey` or the failure.
export function useXlsxDownload(fetch: () => Promise<{ blob: Blob; filename: string }>, doneKey: string) {
  const { t } = useI18n()
  const exporting = ref(false)
  async function download(): Promise<void> {
    if (exporting.value) return
    exporting.value = true
    try {
      const { blob, filename } = await fetch()
      saveBlob(blob, filename)
      ElMessage({ type: 'success', message: t(doneKey), grouping: true })
    } catch (e) {
      ElMessage({ type: 'error', message: errorText(toApiError(e)), showClose: true })
    } finally {
      exporting.value = false
    }
  }
  return { exporting, download }
}
