import request, { http } from '@/utils/request'
import { filenameOf } from './org'

/// 课后服务: the course catalogue (课程超市), providers, fee standards, service weeks and dismissal,
/// selection windows, a child's offer, seats, wishes and the published lottery (`/api/v1/afterschool/...`).
/// Money is integer fen on the wire; times of day `HH:MM`; instants RFC 3339 with +08:00; semesters
/// `2026-autumn` / `2027-spring`. Every call is `silent`: the pages show failures where they happen.

export type InstructorKind = 'own_teacher' | 'retired_teacher' | 'volunteer' | 'provider'
export type WindowMode = 'first_come' | 'lottery'
export type WindowPhase = 'scheduled' | 'open' | 'closed' | 'allocated'
export type SeatStatus = 'confirmed' | 'waitlisted' | 'dropped' | 'left'
export type SeatSource = 'first_come' | 'lottery' | 'waitlist' | 'mid_term'
export type ProviderStatus = 'applied' | 'admitted' | 'suspended' | 'exited'
/// The five priority groups of a lottery (RULES: most favoured first in `priority_order`).
export type PriorityGroup = 'disability' | 'hardship' | 'migrant' | 'left_behind' | 'military_family'
export type WishOutcome =
  | 'assigned'
  | 'full'
  | 'conflict'
  | 'duplicate_course'
  | 'ineligible'
  | 'unknown_section'
  | 'limit_reached'

export const PRIORITY_GROUPS: readonly PriorityGroup[] = ['disability', 'hardship', 'migrant', 'left_behind', 'military_family']

/// A course category of the catalogue; `subject_type` marks 学科类 content, `new_lessons` what
/// after-school service may not be (集体讲授新课).
export interface Category {
  code: string
  name: string
  name_en: string
  subject_type: boolean
  new_lessons: boolean
}

/// 第三方机构 on a county's list.
export interface Provider {
  id: number
  name: string
  /// 统一社会信用代码
  credit_code: string
  unit_code: string
  category: string
  /// 公益性: charges pupils nothing
  free_public_benefit: boolean
  status: ProviderStatus
  admitted_at: string | null
}

/// One weekly meeting: weekday 1 (Monday) … 7, `HH:MM`–`HH:MM`.
export interface Slot {
  weekday: number
  start: string
  end: string
}

/// 开课班: a course at its weekly times, with its live seats.
export interface Section {
  id: number
  course_id: number
  /// The server's own label, in Chinese (周一 15:40–16:30).
  label: string
  venue: string
  capacity: number
  taken: number
  seats_left: number
  waitlisted: number
  weeks: number
  slots: Slot[]
}

export interface Course {
  id: number
  school_id: number
  school_name: string
  semester: string
  title: string
  category: string
  category_name: string
  description: string
  grade_from: number
  grade_to: number
  instructor_kind: InstructorKind
  teacher_id: number | null
  provider_id: number | null
  instructor_name: string
  fee_per_hour_fen: number
  status: 'published' | 'closed'
  sections: Section[]
}

/// What a school enters to publish a course: one capacity, venue and length for all its sections,
/// each section a list of weekly slots.
export interface CourseInput {
  school_id: number
  semester: string
  title: string
  category: string
  description: string
  venue: string
  grade_from: number
  grade_to: number
  instructor_kind: InstructorKind
  teacher_id?: number
  provider_id?: number
  instructor_name?: string
  fee_per_hour_fen: number
  capacity: number
  weeks: number
  sections: Slot[][]
}

/// 弹性离校: one weekday's end of lessons and its ordered dismissal batches.
export interface ServiceDay {
  weekday: number
  lessons_end: string
  batch_ends: string[]
}

export interface ServiceWeek {
  school_id: number
  semester: string
  days: ServiceDay[]
  /// The latest batch may not end before this (local off-work time + offset, from the fee standard).
  earliest_latest_end: string
}

/// 选课窗口 of one school, or of every school of a county (`school_id` null).
export interface Window {
  id: number
  unit_code: string
  school_id: number | null
  semester: string
  title: string
  mode: WindowMode
  opens_at: string
  closes_at: string
  phase: WindowPhase
  max_wishes: number
  course_limit: number
  priority_order: PriorityGroup[]
  /// SHA-256 of the seed, published when the window opens (lottery only).
  seed_commitment: string | null
  /// The seed itself, shown only after close (commit–reveal).
  seed: string | null
  allocated_at: string | null
  result_digest: string | null
}

export interface WindowInput {
  school_id?: number
  unit_code?: string
  semester: string
  title: string
  mode: WindowMode
  opens_at: string
  closes_at: string
  max_wishes: number
  course_limit: number
  priority_order: PriorityGroup[]
}

