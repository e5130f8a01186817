import { http } from '@/utils/request'
import type { PageResult, Paging } from './org'

/// 第三方机构进校园 (issue 9; RULES R2.3–R2.5; docs/providers.md): a provider's records (档案) with each county —
/// the application, the county's decisions (准入 / 驳回 / 暂停 / 恢复 / 退出), spot checks (巡课), school ratings,
/// the semester evaluation (效果评价), the exit notices, and the provider's own view — `/api/v1/providers/...`.
/// Money is integer fen; dates `YYYY-MM-DD`; instants RFC 3339 +08:00; semesters `2026-autumn` / `2027-spring`.
/// Every call is `silent`: the pages show failures where they happen.

const silent = { silent: true } as const
const base = '/providers'

/// The query string without empty filters.
function params(query: object): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  ) as Record<string, string | number>
}

export type RecordStatus = 'applied' | 'admitted' | 'suspended' | 'rejected' | 'exited'
export const RECORD_STATUSES: readonly RecordStatus[] = ['applied', 'admitted', 'suspended', 'rejected', 'exited']

/// A county's move on a record (src/providers/workflow.hpp).
export type RecordEvent = 'admit' | 'reject' | 'suspend' | 'reinstate' | 'exit'
export const RECORD_EVENTS: readonly RecordEvent[] = ['admit', 'reject', 'suspend', 'reinstate', 'exit']

/// 退出原因 (R2.4, opinion ¶(8)).
export type ExitReason = 'evaluation' | 'recruiting_in_school' | 'voluntary' | 'licence_revoked'
export const EXIT_REASONS: readonly ExitReason[] = ['evaluation', 'recruiting_in_school', 'voluntary', 'licence_revoked']

/// The non-subject categories a provider may offer (as_provider's CHECK).
export const PROVIDER_CATEGORIES = [
  'sport',
  'art',
  'stem',
  'labour',
  'traditional_culture',
  'reading',
  'mental_health',
] as const
export type ProviderCategory = (typeof PROVIDER_CATEGORIES)[number]

export type Qualification = 'teacher_certificate' | 'coach_certificate' | 'other'
export const QUALIFICATIONS: readonly Qualification[] = ['teacher_certificate', 'coach_certificate', 'other']

/// 效果评价结论: 通过 / 预警 / 退出 / 未评.
export type Outcome = 'pass' | 'warning' | 'exit' | 'not_rated'

/// 服务项目: the admission fee and the provider's own outside price, per pupil per class hour.
export interface ServiceOffer {
  name: string
  fee_fen: number
  outside_price_fen: number
}

/// 授课人员 as the application states them.
export interface InstructorInput {
  name: string
  qualification: Qualification
  /// the certificate's name, for `other`
  qualification_name: string
  qualification_number: string
  /// 无犯罪记录证明 issue date
  background_check_date: string | null
}

/// An instructor on a record: whether the background check is still current (county setting, 12 months); a
/// provider's own list (GET /own `instructors`) leaves it out.
export interface Instructor extends InstructorInput {
  check_current?: boolean
}

/// The body of POST /records, /own/applications and their /check.
export interface ApplicationInput {
  /// the county applied to; a county bureau's own when left out
  unit_code?: string
  name: string
  credit_code: string
  /// R3.5: why a credit code failing only its checksum is genuine (an early pilot code checked in the national credit
  /// publicity system); the check then warns the reviewer instead of refusing. Ignored for a code that passes.
  credit_override_reason?: string
  category: string
  free_public_benefit: boolean
  declares_no_marketing: boolean
  contact_name: string
  contact_phone: string
  services: ServiceOffer[]
  instructors: InstructorInput[]
}

/// One finding of the application check: the field path the form marks (`services[1].fee_fen`).
export interface Problem {
  field: string
  code: string
  message: string
  message_en: string
}

export interface CheckResult {
  problems: Problem[]
  warnings: Problem[]
}

export interface RecordSummary {
  id: number
  name: string
  credit_code: string
  unit_code: string
  unit_name: string
  category: string
  free_public_benefit: boolean
  status: RecordStatus
  applied_at: string
  decided_at: string | null
  service_count: number
  instructor_count: number
  last_outcome: Outcome | null
  /// an open inspection case on the same credit code (admission and reinstatement are refused)
  open_case: boolean
}

/// One step of a record's history.
export interface RecordEventEntry {
  event: string
  from: RecordStatus | null
  to: RecordStatus
  reason: string | null
  exit_reason: ExitReason | null
  by_name: string
  at: string
}

/// 巡课记录.
export interface SpotCheck {
  id: number
  record_id: number
  school_id: number
  school_name: string
  on_date: string
  score: number
  instructor_no_show: boolean
  recruiting_found: boolean
  note: string
  complaint_id: number | null
  by_name: string
  at: string
}

/// One semester's evaluation; parts and score in tenths of a point (725 = 72.5), null without data.
export interface Evaluation {
  record_id: number
  name: string
  semester: string
  guardians: number | null
  schools: number | null
  spot_checks: number | null
  attendance: number | null
  guardian_ratings: number
  school_ratings: number
  spot_check_count: number
  no_shows: number
  recruiting_found: boolean
  /// The guardians' part was left out: fewer ratings than the county's minimum (then `guardians` is null).
  guardians_too_few: boolean
  /// The county's minimum of guardians' ratings when evaluated; null for a semester closed before it existed.
  min_guardian_ratings: number | null
  score: number | null
  outcome: Outcome
  previous_outcome: Outcome | null
}

