import request, { http } from '@/utils/request'
import type { Delivery, InstitutionCategory, CaseState } from './institutions'
import { filenameOf, type PageResult, type Paging } from './org'

/// 校外培训监管, the day-to-day operations: filed schedules checked against R1.11–R1.13, the holiday
/// calendar (法定节假日, 调休, a county's 寒暑假), prepaid-fee escrow (预收费资金监管: orders, the append-only
/// 一课一消 ledger, refunds, the sweep, risk alerts; R1.15, R6.2) and the statistics a county reports upward
/// (issue 6 points 4, 5, 7) — `/api/v1/institutions/...`. Money is integer fen; dates `YYYY-MM-DD`; instants
/// RFC 3339 +08:00. Every call is `silent`: the pages show failures where they happen.

const silent = { silent: true } as const
const BASE = '/institutions'

/// The query string without empty filters.
function params(query: object): Record<string, string | number | boolean> {
  return Object.fromEntries(
    Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== '' && v !== false),
  ) as Record<string, string | number | boolean>
}

// --- filed schedules (R1.11–R1.13) -----------------------------------------------------------

/// What a check found against one lesson; `warning` findings do not count as violations.
export interface ScheduleViolation {
  /// `institutions.offline_ends_too_late`, …
  code: string
  message: string
  message_en: string
  field: string
  warning: boolean
}

export interface ScheduledLesson {
  date: string
  /// HH:MM
  start: string
  end: string
  delivery: Delivery
  category: InstitutionCategory
  subject: string
  violations: ScheduleViolation[]
}

/// 备案课表. `sessions` is filled on the detail (re-checked against today's calendar) and after filing;
/// `violations` is the count at filing.
export interface FiledSchedule {
  id: number
  institution_id: number
  title: string
  filed_at: string
  violations: number
  sessions: ScheduledLesson[]
}

/// A lesson as filed; delivery and category default to the institution's.
export interface LessonInput {
  date: string
  start: string
  end: string
  delivery?: Delivery
  category?: InstitutionCategory
  subject: string
}

export async function listSchedules(institutionId: number): Promise<FiledSchedule[]> {
  return (await http.get<{ items: FiledSchedule[] }>(`${BASE}/${institutionId}/schedules`, silent)).items
}

export function getSchedule(id: number): Promise<FiledSchedule> {
  return http.get(`${BASE}/schedules/${id}`, silent)
}

/// Stored even when lessons break rules (201 with what was found).
export function fileSchedule(institutionId: number, body: { title: string; sessions: LessonInput[] }): Promise<FiledSchedule> {
  return http.post(`${BASE}/${institutionId}/schedules`, body, silent)
}

// --- the holiday calendar --------------------------------------------------------------------

export type DayKind = 'holiday' | 'workday'

export interface CalendarDay {
  date: string
  kind: DayKind
  /// 国庆节, 春节…; '' when the city gave none.
  name: string
}

/// 寒暑假 window, both days inclusive.
export interface VacationWindow {
  name: string
  from: string
  to: string
}

export interface CalendarView {
  days: CalendarDay[]
  vacations: VacationWindow[]
}

export function getCalendar(unitCode: string): Promise<CalendarView> {
  return http.get(`${BASE}/calendar`, { params: { unit_code: unitCode }, ...silent })
}

/// The city marks a day: a holiday, a make-up working day, or ordinary ('').
export function setCalendarDay(date: string, kind: DayKind | '', name?: string): Promise<{ date: string; kind: string }> {
  return http.put(`${BASE}/calendar/days/${date}`, params({ kind, name }), silent)
}

/// A county replaces its vacation windows; an empty list returns it to the city's defaults.
export function setVacations(unitCode: string, windows: VacationWindow[]): Promise<CalendarView> {
  return http.put(`${BASE}/calendar/vacations/${unitCode}`, { windows }, silent)
}

// --- prepaid-fee escrow (R1.15, R6.2) ---------------------------------------------------------

export type OrderStatus = 'escrowed' | 'refund_requested' | 'refunded' | 'completed'
export const ORDER_STATUSES: readonly OrderStatus[] = ['escrowed', 'refund_requested', 'refunded', 'completed']

