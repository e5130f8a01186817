import request, { http } from '@/utils/request'
import { filenameOf } from './org'

/// 暑期托管 summer custody (issue 9 points 6–9; RULES R1.17; docs/custody.md): a county's plans of periods and host
/// sites, the needs survey, sign-ups with priority groups, the lottery allocation with its waitlist, each site's
/// safety plan and daily attendance with meals, and the statistics — `/api/v1/custody/...`. Money in fen (integers),
/// dates `YYYY-MM-DD`. Every call is `silent`: the pages show failures where they happen.

const silent = { silent: true } as const
const base = '/custody'

/// The query string without empty filters.
function params(query: object): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  ) as Record<string, string | number>
}

/// 草稿 → 需求调查 → 报名 → 已分配 → 结束.
export const PLAN_STATUSES = ['draft', 'survey', 'signup', 'allocated', 'closed'] as const
export type PlanStatus = (typeof PLAN_STATUSES)[number]
/// The moves POST /plans/{id}/status takes (allocation is its own call).
export type StatusMove = 'survey' | 'signup' | 'closed'

/// What a site may offer: supervision, not teaching (no new lessons, no collective tutoring).
export const CONTENT_TYPES = ['reading', 'homework_help', 'sport', 'art', 'games', 'labour', 'science', 'practice', 'rest'] as const
export type ContentType = (typeof CONTENT_TYPES)[number]

/// 优先群体, in the order the sign-up form lists them.
export const PRIORITY_GROUPS = ['dual_income', 'migrant_worker', 'low_income', 'military', 'left_behind'] as const
export type PriorityGroup = (typeof PRIORITY_GROUPS)[number]

export const SIGNUP_STATUSES = ['pending', 'placed', 'waitlisted', 'cancelled'] as const
export type SignupStatus = (typeof SIGNUP_STATUSES)[number]

// ---- the plan as the county writes it (POST /plans, PUT /plans/{id}, POST /plans/check)

export interface PeriodInput {
  name: string
  start_date: string
  end_date: string
  /// per child for the whole period; null = free (公益)
  service_fee_fen: number | null
}

export interface ActivityInput {
  type: ContentType
  title: string
}

export interface SiteInput {
  host_school_id: number
  name: string
  served_schools: number[]
  /// `period`: the index into the body's `periods`; a period without an entry is one the site is closed in
  capacity: { period: number; places: number }[]
  content: ContentType[]
  activities: ActivityInput[]
}

export interface PlanInput {
  unit_code: string
  year: number
  title: string
  periods: PeriodInput[]
  sites: SiteInput[]
  priority_tiers?: PriorityGroup[][]
}

/// One broken rule of a plan, at the field path at fault (`sites[0].capacity[1].places`).
export interface Problem {
  code: string
  message: string
  message_en?: string
  field: string
}

// ---- the plan as the server answers it

export interface PlanSummary {
  id: number
  unit_code: string
  unit_name: string
  year: number
  title: string
  status: PlanStatus
  period_count: number
  site_count: number
  /// children who asked in the survey
  requested: number
  signed_up: number
  placed: number
}

export interface Period {
  id: number
  name: string
  start_date: string
  end_date: string
  service_fee_fen: number | null
}

export interface SiteCapacity {
  period_id: number
  places: number
  signed_up: number
  placed: number
  waitlisted: number
}

export interface EmergencyContact {
  name: string
  phone: string
}

/// 安全预案; `responsible_phone` is masked unless the caller is the county or the host school.
export interface SafetyPlan {
  responsible_person: string
  responsible_phone: string
  emergency_contacts: EmergencyContact[]
  staff: { teacher_id: number; name: string }[]
}

export interface Site {
  id: number
  host_school_id: number
  host_school_name: string
  name: string
  served_schools: { id: number; name: string }[]
  capacity: SiteCapacity[]
  content: ContentType[]
  activities: ActivityInput[]
  safety: SafetyPlan | null
}

export interface SurveyFigures {
  /// families who answered
  answers: number
  /// of them, the ones who want custody
  wanting: number
  per_period: { period_id: number; count: number }[]
}

export interface PlanDetail extends PlanSummary {
  periods: Period[]
  sites: Site[]
  priority_tiers: PriorityGroup[][]
  /// the lottery's commitment, published when sign-up opens
  commitment: string | null
  /// revealed by the allocation
  seed: string | null
  survey: SurveyFigures
  allowed_moves: string[]
}

export interface Signup {
  id: number
  plan_id: number
  student_id: number
  student_name: string
  school_name: string
  site_id: number
  site_name: string
  period_id: number
  period_name: string
  groups: PriorityGroup[]
  status: SignupStatus
  waitlist_position: number | null
  /// what the family pays for the period: 0 when custody is free or the family is in hardship (low_income)
  fee_due_fen: number
  at: string
}

export interface AllocationItem {
  site_id: number
  site_name: string
  period_id: number
  period_name: string
  capacity: number
  placed: number
  waitlisted: number
  oversubscribed: boolean
  lottery_context: string
}

export interface Allocation {
  seed: string | null
  commitment: string | null
  items: AllocationItem[]
}

