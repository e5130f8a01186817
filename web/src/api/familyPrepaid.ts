import { http } from '@/utils/request'
import type { OrderDetail } from './institutionsOps'

/// 预收费课时, the family side of prepaid-fee escrow (RULES R6.2): the orders the signed-in guardian paid
/// (matched by the mobile on their guardian record) and their answer to each class the institution says
/// it delivered. Same order shape as the county's `GET /institutions/orders/{id}`; money in integer fen.
/// Every call is `silent`: the page shows failures where they happen.

const silent = { silent: true } as const

export type ConsumptionAnswer = 'confirm' | 'dispute'

export async function listFamilyOrders(): Promise<OrderDetail[]> {
  return (await http.get<{ items: OrderDetail[] }>('/family/prepaid-orders', silent)).items
}

/// Confirm releases the class's fee to the institution at once; dispute holds it for mediation.
/// 404: not this family's order; 409: already answered.
export function answerFamilyConsumption(orderId: number, consumptionId: number, answer: ConsumptionAnswer, note?: string): Promise<OrderDetail> {
  const body: Record<string, string | number> = { consumption_id: consumptionId, answer }
  if (note) body.note = note
  return http.post(`/family/prepaid-orders/${orderId}/consumption-answers`, body, silent)
}
