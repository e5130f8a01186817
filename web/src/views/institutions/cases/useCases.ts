import { computed } from 'vue'
import { useRouter } from 'vue-router'
import { CASE_STATES, listCases, type CaseState, type InspectionCase } from '@/api/institutions'
import { queryText, usePagedList } from '@/composables/usePagedList'

export interface CaseFilters {
  [key: string]: string | number | undefined
  state: CaseState | ''
  /// 'true': open cases only
  open: 'true' | ''
}

/// 检查案件: the cases in scope, by state and open-only (kept in the address), newest activity first.
export function useCases() {
  const router = useRouter()
  const list = usePagedList<InspectionCase, CaseFilters>({
    empty: () => ({ state: '', open: '' }),
    fetch: (f, paging) => listCases({ state: f.state || undefined, open: f.open === 'true' || undefined, ...paging }),
    query: {
      keys: ['state', 'open'],
      read: (q) => {
        const state = queryText(q, 'state') as CaseState
        return { state: CASE_STATES.includes(state) ? state : '', open: queryText(q, 'open') === 'true' ? 'true' : '' }
      },
    },
  })

  /// The open-only box of the filter bar.
  const openOnly = computed({
    get: () => list.filters.open === 'true',
    set: (v: boolean) => (list.filters.open = v ? 'true' : ''),
  })

  function open(row: InspectionCase): void {
    void router.push(`/institutions/cases/${row.id}`)
  }

  return { ...list, openOnly, open }
}
