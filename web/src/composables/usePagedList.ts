import { computed, onMounted, reactive, ref, shallowRef, watch, type ComputedRef, type Ref, type UnwrapRef } from 'vue'
import { useRoute, useRouter, type LocationQuery, type LocationQueryRaw } from 'vue-router'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'

export const PAGE_SIZES = [20, 50, 100, 200]

/// A filter value as a list page keeps it; '' or undefined means "not filtered".
type FilterValue = string | number | undefined
export type Filters = Record<string, FilterValue>

export interface Paging {
  page: number
  page_size: number
}

export interface PagedListOptions<T, F extends Filters> {
  /// The filter bar when nothing is chosen (also what reset() returns to).
  empty: () => F
  /// One page for the applied filters.
  fetch: (filters: F, paging: Paging) => Promise<{ items: T[]; total: number }>
  pageSize?: number
  /// Keep the filters named in `keys` and the page in the address (`?school_id=1&page=2`), so Back
  /// from a detail page returns to the same list and a list can be linked to; `read` turns the query
  /// into filter values. Leave personal data (an identity number) out of `keys`: addresses end up
  /// in the browser's history.
  query?: { keys: readonly (keyof F & string)[]; read: (query: LocationQuery) => Partial<F> }
}

function queryValue(v: LocationQuery[string]): string {
  return (Array.isArray(v) ? v[0] : v) ?? ''
}

/// A positive integer from the address, else undefined (so a hand-edited `?page=x` is ignored).
export function queryInt(query: LocationQuery, key: string): number | undefined {
  const n = Number(queryValue(query[key]))
  return Number.isInteger(n) && n > 0 ? n : undefined
}

export function queryText(query: LocationQuery, key: string): string {
  return queryValue(query[key]).trim()
}

/// What a list's card needs of it (components/ListCard.vue): the rows, the pager and the failure.
export interface PagerState<T = unknown> {
  items: Ref<T[]>
  loading: Ref<boolean>
  page: Ref<number>
  pageSize: Ref<number>
  total: Ref<number>
  errorMessage: ComputedRef<string>
  changePage: (value: number) => void
  changePageSize: (value: number) => void
}

/// A filtered, paged list: the filter bar (`filters`), the filters of the page on screen (paging
/// keeps them even while the bar is being edited), one page of items, the pager, loading and the
/// failure. A 403 is `forbidden` (the page shows the no-permission state); other failures `errorMessage`.
export function usePagedList<T, F extends Filters>(options: PagedListOptions<T, F>) {
  const route = useRoute()
  const router = useRouter()
  const filters = reactive(options.empty()) as F
  let applied: F = options.empty()
  const page = ref(1)
  const defaultPageSize = options.pageSize ?? PAGE_SIZES[0]
  const pageSize = ref(defaultPageSize)
  const total = ref(0)
  const items = shallowRef<T[]>([])
  const loading = ref(false)
  const error = ref<ApiError | null>(null)
  const forbidden = computed(() => error.value?.status === 403)
  const errorMessage = computed(() => errorText(error.value))

  /// The query this list last wrote, to tell its own address changes from a menu click or Back.
  let written = ''

  function fromQuery(query: LocationQuery): void {
    if (!options.query) return
    Object.assign(filters, options.empty(), options.query.read(query))
    applied = { ...filters } as F
    page.value = queryInt(query, 'page') ?? 1
    const size = queryInt(query, 'page_size')
    pageSize.value = size && PAGE_SIZES.includes(size) ? size : defaultPageSize
  }

  function toQuery(): LocationQueryRaw {
    const q: LocationQueryRaw = {}
    for (const k of options.query?.keys ?? []) {
      const v = applied[k]
      if (v !== undefined && v !== '') q[k] = String(v)
    }
    if (page.value > 1) q.page = String(page.value)
    if (pageSize.value !== defaultPageSize) q.page_size = String(pageSize.value)
    return q
  }

  let seq = 0
  async function load(): Promise<void> {
    if (options.query) {
      const q = toQuery()
      written = JSON.stringify(q)
      if (written !== JSON.stringify(route.query)) void router.replace({ query: q })
    }
    const mine = ++seq
    loading.value = true
    try {
      const result = await options.fetch(applied, { page: page.value, page_size: pageSize.value })
      if (mine !== seq) return
      items.value = result.items
      total.value = result.total
      error.value = null
    } catch (e) {
      if (mine !== seq) return
      items.value = []
      total.value = 0
      error.value = toApiError(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  function search(): void {
    applied = { ...filters } as F
    page.value = 1
    void load()
  }

  function reset(): void {
    Object.assign(filters, options.empty())
    search()
  }

  function changePage(value: number): void {
    page.value = value
    void load()
  }

  function changePageSize(value: number): void {
    pageSize.value = value
    page.value = 1
    void load()
  }

  if (options.query) {
    const listPath = route.path
    fromQuery(route.query)
    // The same page opened again with another address (a menu click, Back): follow it.
    watch(
      () => route.query,
      (q) => {
        if (route.path === listPath && JSON.stringify(q) !== written) {
          fromQuery(q)
          void load()
        }
      },
    )
  }
  onMounted(load)

  return {
    filters: filters as UnwrapRef<F>,
    page,
    pageSize,
    total,
    items,
    loading,
    error,
    forbidden,
    errorMessage,
    load,
    search,
    reset,
    changePage,
    changePageSize,
    /// The filters of the page on screen.
    applied: () => applied,
  }
}
