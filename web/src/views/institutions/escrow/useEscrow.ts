import { reactive, ref, shallowRef, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import {
  getOrder,
  listOrders,
  ORDER_STATUSES,
  runEscrowSweep,
  type EscrowOrder,
  type EscrowState,
  type OrderDetail,
  type OrderStatus,
  type SweepResult,
} from '@/api/institutionsOps'
import { queryInt, queryText, usePagedList } from '@/composables/usePagedList'
import { errorText, toApiError } from '@/utils/apiError'

export interface OrderFilters {
  [key: string]: string | number | undefined
  status: OrderStatus | ''
  institution_id: number | undefined
}

/// Where an order's class hours stand, from its folded ledger: released to the institution, awaiting the
/// family's answer, disputed; and the refund.
export interface HoursSummary {
  released: number
  awaiting: number
  disputed: number
  refund: EscrowState['refund']
}

export function summarise(s: EscrowState | null): HoursSummary | null {
  if (!s) return null
  const sum = (status: string) => s.consumptions.filter((c) => c.status === status).reduce((n, c) => n + c.hours, 0)
  return { released: s.released_hours, awaiting: sum('requested'), disputed: sum('disputed'), refund: s.refund }
}

/// How many order pages are read at once for the hours column.
const PARALLEL = 4

/// 预收费资金监管 (`/institutions/escrow`): the orders in scope by status (and institution, from the
/// address), with balance; the hours column folds each listed order's ledger (read one by one, a few at a
/// time); the order drawer; and "立即执行到期处理" for the county bureau, with what it did.
export function useEscrow() {
  const { t } = useI18n()
  const list = usePagedList<EscrowOrder, OrderFilters>({
    empty: () => ({ status: '', institution_id: undefined }),
    fetch: (f, paging) => listOrders({ status: f.status || undefined, institution_id: f.institution_id, ...paging }),
    query: {
      keys: ['status', 'institution_id'],
      read: (q) => {
        const status = queryText(q, 'status') as OrderStatus
        return { status: ORDER_STATUSES.includes(status) ? status : '', institution_id: queryInt(q, 'institution_id') }
      },
    },
  })
  /// Each listed order's hours, by id (null while read; absent on failure).
  const hours = reactive(new Map<number, HoursSummary | null>())
  /// The order open in the drawer.
  const selected = ref<number | null>(null)
  const sweeping = ref(false)
  const sweep = shallowRef<SweepResult | null>(null)

  async function fold(ids: number[]): Promise<void> {
    const queue = ids.filter((id) => !hours.has(id))
    for (const id of queue) hours.set(id, null)
    const worker = async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        try {
          hours.set(id, summarise((await getOrder(id)).state))
        } catch {
          hours.delete(id)
        }
      }
    }
    await Promise.all(Array.from({ length: PARALLEL }, worker))
  }
  watch(list.items, (rows) => void fold(rows.map((r) => r.id)), { immediate: true })

  /// After an operation in the drawer: the row and its hours as they now stand.
  function changed(o: OrderDetail): void {
    list.items.value = list.items.value.map((r) => (r.id === o.id ? { ...r, status: o.status, balance_fen: o.balance_fen, ledger_lines: o.ledger_lines } : r))
    hours.set(o.id, summarise(o.state))
  }

  async function runSweep(): Promise<void> {
    if (sweeping.value) return
    sweeping.value = true
    try {
      sweep.value = await runEscrowSweep()
      hours.clear()
      await list.load()
    } catch (e) {
      ElMessage({ type: 'error', message: errorText(toApiError(e)), showClose: true })
    } finally {
      sweeping.value = false
    }
  }

  /// The sentence for the sweep's result.
  function sweepText(r: SweepResult): string {
    if (!r.auto_confirmed && !r.refunds_auto_approved && !r.orders_failed) return t('instOps.escrow.sweepNothing')
    const done = t('instOps.escrow.sweepDone', { confirmed: r.auto_confirmed, refunds: r.refunds_auto_approved, touched: r.orders_touched })
    return r.orders_failed ? done + t('instOps.escrow.sweepFailed', { failed: r.orders_failed }) : done
  }

  return { ...list, hours, selected, sweeping, sweep, runSweep, sweepText, changed }
}
