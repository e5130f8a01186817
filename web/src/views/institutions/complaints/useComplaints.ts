import { computed, ref } from 'vue'
import { useRouter } from 'vue-router'
import { COMPLAINT_STATUSES, listComplaints, type Complaint, type ComplaintStatus } from '@/api/complaints'
import { queryText, usePagedList } from '@/composables/usePagedList'
import { useUserStore } from '@/stores/user'

export interface ComplaintFilters {
  [key: string]: string | number | undefined
  status: ComplaintStatus | ''
  /// 'true': overdue only
  overdue: 'true' | ''
  /// 'true': assigned to me
  mine: 'true' | ''
}

/// The county a district user or an inspector works for: the last code of their scope path
/// (`/370800/370811/` → `370811`); '' for the city.
export function countyOfScope(scopePath: string | undefined): string {
  const parts = (scopePath ?? '').split('/').filter(Boolean)
  return parts.length >= 2 ? parts[parts.length - 1] : ''
}

/// 举报受理: the complaints in scope by status, overdue only and "assigned to me" (kept in the address),
/// the record dialog, and the way to a complaint's page.
export function useComplaints() {
  const router = useRouter()
  const user = useUserStore()
  const list = usePagedList<Complaint, ComplaintFilters>({
    empty: () => ({ status: '', overdue: '', mine: '' }),
    fetch: (f, paging) =>
      listComplaints({
        status: f.status || undefined,
        overdue: f.overdue === 'true' || undefined,
        mine: f.mine === 'true' || undefined,
        ...paging,
      }),
    query: {
      keys: ['status', 'overdue', 'mine'],
      read: (q) => {
        const status = queryText(q, 'status') as ComplaintStatus
        return {
          status: COMPLAINT_STATUSES.includes(status) ? status : '',
          overdue: queryText(q, 'overdue') === 'true' ? 'true' : '',
          mine: queryText(q, 'mine') === 'true' ? 'true' : '',
        }
      },
    },
  })

  /// The yes/no boxes of the filter bar, kept in the address as 'true' or nothing.
  const overdueOnly = computed({
    get: () => list.filters.overdue === 'true',
    set: (v: boolean) => (list.filters.overdue = v ? 'true' : ''),
  })
  const mineOnly = computed({
    get: () => list.filters.mine === 'true',
    set: (v: boolean) => (list.filters.mine = v ? 'true' : ''),
  })
  /// Complaints are assigned to inspectors: "mine" means something to them only.
  const canBeAssigned = computed(() => user.user?.role === 'inspector')
  const county = computed(() => countyOfScope(user.user?.scope_path))
  const canRecord = computed(() => user.hasPermi('institutions:complaint:create') && county.value !== '')
  const recording = ref(false)

  function open(row: Complaint): void {
    void router.push(`/institutions/complaints/${row.id}`)
  }

  function recorded(k: Complaint): void {
    void router.push(`/institutions/complaints/${k.id}`)
  }

  return { ...list, overdueOnly, mineOnly, canBeAssigned, county, canRecord, recording, open, recorded }
}
