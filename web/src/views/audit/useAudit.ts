import { computed, onMounted, reactive, ref } from 'vue'
import { listAuditLogs, type AuditItem, type OutcomeClass } from '@/api/audit'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'
import { roleLabel } from '@/utils/roles'
import { formatDateTime } from '@/utils/time'

export const PAGE_SIZES = [20, 50, 100, 200]

export interface AuditFilters {
  /// Beijing dates, YYYY-MM-DD; '' for open-ended.
  from: string
  to: string
  actor: string
  action: string
  outcome: OutcomeClass | ''
}

export type TagType = 'success' | 'warning' | 'danger' | 'info'

/// A row as the table shows it.
export interface AuditRow extends AuditItem {
  atText: string
  roleText: string
  outcomeType: TagType
}

function emptyFilters(): AuditFilters {
  return { from: '', to: '', actor: '', action: '', outcome: '' }
}

export function outcomeType(status: number): TagType {
  if (status >= 500) return 'danger'
  if (status >= 400) return 'warning'
  if (status >= 200 && status < 300) return 'success'
  return 'info'
}

/// 操作日志: the filter bar, one page of GET /audit/logs and the pager. A 403 (the role lacks
/// audit:log:read) becomes the no-permission state; other failures are shown above the table.
export function useAudit() {
  const filters = reactive<AuditFilters>(emptyFilters())
  /// The filters of the page on screen: paging keeps them even while the bar is being edited.
  let applied: AuditFilters = emptyFilters()
  const page = ref(1)
  const pageSize = ref(PAGE_SIZES[1])
  const total = ref(0)
  const items = ref<AuditItem[]>([])
  const loading = ref(false)
  const error = ref<ApiError | null>(null)
  const forbidden = computed(() => error.value?.status === 403)
  const errorMessage = computed(() => errorText(error.value))

  /// Re-computed on a language switch (role labels).
  const rows = computed<AuditRow[]>(() =>
    items.value.map((item) => {
      const at = Date.parse(item.at)
      return {
        ...item,
        atText: Number.isNaN(at) ? item.at : formatDateTime(at),
        roleText: roleLabel(item.role),
        outcomeType: outcomeType(item.outcome),
      }
    }),
  )

  /// The date-range picker's model (desktop): both ends or neither.
  const dateRange = computed<[string, string] | null>({
    get: (): [string, string] | null => (filters.from && filters.to ? [filters.from, filters.to] : null),
    set: (value) => {
      filters.from = value?.[0] ?? ''
      filters.to = value?.[1] ?? ''
    },
  })

  let seq = 0
  async function load(): Promise<void> {
    const mine = ++seq
    loading.value = true
    try {
      const result = await listAuditLogs({
        from: applied.from || undefined,
        to: applied.to || undefined,
        actor: applied.actor.trim() || undefined,
        action: applied.action.trim() || undefined,
        outcome: applied.outcome || undefined,
        page: page.value,
        page_size: pageSize.value,
      })
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
    applied = { ...filters }
    page.value = 1
    void load()
  }

  function reset(): void {
    Object.assign(filters, emptyFilters())
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

  onMounted(load)

  return {
    filters,
    dateRange,
    page,
    pageSize,
    total,
    rows,
    loading,
    forbidden,
    errorMessage,
    search,
    reset,
    changePage,
    changePageSize,
    reload: load,
  }
}
