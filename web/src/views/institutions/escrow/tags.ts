import type { ConsumptionStatus, OrderStatus } from '@/api/institutionsOps'

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'

/// An order: blue while money is held, amber while a refund is asked, grey once refunded, green once
/// every class is released.
export const ORDER_TAG: Record<OrderStatus, TagType> = {
  escrowed: 'primary',
  refund_requested: 'warning',
  refunded: 'info',
  completed: 'success',
}

/// A consumption request: amber awaiting, red disputed, green released, grey withdrawn.
export const CONSUMPTION_TAG: Record<ConsumptionStatus, TagType> = {
  requested: 'warning',
  confirmed: 'primary',
  auto_confirmed: 'primary',
  disputed: 'danger',
  cancelled: 'info',
  released: 'success',
}