/// A child's seat or waitlist place.
export interface Seat {
  id: number
  section_id: number
  course_id: number
  student_id: number
  student_name: string
  window_id: number | null
  course_title: string
  section_label: string
  instructor_name: string
  status: SeatStatus
  source: SeatSource
  /// The ticket number: every place given out in the section counts, so it is not the place in line.
  queue_no: number
  /// 1 = next in line; 0 unless waitlisted.
  waitlist_position: number
  fee_per_hour_fen: number
  created_at: string
  joined_on: string | null
  left_on: string | null
}

/// The answer to a selection: 201 confirmed, 202 waitlisted.
export interface SeatAnswer {
  status: 'confirmed' | 'waitlisted'
  seat_id: number
  section_id: number
  queue_no: number
  /// 1 = next in line; 0 when confirmed.
  waitlist_position: number
}

/// One published allocation line: a wish and what became of it, with the reason in both languages.
export interface AllocationLine {
  student_id: number
  student_name: string
  rank: number
  section_id: number
  course_title: string
  section_label: string
  outcome: WishOutcome
  round: number
  draw: string
  tier: number
  cutoff_draw: string | null
  reason: string
  reason_en: string
}

export interface OfferChild {
  id: number
  name: string
  grade: number
  class_name: string
  school_name: string
}

/// A child's after-school offer for a semester: the windows of the school, the courses open to the
/// child's grade with live seats, the child's seats and the wishes per lottery window.
export interface Offer {
  child: OfferChild
  consented: boolean
  windows: Window[]
  courses: Course[]
  seats: Seat[]
  wishes: { window_id: number; section_ids: number[] }[]
}

export interface DismissalPlan {
  week: ServiceWeek
  /// Per weekday 1–5 the chosen batch (1-based); 0: none chosen yet.
  chosen: { weekday: number; batch_no: number }[]
}

/// 收费标准 of a unit for a semester, per pupil and class hour.
export interface FeeStandard {
  unit_code: string
  unit_name: string
  semester: string
  rural_per_hour_fen: number
  urban_per_hour_fen: number
  per_semester_cap_fen: number | null
  per_month_cap_fen: number | null
  local_off_work: string
  end_offset_minutes: number
  earliest_latest_dismissal: string
  published_at: string
  /// The unit has none of its own: the city's applies.
  inherited: boolean
}

export interface FeeStandardInput {
  rural_per_hour_fen: number
  urban_per_hour_fen: number
  per_semester_cap_fen?: number
  per_month_cap_fen?: number
  local_off_work: string
  end_offset_minutes: number
}

const silent = { silent: true } as const
const BASE = '/afterschool'

async function items<T>(url: string, params?: Record<string, string>): Promise<T[]> {
  return (await http.get<{ items: T[] }>(url, { params, ...silent })).items
}

// --- catalogue ------------------------------------------------------------------------------

export function listCategories(): Promise<Category[]> {
  return items(`${BASE}/categories`)
}

export function listProviders(): Promise<Provider[]> {
  return items(`${BASE}/providers`)
}

export function listCourses(schoolId: number, semester: string): Promise<Course[]> {
  return items(`${BASE}/schools/${schoolId}/courses`, { semester })
}

export function publishCourse(input: CourseInput): Promise<Course> {
  return http.post(`${BASE}/courses`, input, silent)
}

/// Stops new selections of a course.
export function closeCourse(id: number): Promise<Course> {
  return http.post(`${BASE}/courses/${id}/close`, undefined, silent)
}

export function getServiceWeek(schoolId: number, semester: string): Promise<ServiceWeek> {
  return http.get(`${BASE}/schools/${schoolId}/service-week/${semester}`, silent)
}

export function putServiceWeek(schoolId: number, semester: string, days: ServiceDay[]): Promise<ServiceWeek> {
  return http.put(`${BASE}/schools/${schoolId}/service-week/${semester}`, { days }, silent)
}

// --- fee standards --------------------------------------------------------------------------

/// The standards published for a semester inside the caller's scope (units with none are absent).
export function listFeeStandards(semester: string): Promise<FeeStandard[]> {
  return items(`${BASE}/fee-standards`, { semester })
}

/// The standard in force for a unit: its own, else the city's (`inherited`); 404 when neither exists.
export function getFeeStandard(unitCode: string, semester: string): Promise<FeeStandard> {
  return http.get(`${BASE}/fee-standards/${unitCode}/${semester}`, silent)
}

export function putFeeStandard(unitCode: string, semester: string, input: FeeStandardInput): Promise<FeeStandard> {
  return http.put(`${BASE}/fee-standards/${unitCode}/${semester}`, input, silent)
}