export type EntryKind =
  | 'deposit'
  | 'consumption_requested'
  | 'consumption_confirmed'
  | 'consumption_disputed'
  | 'consumption_auto_confirmed'
  | 'consumption_cancelled'
  | 'released'
  | 'refund_requested'
  | 'refund_approved'
  | 'refund_auto_approved'
  | 'refund_rejected'
  | 'refunded'

export type ConsumptionStatus = 'requested' | 'confirmed' | 'disputed' | 'auto_confirmed' | 'cancelled' | 'released'
export type RefundStatus = 'none' | 'requested' | 'approved' | 'auto_approved' | 'rejected' | 'refunded'

/// 预收费订单 as listed; the payer is masked by the server (王**, 138****8000).
export interface EscrowOrder {
  id: number
  institution_id: number
  institution_name: string
  contract_no: string
  payer_name: string
  payer_mobile: string
  course_title: string
  class_hours: number
  unit_price_fen: number
  amount_fen: number
  start_date: string
  end_date: string
  paid_on: string
  escrow_mode: 'bank_escrow' | 'risk_deposit'
  escrow_mode_label: string
  status: OrderStatus
  /// Σ deposits − Σ releases − Σ refunds.
  balance_fen: number
  ledger_lines: number
  created_at: string
}

/// One append-only ledger line; `actor_name` is 系统 for the sweep.
export interface LedgerLine {
  seq: number
  kind: EntryKind
  kind_label: string
  consumption_id: number | null
  hours: number
  amount_fen: number
  on: string
  at: string
  actor_name: string
  note: string
}

export interface Consumption {
  /// The seq of its request line.
  id: number
  hours: number
  requested_on: string
  status: ConsumptionStatus
  status_label: string
  /// The day the sweep confirms it by silence (15 working days), while unanswered.
  auto_confirm_after: string | null
}

/// The ledger folded: where every class hour stands.
export interface EscrowState {
  balance_fen: number
  deposited_hours: number
  released_hours: number
  refunded_hours: number
  held_hours: number
  unpaid_hours: number
  free_hours: number
  refundable_fen: number
  refund: RefundStatus
  refund_label: string
  refund_requested_on: string | null
  refund_auto_approve_after: string | null
  consumptions: Consumption[]
}

export interface OrderDetail extends EscrowOrder {
  ledger: LedgerLine[]
  /// null when the ledger does not replay (`invariant.problem` says where).
  state: EscrowState | null
  invariant: {
    holds: boolean
    balance_fen: number
    unconsumed_value_fen: number
    problem: { line: number; code: string; message: string; message_en: string; field: string } | null
  }
}

export interface OrderQuery extends Paging {
  institution_id?: number
  status?: OrderStatus
}

export function listOrders(query: OrderQuery): Promise<PageResult<EscrowOrder>> {
  return http.get(`${BASE}/orders`, { params: params(query), ...silent })
}

export function getOrder(id: number): Promise<OrderDetail> {
  return http.get(`${BASE}/orders/${id}`, silent)
}

/// 一课一消: the institution asks the family to confirm delivered classes.
export function requestConsumption(orderId: number, hours: number, note?: string): Promise<OrderDetail> {
  return http.post(`${BASE}/orders/${orderId}/consumptions`, params({ hours, note }), silent)
}

export function answerConsumption(orderId: number, consumptionId: number, answer: 'confirm' | 'dispute', note?: string): Promise<OrderDetail> {
  return http.post(`${BASE}/orders/${orderId}/consumption-answers`, params({ consumption_id: consumptionId, answer, note }), silent)
}

export function settleConsumption(orderId: number, consumptionId: number, outcome: 'institution' | 'family', note?: string): Promise<OrderDetail> {
  return http.post(`${BASE}/orders/${orderId}/consumption-settlements`, params({ consumption_id: consumptionId, outcome, note }), silent)
}

export function requestRefund(orderId: number, note?: string): Promise<OrderDetail> {
  return http.post(`${BASE}/orders/${orderId}/refund-requests`, params({ note }), silent)
}

