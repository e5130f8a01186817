import { computed, ref, shallowRef, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import {
  answerConsumption,
  answerRefund,
  getOrder,
  requestConsumption,
  requestRefund,
  settleConsumption,
  type Consumption,
  type OrderDetail,
} from '@/api/institutionsOps'
import { useUserStore } from '@/stores/user'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'

/// A ledger operation the county records: what it is (the i18n key of its button), whether it asks for
/// hours, and the call.
export interface OrderAction {
  label: string
  withHours?: boolean
  consumption?: Consumption
  run: (input: { hours: number; note: string }) => Promise<OrderDetail>
}

/// One order in the drawer: its ledger, the folded state and the invariant, and the 一课一消 and refund
/// operations the county records for the family or the institution (`institutions:escrow:update`). Each
/// answer is the order as it now stands; `changed` tells the list.
export function useOrder(orderId: Ref<number | null>, changed: (o: OrderDetail) => void) {
  const { t } = useI18n()
  const user = useUserStore()
  const order = shallowRef<OrderDetail | null>(null)
  const loading = ref(false)
  const error = ref<ApiError | null>(null)
  const errorMessage = computed(() => errorText(error.value))
  const canWrite = computed(() => user.hasPermi('institutions:escrow:update'))
  /// The operation whose dialog is open.
  const pending = shallowRef<OrderAction | null>(null)

  async function load(): Promise<void> {
    const id = orderId.value
    order.value = null
    error.value = null
    if (!id) return
    loading.value = true
    try {
      const o = await getOrder(id)
      if (orderId.value === id) order.value = o
    } catch (e) {
      if (orderId.value === id) error.value = toApiError(e)
    } finally {
      loading.value = false
    }
  }
  watch(orderId, load, { immediate: true })

  const state = computed(() => order.value?.state ?? null)
  const refundOpen = computed(() => state.value?.refund === 'requested')
  /// Order-level operations that make sense now (the server decides all the same).
  const orderActions = computed<OrderAction[]>(() => {
    const o = order.value
    const s = state.value
    if (!o || !s || !canWrite.value) return []
    const out: OrderAction[] = []
    if (s.free_hours > 0 && !refundOpen.value)
      out.push({ label: 'requestConsumption', withHours: true, run: ({ hours, note }) => requestConsumption(o.id, hours, note) })
    if (s.balance_fen > 0 && !refundOpen.value && s.refund !== 'refunded')
      out.push({ label: 'requestRefund', run: ({ note }) => requestRefund(o.id, note) })
    if (refundOpen.value) {
      out.push({ label: 'approveRefund', run: ({ note }) => answerRefund(o.id, 'approve', note) })
      out.push({ label: 'rejectRefund', run: ({ note }) => answerRefund(o.id, 'reject', note) })
    }
    return out
  })

  /// A consumption's operations: answered by the family while requested, settled after mediation when disputed.
  function consumptionActions(c: Consumption): OrderAction[] {
    const o = order.value
    if (!o || !canWrite.value) return []
    if (c.status === 'requested')
      return [
        { label: 'confirm', consumption: c, run: ({ note }) => answerConsumption(o.id, c.id, 'confirm', note) },
        { label: 'dispute', consumption: c, run: ({ note }) => answerConsumption(o.id, c.id, 'dispute', note) },
        { label: 'withdraw', consumption: c, run: ({ note }) => settleConsumption(o.id, c.id, 'family', note) },
      ]
    if (c.status === 'disputed')
      return [
        { label: 'settleInstitution', consumption: c, run: ({ note }) => settleConsumption(o.id, c.id, 'institution', note) },
        { label: 'settleFamily', consumption: c, run: ({ note }) => settleConsumption(o.id, c.id, 'family', note) },
      ]
    return []
  }

  /// After the dialog: the order as the server now has it.
  function done(a: OrderAction, o: OrderDetail): void {
    order.value = o
    changed(o)
    ElMessage({ type: 'success', message: t('instOps.order.done', { what: t(`instOps.order.${a.label}`) }), grouping: true })
  }

  return { order, state, loading, errorMessage, canWrite, pending, orderActions, consumptionActions, done, load }
}
