import { http } from '@/utils/request'

/// 易入学 one-ID enrollment (issue 8; RULES R5.1–R5.7, R4.3; contract in docs/enrollment.md "HTTP API"):
/// seasons, one-key applications with their dossiers, review, the admission run, appeals and the departments'
/// data — `/api/v1/enrollment/...`. Dates `YYYY-MM-DD`; instants RFC 3339 +08:00. Every call is `silent`: the
/// pages show failures where they happen.

const silent = { silent: true } as const
const base = '/enrollment'

/// The query string without empty filters.
function params(query: object): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  ) as Record<string, string | number>
}

export type SeasonStatus = 'open' | 'closed' | 'admitted' | 'published'
export type ApplicationStatus = 'awaiting_upload' | 'in_review' | 'qualified' | 'rejected' | 'withdrawn'
export const APPLICATION_STATUSES: readonly ApplicationStatus[] = ['awaiting_upload', 'in_review', 'qualified', 'rejected', 'withdrawn']
export type SourceStatus = 'verified' | 'mismatch' | 'unavailable'
/// The six departments (docs/enrollment.md "Schemas").
export type Department = 'household' | 'property' | 'insurance' | 'permit' | 'birth' | 'student'
export type Relation = 'father' | 'mother'
export type PlacedBy = string

export interface Season {
  id: number
  unit_code: string
  county_name: string
  year: number
  entry_grade: number
  title: string
  status: SeasonStatus
  opens_on: string
  closes_on: string
  seed_commitment: string | null
  seed: string | null
  run_at: string | null
  published_at: string | null
  /// staff only
  applications?: number
}

/// The policy JSON (src/enrollment/policy_json.hpp).
export const CONDITIONS = [
  'same_address', 'hukou_in_catchment', 'home_in_catchment', 'residence_in_catchment', 'hukou_in_county',
  'hukou_outside_city', 'no_property_in_city', 'renting', 'migrant_minimum', 'whole_ownership',
] as const
export type Condition = (typeof CONDITIONS)[number]
export type TieBreaker = 'hukou_move_in_earliest' | 'property_certificate_earliest' | 'points_highest' | 'lottery'
export const TIE_BREAKERS: readonly TieBreaker[] = ['hukou_move_in_earliest', 'property_certificate_earliest', 'points_highest', 'lottery']

export interface PolicyCategory {
  name: string
  all: Condition[]
}

export interface Policy {
  entry_age: number
  cutoff: string
  categories: PolicyCategory[]
  migrant_minimum: { months: number; as_of: string; permit_required: boolean } | null
  points: { permit_tenths_per_month: number; insurance_tenths_per_month: number; cap_months: number; as_of: string } | null
  tie_breakers: TieBreaker[]
  /// fields the server may add (report_on …) are kept as they came
  [key: string]: unknown
}

export interface SeasonSchool {
  school_id: number
  name: string
  is_private: boolean
  seats: number
  /// absent for a guardian
  nearby?: number[]
  communities: string[]
}

export interface SeasonDetail extends Season {
  policy: Policy
  schools: SeasonSchool[]
}

export interface SeasonInput {
  unit_code: string
  year: number
  entry_grade: number
  title: string
  opens_on: string
  closes_on: string
}

export interface PlanInput {
  school_id: number
  seats: number
  is_private: boolean
  nearby: number[]
  communities: string[]
}

export interface RunSummary {
  qualified: number
  placed: number
  private_lottery: number
  catchment: number
  county_placed: number
  unplaced: number
  /// applications still awaiting upload or review, outside the run
  not_ready?: number
}

export interface LotteryBox {
  commitment: string | null
  seed: string | null
  algorithm: string
  context: string
  input_digest: string | null
  result_digest: string | null
}

/// One child's outcome of the run: `placed_by` private_lottery | catchment | county_placed | county_manual, or
/// `unplaced` (no school: `school_id` null) for the county to place by hand.
export interface PlacementRow {
  application_id: number
  child_name: string
  child_id_masked: string
  school_id: number | null
  school_name: string
  placed_by: PlacedBy
  rank: number | null
  draw: string | number | null
  category_name: string | null
}

export interface PublicRow {
  child_name_masked: string
  child_id_masked: string
  school_name: string
  placed_by: PlacedBy
  rank: number | null
  draw: string | number | null
}

