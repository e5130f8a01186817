import { computed, ref, shallowRef } from 'vue'
import { useRouter } from 'vue-router'
import { RECORD_STATUSES, getSettings, listRecords, type RecordDetail, type RecordStatus, type RecordSummary } from '@/api/providers'
import { queryText, usePagedList } from '@/composables/usePagedList'
import { useUserStore } from '@/stores/user'

export interface RecordFilters {
  [key: string]: string | number | undefined
  status: RecordStatus | ''
  /// part of the name or the credit code
  q: string
}

/// 机构准入与名录: a county's records (every status, a tab each), the city's (all counties, read only), or a school's
/// view of its county's white list (admitted and suspended only); searched by name or credit code, kept in the
/// address. The county enters paper applications here; a school records spot checks and rates providers.
export function useRecords() {
  const router = useRouter()
  const user = useUserStore()
  const isSchool = computed(() => user.user?.role === 'school_admin')
  const isCity = computed(() => user.user?.role === 'city_admin')
  /// A school sees the white list: admitted first.
  const tabs = computed<(RecordStatus | '')[]>(() => (isSchool.value ? ['admitted', 'suspended'] : ['', ...RECORD_STATUSES]))
  const defaultStatus = (): RecordStatus | '' => (user.user?.role === 'school_admin' ? 'admitted' : '')

  const list = usePagedList<RecordSummary, RecordFilters>({
    empty: () => ({ status: defaultStatus(), q: '' }),
    fetch: (f, paging) => listRecords({ status: f.status || undefined, q: f.q.trim() || undefined, ...paging }),
    query: {
      keys: ['status', 'q'],
      read: (q) => {
        const s = queryText(q, 'status')
        return { status: (RECORD_STATUSES as readonly string[]).includes(s) ? (s as RecordStatus) : defaultStatus(), q: queryText(q, 'q') }
      },
    },
  })

  function pickTab(status: RecordStatus | ''): void {
    list.filters.status = status
    list.search()
  }

  /// The paper-application dialog, and the county's fee percent shown in it.
  const entering = ref(false)
  const maxPercent = ref<number | null>(null)
  async function enterPaper(): Promise<void> {
    entering.value = true
    if (maxPercent.value !== null || !user.hasPermi('providers:settings:read')) return
    try {
      maxPercent.value = (await getSettings()).max_fee_percent_of_outside
    } catch {
      // The form then states the rule without the figure.
    }
  }
  function onEntered(r: RecordDetail): void {
    void router.push(`/providers/records/${r.id}`)
  }

  /// A school's dialogs on a row: a spot check, a rating.
  const spotting = shallowRef<RecordSummary | null>(null)
  const rating = shallowRef<RecordSummary | null>(null)

  function open(row: RecordSummary): void {
    void router.push(`/providers/records/${row.id}`)
  }

  return { ...list, isSchool, isCity, tabs, pickTab, entering, maxPercent, enterPaper, onEntered, spotting, rating, open }
}