export interface ProviderCourse {
  id: number
  school_id: number
  school_name: string
  semester: string
  title: string
  status: string
}

/// A complaint of the institutions module about the same credit code.
export interface LinkedComplaint {
  id: number
  received_at: string
  status: string
}

export interface RecordDetail extends RecordSummary {
  contact_name: string
  /// masked unless the county or the provider itself asks
  contact_phone: string
  declares_no_marketing: boolean
  /// R3.5: the reason its credit code was taken despite a checksum failure; null when the code passed
  credit_override_reason: string | null
  services: ServiceOffer[]
  instructors: Instructor[]
  warnings: Problem[]
  events: RecordEventEntry[]
  /// the moves the caller may make now
  allowed_events: RecordEvent[]
  spot_checks: SpotCheck[]
  evaluations: Evaluation[]
  courses: ProviderCourse[]
  complaints: LinkedComplaint[]
  notices_sent: number
}

export interface RecordQuery extends Paging {
  status?: RecordStatus
  q?: string
}

export interface EventInput {
  event: RecordEvent
  reason?: string
  exit_reason?: ExitReason
}

export interface SpotCheckInput {
  school_id: number
  on_date: string
  score: number
  instructor_no_show: boolean
  recruiting_found: boolean
  note: string
  complaint_id?: number
}

export interface SchoolRatingInput {
  semester: string
  stars: number
  comment: string
}

export interface Weights {
  guardians: number
  schools: number
  spot_checks: number
  attendance: number
}
export const WEIGHT_KEYS: readonly (keyof Weights)[] = ['guardians', 'schools', 'spot_checks', 'attendance']

/// A county's settings (defaults where it has set none).
export interface Settings {
  unit_code: string
  max_fee_percent_of_outside: number
  background_check_validity_months: number
  reapply_after_evaluation_exit_months: number
  weights: Weights
  threshold: number
  no_show_deduction: number
  /// The guardians' part counts only from this many ratings (1–200).
  min_guardian_ratings: number
}

/// The semester's evaluations: a live preview until the county closes the semester.
export interface EvaluationSheet {
  semester: string
  closed: boolean
  items: Evaluation[]
}

export interface CloseResult extends EvaluationSheet {
  exited: number[]
}

/// 退出通知 to a school or a family.
export interface ExitNotice {
  id: number
  record_id: number
  provider_name: string
  audience: 'school' | 'family'
  school_id: number | null
  school_name: string
  student_id: number | null
  kind: 'exit'
  text_zh: string
  text_en: string
  effective_semester: string
  at: string
}

export interface OwnSchool {
  id: number
  name: string
  course_count: number
}

export interface OwnLinked {
  linked: true
  name: string
  credit_code: string
  records: RecordSummary[]
  current: RecordDetail | null
  courses: ProviderCourse[]
  schools: OwnSchool[]
  instructors: Instructor[]
  evaluations: Evaluation[]
  spot_checks: SpotCheck[]
}

/// GET /own: the provider's own view, or `linked: false` when the county has not linked the account yet.
export type Own = OwnLinked | { linked: false }

// ---- county, city and schools

export const listRecords = (query: RecordQuery) => http.get<PageResult<RecordSummary>>(`${base}/records`, { params: params(query), ...silent })
export const getRecord = (id: number) => http.get<RecordDetail>(`${base}/records/${id}`, silent)
export const createRecord = (input: ApplicationInput) => http.post<RecordDetail>(`${base}/records`, input, silent)
export const checkRecord = (input: ApplicationInput) => http.post<CheckResult>(`${base}/records/check`, input, silent)
export const recordEvent = (id: number, input: EventInput) => http.post<RecordDetail>(`${base}/records/${id}/events`, input, silent)
export const addSpotCheck = (id: number, input: SpotCheckInput) => http.post<SpotCheck>(`${base}/records/${id}/spot-checks`, input, silent)
export const rateProvider = (id: number, input: SchoolRatingInput) => http.put<unknown>(`${base}/records/${id}/school-ratings`, input, silent)

export const getSettings = (unitCode?: string) => http.get<Settings>(`${base}/settings`, { params: params({ unit_code: unitCode }), ...silent })
export const putSettings = (input: Settings) => http.put<Settings>(`${base}/settings`, input, silent)

export const getEvaluations = (semester: string, unitCode?: string) =>
  http.get<EvaluationSheet>(`${base}/evaluations`, { params: params({ semester, unit_code: unitCode }), ...silent })
export const closeEvaluations = (semester: string) => http.post<CloseResult>(`${base}/evaluations`, { semester }, silent)

export const listNotices = () => http.get<ExitNotice[] | { items: ExitNotice[] }>(`${base}/notices`, silent).then(itemsOf)

// ---- the provider itself

export const getOwn = () => http.get<Own>(`${base}/own`, silent)
export const applyOwn = (input: ApplicationInput) => http.post<RecordDetail>(`${base}/own/applications`, input, silent)
export const checkOwn = (input: ApplicationInput) => http.post<CheckResult>(`${base}/own/applications/check`, input, silent)
export const exitOwn = (recordId: number) => http.post<RecordDetail>(`${base}/own/exit`, { record_id: recordId }, silent)

/// A list answer, bare or wrapped in `items`.
function itemsOf<T>(data: T[] | { items: T[] }): T[] {
  return Array.isArray(data) ? data : (data?.items ?? [])
}