// --- windows and allocation -----------------------------------------------------------------

export function listWindows(semester: string): Promise<Window[]> {
  return items(`${BASE}/windows`, { semester })
}

export function createWindow(input: WindowInput): Promise<Window> {
  return http.post(`${BASE}/windows`, input, silent)
}

/// Runs a closed lottery window's allocation and publishes it (reveals the seed).
export function allocateWindow(id: number): Promise<Window> {
  return http.post(`${BASE}/windows/${id}/allocate`, undefined, silent)
}

export function getAllocation(windowId: number): Promise<AllocationLine[]> {
  return items(`${BASE}/windows/${windowId}/allocation`)
}

/// The allocation's inputs as run (for `kehou allocate --verify`), as a text file.
export async function downloadAllocationInputs(windowId: number): Promise<{ blob: Blob; filename: string }> {
  const res = await request.get<Blob>(`${BASE}/windows/${windowId}/allocation-inputs`, { responseType: 'blob', ...silent })
  return {
    blob: res.data,
    filename: filenameOf(res.headers['content-disposition']) ?? `allocation-inputs-${windowId}.txt`,
  }
}

// --- the school's seats ---------------------------------------------------------------------

/// A section's confirmed seats, then its waitlist in order.
export function listSectionSeats(sectionId: number): Promise<Seat[]> {
  return items(`${BASE}/sections/${sectionId}/seats`)
}

/// 学期中加入: the school adds a pupil of the school to a section from a date.
export function joinSection(sectionId: number, studentId: number, joinedOn: string): Promise<Seat> {
  return http.post(`${BASE}/sections/${sectionId}/seats`, { student_id: studentId, joined_on: joinedOn }, silent)
}

/// 学期中退出 from a date; the waitlist moves up.
export function leaveSeat(seatId: number, leftOn: string): Promise<Seat> {
  return http.post(`${BASE}/seats/${seatId}/leave`, { left_on: leftOn }, silent)
}

// --- a guardian's child ---------------------------------------------------------------------

/// The routing key of a multi-process deployment (docs/scaling.md): the proxy hashes the child's school
/// id so one kehou process holds that school's seat ledger. Without it the request still works (any
/// process answers from the database), it only lands on a process chosen by other means.
export const SCHOOL_HEADER = 'X-Kehou-School'

function routedBySchool(schoolId?: number) {
  return schoolId === undefined ? silent : { ...silent, headers: { [SCHOOL_HEADER]: String(schoolId) } }
}

/// `schoolId`, the child's school, is the routing key: the live seat counts come from the process
/// that holds the school's seat ledger.
export function getOffer(childId: number, semester: string, schoolId?: number): Promise<Offer> {
  return http.get(`${BASE}/children/${childId}/offer`, { params: { semester }, ...routedBySchool(schoolId) })
}

/// 选课 in a first-come window. `idempotencyKey` names the user's intent: resending the same key
/// (after a timeout) returns the first answer and never takes a second seat. `schoolId` is the child's
/// school, sent as the routing key.
export async function selectSection(
  childId: number,
  body: { section_id: number; idempotency_key: string; join_waitlist: boolean },
  schoolId?: number,
): Promise<SeatAnswer> {
  return http.post(`${BASE}/children/${childId}/seats`, body, routedBySchool(schoolId))
}

/// 退课 during selection; answers the seat as it is now. `schoolId` as for selectSection.
export function dropSeat(childId: number, seatId: number, schoolId?: number): Promise<Seat> {
  return http.delete(`${BASE}/children/${childId}/seats/${seatId}`, routedBySchool(schoolId))
}

/// Replaces the child's ranked wishes in an open lottery window; answers them as saved.
export async function putWishes(childId: number, windowId: number, sectionIds: number[]): Promise<number[]> {
  const res = await http.put<{ section_ids: number[] }>(
    `${BASE}/children/${childId}/wishes/${windowId}`,
    { section_ids: sectionIds },
    silent,
  )
  return res.section_ids
}

/// The child's allocation result, wish by wish (empty before the lottery has run).
export function getChildResult(childId: number, windowId: number): Promise<AllocationLine[]> {
  return items(`${BASE}/children/${childId}/results/${windowId}`)
}

export function getDismissal(childId: number, semester: string): Promise<DismissalPlan> {
  return http.get(`${BASE}/children/${childId}/dismissal`, { params: { semester }, ...silent })
}

export function chooseDismissal(childId: number, semester: string, weekday: number, batchNo: number): Promise<DismissalPlan> {
  return http.put(`${BASE}/children/${childId}/dismissal/${weekday}`, { semester, batch_no: batchNo }, silent)
}