/// The plan as a family sees it: its periods and the sites serving the child's school (the rest may be absent).
export type FamilyPlan = Pick<PlanDetail, 'id' | 'title' | 'status' | 'periods' | 'sites'> & Partial<Pick<PlanDetail, 'year' | 'unit_name'>>

export interface FamilyChild {
  student_id: number
  name: string
  school_id: number
  school_name: string
  /// the priority groups the school's records already show (the form starts with them ticked)
  groups_on_record?: PriorityGroup[]
  plan: FamilyPlan | null
  survey: { wants: boolean; period_ids: number[] } | null
  signups: Signup[]
}

export interface AttendanceRow {
  student_id: number
  name: string
  school_name: string
  /// null: not marked yet
  present: boolean | null
  meal: boolean
}

export interface Attendance {
  site_id: number
  date: string
  period_id: number | null
  rows: AttendanceRow[]
}

export interface StatsRow {
  unit_code: string
  unit_name: string
  requested: number
  signed_up: number
  served: number
  schools_total: number
  schools_covered: number
  /// basis points (10000 = 100 %); null when the county has no school
  coverage_bp: number | null
  sites: number
  staff: number
  attendance_days: number
  meals: number
}

export interface Stats {
  year: number
  /// when the figures were read (RFC 3339)
  as_of?: string
  items: StatsRow[]
  total: StatsRow
}

export interface SafetyInput {
  responsible_person: string
  responsible_phone: string
  emergency_contacts: EmergencyContact[]
  staff_teacher_ids: number[]
}

// ---- calls

export async function listPlans(query: { year?: number; status?: PlanStatus | '' } = {}): Promise<PlanSummary[]> {
  return (await http.get<{ items: PlanSummary[] }>(`${base}/plans`, { params: params(query), ...silent })).items
}

export function getPlan(id: number): Promise<PlanDetail> {
  return http.get(`${base}/plans/${id}`, silent)
}

export function createPlan(input: PlanInput): Promise<PlanDetail> {
  return http.post(`${base}/plans`, input, silent)
}

export function updatePlan(id: number, input: PlanInput): Promise<PlanDetail> {
  return http.put(`${base}/plans/${id}`, input, silent)
}

/// Every problem of the plan at once (200 also when there are some).
export async function checkPlan(input: PlanInput): Promise<Problem[]> {
  return (await http.post<{ problems: Problem[] }>(`${base}/plans/check`, input, silent)).problems ?? []
}

export function movePlan(id: number, to: StatusMove): Promise<PlanDetail> {
  return http.post(`${base}/plans/${id}/status`, { to }, silent)
}

export function allocatePlan(id: number): Promise<unknown> {
  return http.post(`${base}/plans/${id}/allocate`, undefined, silent)
}

export function getAllocation(id: number): Promise<Allocation> {
  return http.get(`${base}/plans/${id}/allocation`, silent)
}

export function saveSafetyPlan(siteId: number, input: SafetyInput): Promise<unknown> {
  return http.put(`${base}/sites/${siteId}/safety-plan`, input, silent)
}

export async function getFamily(): Promise<FamilyChild[]> {
  const body = await http.get<{ items?: FamilyChild[]; children?: FamilyChild[] } | FamilyChild[]>(`${base}/family`, silent)
  return Array.isArray(body) ? body : (body.items ?? body.children ?? [])
}

export function answerSurvey(planId: number, input: { student_id: number; wants: boolean; period_ids: number[] }): Promise<unknown> {
  return http.put(`${base}/plans/${planId}/survey`, input, silent)
}

export async function signUp(
  planId: number,
  input: { student_id: number; site_id: number; period_ids: number[]; groups: PriorityGroup[] },
): Promise<Signup[]> {
  const body = await http.post<Signup[] | { items: Signup[] }>(`${base}/plans/${planId}/signups`, input, silent)
  return Array.isArray(body) ? body : body.items
}

export function listSignups(query: {
  plan_id?: number
  site_id?: number
  status?: SignupStatus | ''
  page: number
  page_size: number
}): Promise<{ items: Signup[]; total: number }> {
  return http.get(`${base}/signups`, { params: params(query), ...silent })
}

export function cancelSignup(id: number): Promise<unknown> {
  return http.post(`${base}/signups/${id}/cancel`, undefined, silent)
}

export function getAttendance(siteId: number, date: string): Promise<Attendance> {
  return http.get(`${base}/sites/${siteId}/attendance`, { params: { date }, ...silent })
}

export function saveAttendance(
  siteId: number,
  date: string,
  marks: { student_id: number; present: boolean; meal: boolean }[],
): Promise<unknown> {
  return http.put(`${base}/sites/${siteId}/attendance`, { date, marks }, silent)
}

export function getStats(query: { year: number; unit_code?: string }): Promise<Stats> {
  return http.get(`${base}/stats`, { params: params(query), ...silent })
}

/// The same figures as one workbook.
export async function exportStats(query: { year: number; unit_code?: string }): Promise<{ blob: Blob; filename: string }> {
  const res = await request.get<Blob>(`${base}/stats.xlsx`, { params: params(query), responseType: 'blob', timeout: 60_000, ...silent })
  return { blob: res.data, filename: filenameOf(res.headers['content-disposition']) ?? `custody-stats-${query.year}.xlsx` }
}
