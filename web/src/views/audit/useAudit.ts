import { computed } from 'vue'
import { listAuditLogs, type AuditItem, type OutcomeClass } from '@/api/audit'
import { PAGE_SIZES, usePagedList } from '@/composables/usePagedList'
import { roleLabel } from '@/utils/roles'
import { formatDateTime } from '@/utils/time'

export interface AuditFilters {
  [key: string]: string | undefined
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
  const list = usePagedList<AuditItem, AuditFilters>({
    empty: emptyFilters,
    pageSize: PAGE_SIZES[1],
    fetch: (f, paging) =>
      listAuditLogs({
        from: f.from || undefined,
        to: f.to || undefined,
        actor: f.actor.trim() || undefined,
        action: f.action.trim() || undefined,
        outcome: f.outcome || undefined,
        ...paging,
      }),
  })
  const { filters, items } = list

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

  return { ...list, rows, dateRange, reload: list.load }
}
