import request, { http } from '@/utils/request'
import { filenameOf, type PageResult, type Paging } from './org'

/// 校外培训监管: the registry of off-campus training institutions (机构台账), inspection cases with their
/// state machine, evidence and decisions (检查案件, RULES R6.4–R6.5), and the 压减率 report against the
/// frozen pre-双减 baseline (R6.3) — `/api/v1/institutions/...`. Codes are the server's (model.cpp); money
/// is integer fen; dates `YYYY-MM-DD`; instants RFC 3339 +08:00. Every call is `silent`: the pages show
/// failures where they happen.

export type InstitutionCategory = 'subject' | 'non_subject_sport' | 'non_subject_art' | 'non_subject_stem'
export const CATEGORIES: readonly InstitutionCategory[] = ['subject', 'non_subject_sport', 'non_subject_art', 'non_subject_stem']

export type Delivery = 'online' | 'offline'
export const DELIVERIES: readonly Delivery[] = ['offline', 'online']

export type InstitutionStatus = 'operating' | 'rectifying' | 'suspended' | 'closed' | 'cancelled'
export const STATUSES: readonly InstitutionStatus[] = ['operating', 'rectifying', 'suspended', 'closed', 'cancelled']

export type CaseState =
  | 'scheduled'
  | 'inspected'
  | 'closed_no_issue'
  | 'issues_found'
  | 'decision_issued'
  | 'filed'
  | 'rectifying'
  | 'reinspected'
  | 'closed'
  | 'overdue'
  | 'escalated'
export const CASE_STATES: readonly CaseState[] = [
  'scheduled',
  'inspected',
  'closed_no_issue',
  'issues_found',
  'decision_issued',
  'filed',
  'rectifying',
  'reinspected',
  'closed',
  'overdue',
  'escalated',
]

export type CaseEvent =
  | 'inspect'
  | 'find_no_issue'
  | 'find_issues'
  | 'issue_decision'
  | 'file'
  | 'start_rectification'
  | 'reinspect'
  | 'close'
  | 'resume_rectification'
  | 'find_unresolved'
  | 'mark_overdue'
  | 'escalate'

export type DecisionKind = 'rectify_by_date' | 'suspend' | 'stop_enrolling' | 'close' | 'penalty'
export const DECISION_KINDS: readonly DecisionKind[] = ['rectify_by_date', 'suspend', 'stop_enrolling', 'close', 'penalty']

export type PenaltyKind =
  | 'warning'
  | 'fine'
  | 'confiscation'
  | 'stop_enrolling'
  | 'stop_operating'
  | 'revoke_licence'
  | 'restrict_practice'
  | 'other'
export const PENALTY_KINDS: readonly PenaltyKind[] = [
  'warning',
  'fine',
  'confiscation',
  'stop_enrolling',
  'stop_operating',
  'revoke_licence',
  'restrict_practice',
  'other',
]

/// 教学人员: 学科类 teaching staff need a teacher-qualification number (R1.11).
export interface StaffMember {
  id?: number
  name: string
  teaches_subject: boolean
  qualification_no: string | null
}

/// 培训机构 as the county registered it.
export interface Institution {
  id: number
  unit_code: string
  unit_name: string
  name: string
  /// 统一社会信用代码 (GB 32100)
  credit_code: string
  /// Why a checksum failure was accepted (R3.5 pilot codes).
  credit_override_reason: string | null
  category: InstitutionCategory
  /// The server's Chinese label.
  category_label: string
  delivery: Delivery
  address: string
  licence_no: string | null
  licence_date: string | null
  filing_no: string | null
  filing_date: string | null
  nonprofit_reg_no: string | null
  legal_representative: string
  status: InstitutionStatus
  status_label: string
  in_baseline: boolean
  staff_count: number
  /// Filled on the detail and after a write; a list row carries staff_count only.
  staff: StaffMember[]
  has_open_case: boolean
  /// Reviewer notes that do not block (R3.4 prefix findings, the inner check), in Chinese.
  warnings: string[]
  created_at: string
  updated_at: string
}

/// The body of POST (with unit_code) and PUT (the county cannot change).
export interface InstitutionInput {
  unit_code?: string
  name: string
  credit_code: string
  credit_override_reason?: string | null
  category: InstitutionCategory
  delivery: Delivery
  address: string
  licence_no?: string | null
  licence_date?: string | null
  filing_no?: string | null
  filing_date?: string | null
  nonprofit_reg_no?: string | null
  legal_representative: string
  status?: InstitutionStatus
  in_baseline?: boolean
  staff: StaffMember[]
}

export interface InstitutionQuery extends Paging {
  unit_code?: string
  category?: InstitutionCategory
  delivery?: Delivery
  status?: InstitutionStatus
  /// part of the name
  q?: string
}

/// One row of the 压减率 report: a county × category × delivery; a county's total (category and
/// delivery null); the overall total (unit_code '').
export interface ReductionRow {
  unit_code: string
  unit_name: string
  category: InstitutionCategory | null
  delivery: Delivery | null
  baseline: number
  current: number
  cut: number
  /// null when the baseline is 0 (nothing to reduce: the rate is undefined).
  rate_basis_points: number | null
  /// "63.38%"
  rate: string | null
}

export interface BaselineRow {
  category: InstitutionCategory
  delivery: Delivery
  institutions: number
  as_of: string
}

