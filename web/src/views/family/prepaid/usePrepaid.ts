import { computed, ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, ElMessageBox } from 'element-plus'
import { answerFamilyConsumption, listFamilyOrders, type ConsumptionAnswer } from '@/api/familyPrepaid'
import type { Consumption, OrderDetail } from '@/api/institutionsOps'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'

/// A class the family is asked to answer, with its order.
export interface Waiting {
  order: OrderDetail
  consumption: Consumption
}

/// The family's prepaid orders and their answers to delivered classes (一课一消). Each answer is the order
/// as it now stands and replaces it in the list; a refused answer (409: answered meanwhile, 404) is shown
/// and the list reloaded.
export function usePrepaid() {
  const { t } = useI18n()
  const orders = shallowRef<OrderDetail[]>([])
  const loaded = ref(false)
  const loading = ref(false)
  const error = ref<ApiError | null>(null)
  const errorMessage = computed(() => errorText(error.value))
  /// The consumption id being answered (its buttons spin).
  const busy = ref<number | null>(null)
  /// The class whose dispute dialog is open.
  const disputing = shallowRef<Waiting | null>(null)

  async function load(): Promise<void> {
    loading.value = true
    try {
      orders.value = await listFamilyOrders()
      error.value = null
      loaded.value = true
    } catch (e) {
      error.value = toApiError(e)
    } finally {
      loading.value = false
    }
  }

  async function send(w: Waiting, answer: ConsumptionAnswer, note?: string): Promise<boolean> {
    busy.value = w.consumption.id
    try {
      const o = await answerFamilyConsumption(w.order.id, w.consumption.id, answer, note)
      orders.value = orders.value.map((x) => (x.id === o.id ? o : x))
      ElMessage({ type: 'success', message: t(`familyPrepaid.${answer}Done`), grouping: true })
      return true
    } catch (e) {
      ElMessage({ type: 'error', message: errorText(toApiError(e)), grouping: true })
      void load()
      return false
    } finally {
      busy.value = null
    }
  }

  async function confirm(w: Waiting): Promise<void> {
    try {
      await ElMessageBox.confirm(
        t('familyPrepaid.confirmAsk', { hours: w.consumption.hours, date: w.consumption.requested_on }),
        t('familyPrepaid.confirm'),
        { confirmButtonText: t('familyPrepaid.confirm'), cancelButtonText: t('org.cancel'), type: 'info', customClass: 'as-confirm' },
      )
    } catch {
      return
    }
    await send(w, 'confirm')
  }

  async function dispute(note: string): Promise<void> {
    const w = disputing.value
    if (!w) return
    if (await send(w, 'dispute', note)) disputing.value = null
  }

  void load()
  return { orders, loaded, loading, errorMessage, busy, disputing, load, confirm, dispute }
}