export interface Declarations {
  renting: boolean
  lives_with_grandparents: boolean
  father_only_child: boolean
  mother_only_child: boolean
}
export const DECLARATION_KEYS: readonly (keyof Declarations)[] = [
  'renting', 'lives_with_grandparents', 'father_only_child', 'mother_only_child',
]

export interface ApplicationInput {
  season_id: number
  child_name: string
  child_id_number: string
  applicant_id_number: string
  relation: Relation
  declarations: Declarations
  preferred_school_id?: number
  private_school_id?: number
  notice_acknowledged: true
}

export interface ApplicationRow {
  id: number
  season_id: number
  child_name: string
  child_id_masked: string
  status: ApplicationStatus
  one_click: boolean
  catchment_school: { id: number; name: string } | null
  category_name: string | null
  submitted_at: string
  decided_at: string | null
  sources_pending: number
}

export interface Upload {
  id: number
  file_name: string
  mime: string
  size_bytes: number
  uploaded_at: string
}

export type SourceRecord = Record<string, string | number | boolean | null>

export interface SourceReview {
  decision: 'accepted' | 'returned'
  note: string | null
  records: SourceRecord[] | null
  decided_at: string
}

export interface ApplicationSource {
  department: Department
  name_zh: string
  status: SourceStatus
  reason: string | null
  mismatch: string | null
  synced_at: string | null
  needed: boolean
  needs_upload: boolean
  /// verified | not_needed | awaiting_upload | in_review | accepted
  progress?: string
  uploads: Upload[]
  review: SourceReview | null
}

export interface Fact {
  fact: string
  label_zh: string
  label_en: string
  value: string | number | boolean | null
  source_zh: string
  department: Department | null
}

export interface Pull {
  department: Department
  status: SourceStatus
  reason: string | null
  legal_basis: string
  fields_read: string[]
  pulled_at: string
}

export interface Placement {
  school_id: number | null
  school_name: string
  placed_by: PlacedBy
  rank: number | null
  draw: string | number | null
}

export type AppealStatus = 'open' | 'upheld' | 'dismissed'
export interface Appeal {
  id: number
  application_id: number
  child_name: string
  child_id_masked: string
  reason: string
  status: AppealStatus
  reply: string | null
  created_at: string
  decided_at: string | null
}

export interface Application extends ApplicationRow {
  season: Season
  birth_date: string | null
  relation: Relation
  declarations: Declarations
  points: number | null
  hukou_move_in: string | null
  decision_note: string | null
  sources: ApplicationSource[]
  facts: Fact[]
  pulls: Pull[]
  placement: Placement | null
  appeals: Appeal[]
}

export interface ReviewInput {
  department: Department
  decision: 'accepted' | 'returned'
  /// the schema's fields as text, as in a department's CSV
  records?: Record<string, string>[]
  note?: string
}

export interface Notice {
  season: Season
  child_name: string
  child_id_masked: string
  school_name: string
  school_address: string | null
  placed_by: PlacedBy
  rank: number | null
  report_on: string | null
  issued_at: string
  county_name: string
}

export interface SourceVersion {
  snapshot_date: string
  records: number
  bad_rows: number
  confirmed_at: string
}

export interface SourceInfo {
  department: Department
  name_zh: string
  kind: 'batch' | 'http'
  current_version: string | null
  versions: SourceVersion[]
}

export interface LoadProblem {
  line: number
  field: string | null
  message_zh: string
  message_en: string
}

export interface LoadPreview {
  load_id: number | string
  snapshot_date: string
  data_rows: number
  good_rows: number
  bad_rows: number
  problems: LoadProblem[]
  ignored_columns: string[]
}

// ---- seasons ----

export async function listSeasons(): Promise<Season[]> {
  return (await http.get<{ items: Season[] }>(`${base}/seasons`, silent)).items
}
export const getSeason = (id: number) => http.get<SeasonDetail>(`${base}/seasons/${id}`, silent)
export const createSeason = (input: SeasonInput) => http.post<Season>(`${base}/seasons`, input, silent)
export const putPolicy = (id: number, policy: Policy) =>
  http.put<SeasonDetail>(`${base}/seasons/${id}/policy`, { policy }, silent)
export const putPlans = (id: number, schools: PlanInput[]) =>
  http.put<SeasonDetail>(`${base}/seasons/${id}/plans`, { schools }, silent)