/// A decision as sent (R6.4).
export interface DecisionInput {
  kind: DecisionKind
  issuing_authority: string
  legal_basis: string
  issued_on: string
  rectify_by?: string | null
  penalty?: PenaltyKind | null
  fine_fen?: number | null
}

export interface Decision extends DecisionInput {
  kind_label: string
  rectify_by: string | null
  penalty: PenaltyKind | null
  fine_fen: number | null
}

/// One line of a case's history; `event` is 'open' for the first.
export interface CaseEventRecord {
  id: number
  from_state: CaseState
  to_state: CaseState
  event: CaseEvent | 'open'
  actor_name: string
  /// a role code, or 'system' for the daily deadline sweep
  actor_role: string
  at: string
  note: string
  /// A re-inspection's outcome.
  passed: boolean | null
}

/// 证据 An uploaded photo or PDF; event_id null while not attached to a step yet.
export interface Evidence {
  id: number
  event_id: number | null
  sha256: string
  file_name: string
  mime: string
  size_bytes: number
  uploaded_at: string
}

/// 检查案件. `events`, `evidence` and `allowed_events` are filled on the detail only.
export interface InspectionCase {
  id: number
  institution_id: number
  institution_name: string
  /// The institution's county.
  unit_code: string
  unit_name: string
  complaint_id: number | null
  state: CaseState
  state_label: string
  scheduled_for: string
  inspector_id: number | null
  decision: Decision | null
  opened_at: string
  updated_at: string
  closed_at: string | null
  events: CaseEventRecord[]
  evidence: Evidence[]
  /// The steps the caller's role may take now, with the server's Chinese label.
  allowed_events: { event: CaseEvent; label: string }[]
}

export interface CaseQuery extends Paging {
  state?: CaseState
  institution_id?: number
  /// the cases opened from one complaint
  complaint_id?: number
  /// only open cases (not closed, not closed without issue)
  open?: boolean
}

export interface CaseOpening {
  scheduled_for: string
  note?: string
  inspector_id?: number
  complaint_id?: number
}

export interface CaseAction {
  event: CaseEvent
  note?: string
  /// reinspect: were the problems fixed?
  passed?: boolean
  decision?: DecisionInput
  evidence_ids?: number[]
}

/// Evidence files the server takes, and how large (the server checks both again, by the bytes).
export const EVIDENCE_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const
export const MAX_EVIDENCE_BYTES = 8 * 1024 * 1024

/// The query string without empty filters.
function params(query: object): Record<string, string | number | boolean> {
  return Object.fromEntries(
    Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== '' && v !== false),
  ) as Record<string, string | number | boolean>
}

const silent = { silent: true } as const
const BASE = '/institutions'

export function listInstitutions(query: InstitutionQuery): Promise<PageResult<Institution>> {
  return http.get(BASE, { params: params(query), ...silent })
}

export function getInstitution(id: number): Promise<Institution> {
  return http.get(`${BASE}/${id}`, silent)
}

export function createInstitution(input: InstitutionInput): Promise<Institution> {
  return http.post(BASE, input, silent)
}

export function updateInstitution(id: number, input: InstitutionInput): Promise<Institution> {
  return http.put(`${BASE}/${id}`, input, silent)
}

/// Freezes a county's pre-双减 counts; once only (409 after).
export async function freezeBaseline(unitCode: string, rows: BaselineRow[]): Promise<BaselineRow[]> {
  return (await http.post<{ items: BaselineRow[] }>(`${BASE}/baselines/${unitCode}`, { rows }, silent)).items
}

export async function getReduction(): Promise<ReductionRow[]> {
  return (await http.get<{ items: ReductionRow[] }>(`${BASE}/reduction`, silent)).items
}

export function listCases(query: CaseQuery): Promise<PageResult<InspectionCase>> {
  return http.get(`${BASE}/cases`, { params: params(query), ...silent })
}

export function getCase(id: number): Promise<InspectionCase> {
  return http.get(`${BASE}/cases/${id}`, silent)
}

export function openCase(institutionId: number, body: CaseOpening): Promise<InspectionCase> {
  return http.post(`${BASE}/${institutionId}/cases`, body, silent)
}

/// One step of the state machine; 409 names the current state when it is not allowed from there.
export function actOnCase(caseId: number, action: CaseAction): Promise<InspectionCase> {
  return http.post(`${BASE}/cases/${caseId}/events`, action, silent)
}

/// The file's bytes as the body with its own type; the name goes in the query.
export function uploadEvidence(caseId: number, file: File): Promise<Evidence> {
  return http.post(`${BASE}/cases/${caseId}/evidence`, file, {
    params: { name: file.name },
    headers: { 'Content-Type': file.type },
    // The body is bytes: no JSON encoding.
    transformRequest: [(data: File) => data],
    // A large photo on a slow line takes longer than a JSON call.
    timeout: 120_000,
    ...silent,
  })
}

/// An evidence file's bytes, fetched with the session, and the name to save it under.
export async function downloadEvidence(e: Pick<Evidence, 'id' | 'file_name'>): Promise<{ blob: Blob; filename: string }> {
  const res = await request.get<Blob>(`${BASE}/evidence/${e.id}`, { responseType: 'blob', ...silent })
  return { blob: res.data, filename: e.file_name || filenameOf(res.headers['content-disposition']) || `evidence-${e.id}` }
}