export function answerRefund(orderId: number, answer: 'approve' | 'reject', note?: string): Promise<OrderDetail> {
  return http.post(`${BASE}/orders/${orderId}/refund-answers`, params({ answer, note }), silent)
}

/// What one run of the sweep did (auto-confirmations after 15 working days, refunds after 5).
export interface SweepResult {
  auto_confirmed: number
  refunds_auto_approved: number
  orders_touched: number
  orders_failed: number
}

export function runEscrowSweep(): Promise<SweepResult> {
  return http.post(`${BASE}/escrow-sweeps`, {}, silent)
}

/// 风险预警: an institution closed or cancelled while families' money is held.
export interface EscrowAlert {
  id: number
  institution_id: number
  institution_name: string
  kind: string
  /// The server's Chinese sentence.
  detail: string
  families: number
  orders: number
  amount_fen: number
  raised_at: string
  resolved_at: string | null
  resolution: string | null
}

export async function listAlerts(openOnly: boolean): Promise<EscrowAlert[]> {
  return (await http.get<{ items: EscrowAlert[] }>(`${BASE}/alerts`, { params: params({ open: openOnly ? 'true' : '' }), ...silent })).items
}

export function resolveAlert(id: number, note: string): Promise<EscrowAlert> {
  return http.post(`${BASE}/alerts/${id}/resolve`, { note }, silent)
}

// --- statistics (issue 6 point 7) ------------------------------------------------------------

/// Every report: the county rows of the scope, then the scope's total (`unit_code` '').
export interface StatsReport<T> {
  as_of: string
  items: T[]
}

export interface RegistryStatsRow {
  unit_code: string
  unit_name: string
  /// null: every category.
  category: InstitutionCategory | null
  operating: number
  rectifying: number
  suspended: number
  closed: number
  cancelled: number
  total: number
}

export interface ReductionStatsRow {
  unit_code: string
  unit_name: string
  category: InstitutionCategory | null
  delivery: Delivery | null
  baseline: number
  current: number
  cut: number
  rate_basis_points: number | null
  rate: string | null
}

export interface ComplaintStatsRow {
  unit_code: string
  unit_name: string
  received: number
  closed: number
  closed_on_time: number
  open: number
  open_overdue: number
  on_time_rate_basis_points: number | null
  on_time_rate: string | null
}

export interface CaseStatsRow {
  unit_code: string
  unit_name: string
  /// null: every state.
  state: CaseState | null
  cases: number
  age_0_7: number
  age_8_30: number
  age_31_90: number
  age_over_90: number
  past_deadline: number
}

export interface EscrowStatsRow {
  unit_code: string
  unit_name: string
  orders: number
  families: number
  deposited_fen: number
  released_fen: number
  refunded_fen: number
  held_fen: number
}

/// Complaints received from … to (both inclusive, either may be left out).
export interface StatsPeriod {
  from?: string
  to?: string
}

export function registryStats(): Promise<StatsReport<RegistryStatsRow>> {
  return http.get(`${BASE}/stats/registry`, silent)
}

export function reductionStats(): Promise<StatsReport<ReductionStatsRow>> {
  return http.get(`${BASE}/stats/reduction`, silent)
}

export function complaintStats(period: StatsPeriod): Promise<StatsReport<ComplaintStatsRow> & { from: string | null; to: string | null }> {
  return http.get(`${BASE}/stats/complaints`, { params: params(period), ...silent })
}

export function caseStats(): Promise<StatsReport<CaseStatsRow>> {
  return http.get(`${BASE}/stats/cases`, silent)
}

export function escrowStats(): Promise<StatsReport<EscrowStatsRow>> {
  return http.get(`${BASE}/stats/escrow`, silent)
}

/// The five reports as one .xlsx, and the name to save it under.
export async function exportStats(period: StatsPeriod): Promise<{ blob: Blob; filename: string }> {
  const res = await request.get<Blob>(`${BASE}/stats/export`, { params: params(period), responseType: 'blob', timeout: 60_000, ...silent })
  return { blob: res.data, filename: filenameOf(res.headers['content-disposition']) ?? 'institution-stats.xlsx' }
}