export const closeSeason = (id: number) => http.post<Season>(`${base}/seasons/${id}/close`, {}, silent)
export const runSeason = (id: number) =>
  http.post<{ season: Season; summary: RunSummary }>(`${base}/seasons/${id}/run`, {}, { ...silent, timeout: 120_000 })
export const publishSeason = (id: number) => http.post<Season>(`${base}/seasons/${id}/publish`, {}, silent)
export const getLottery = (id: number) => http.get<LotteryBox>(`${base}/seasons/${id}/lottery`, silent)
export async function listPlacements(id: number, schoolId?: number): Promise<PlacementRow[]> {
  const q = { params: params({ school_id: schoolId }), ...silent }
  return (await http.get<{ items: PlacementRow[] }>(`${base}/seasons/${id}/placements`, q)).items
}
export async function publicList(id: number, schoolId?: number): Promise<PublicRow[]> {
  const q = { params: params({ school_id: schoolId }), ...silent }
  return (await http.get<{ items: PublicRow[] }>(`${base}/seasons/${id}/public-list`, q)).items
}

// ---- applications ----

export interface ApplicationQuery {
  season_id?: number
  status?: ApplicationStatus | ''
  school_id?: number
  q?: string
  page?: number
  page_size?: number
}

export const listApplications = (query: ApplicationQuery = {}) =>
  http.get<{ items: ApplicationRow[]; total: number }>(`${base}/applications`, { params: params(query), ...silent })
export const getApplication = (id: number) => http.get<Application>(`${base}/applications/${id}`, silent)
export const createApplication = (input: ApplicationInput) =>
  http.post<Application>(`${base}/applications`, input, { ...silent, timeout: 60_000 })
/// The paper for a source the departments could not vouch for: the file's bytes as the body.
export const uploadEvidence = (id: number, department: Department, file: File) =>
  http.post<Application>(`${base}/applications/${id}/uploads`, file, {
    ...silent,
    params: { department, name: file.name },
    headers: { 'Content-Type': file.type || 'application/octet-stream' },
    timeout: 60_000,
  })
/// Where an uploaded file is served (an <img> or a link; the session cookie goes along).
export const uploadUrl = (uploadId: number) => `/api/v1${base}/uploads/${uploadId}`
export const reviewSource = (id: number, input: ReviewInput) =>
  http.post<Application>(`${base}/applications/${id}/reviews`, input, silent)
export const rejectApplication = (id: number, note: string) =>
  http.post<Application>(`${base}/applications/${id}/reject`, { note }, silent)
export const withdrawApplication = (id: number) =>
  http.post<Application>(`${base}/applications/${id}/withdraw`, {}, silent)
export const getNotice = (id: number) => http.get<Notice>(`${base}/applications/${id}/notice`, silent)
export const placeByHand = (id: number, schoolId: number, note: string) =>
  http.put<Application>(`${base}/applications/${id}/placement`, { school_id: schoolId, note }, silent)

// ---- appeals ----

export const createAppeal = (id: number, reason: string) =>
  http.post<Appeal>(`${base}/applications/${id}/appeals`, { reason }, silent)
export async function listAppeals(query: { season_id?: number; status?: AppealStatus | '' } = {}): Promise<Appeal[]> {
  return (await http.get<{ items: Appeal[] }>(`${base}/appeals`, { params: params(query), ...silent })).items
}
export const decideAppeal = (id: number, decision: 'upheld' | 'dismissed', reply: string) =>
  http.post<Appeal>(`${base}/appeals/${id}/decision`, { decision, reply }, silent)

// ---- department data ----

export async function listSources(): Promise<SourceInfo[]> {
  return (await http.get<{ items: SourceInfo[] }>(`${base}/sources`, silent)).items
}
export const stageLoad = (department: Department, format: 'csv' | 'json', snapshotDate: string, file: File) =>
  http.post<LoadPreview>(`${base}/sources/${department}/loads`, file, {
    ...silent,
    params: { format, snapshot_date: snapshotDate },
    headers: { 'Content-Type': format === 'csv' ? 'text/csv' : 'application/json' },
    timeout: 120_000,
  })
export const confirmLoad = (loadId: number | string) =>
  http.post<SourceVersion>(`${base}/sources/loads/${loadId}/confirm`, {}, silent)
export const discardLoad = (loadId: number | string) => http.delete<void>(`${base}/sources/loads/${loadId}`, silent)
