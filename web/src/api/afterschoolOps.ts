import request, { http } from '@/utils/request'
import type { Course } from './afterschool'
import { filenameOf } from './org'

/// 课后服务的日常运行与统计: the roll (点名), leave requests (请假), pickup codes and the duty teacher's
/// list (接送), course ratings (评价), a child's statement and a school's fee list (收费), fill and the
/// participation report (参与率), and every user's in-app notices (`/api/v1/afterschool/...`,
/// `/api/v1/notifications`). Money is integer fen; dates `YYYY-MM-DD`; instants RFC 3339 +08:00;
/// rates percent to one decimal (90.2). Every call is `silent`: the pages show failures where they happen.

/// A child's mark on the roll; '' while not marked yet.
export type AttendanceStatus = 'present' | 'absent' | 'leave'
export const ATTENDANCE_STATUSES: readonly AttendanceStatus[] = ['present', 'absent', 'leave']

/// One child on a section's roll that day.
export interface RollEntry {
  student_id: number
  student_name: string
  class_name: string
  /// A leave request pre-fills 'leave'; '' is not marked.
  status: AttendanceStatus | ''
  /// A guardian's leave request covers the day.
  leave_requested: boolean
}

/// 点名册: a section's roll on a date, and whether the session has been recorded.
export interface Roll {
  section_id: number
  date: string
  course_title: string
  /// The server's label in Chinese (周二 15:50–16:50).
  section_label: string
  recorded: boolean
  entries: RollEntry[]
}

export interface Mark {
  student_id: number
  status: AttendanceStatus
}

/// 请假: whole days, filed in advance.
export interface LeaveRequest {
  id: number
  student_id: number
  from_date: string
  to_date: string
  reason: string
  filed_at: string
}

export interface LeaveInput {
  from_date: string
  to_date: string
  reason: string
}

/// 接送码: today's code for an authorised pickup person; only its hash is kept, a new one replaces it.
export interface PickupCode {
  code: string
  date: string
  /// The dismissal batch chosen for today (1-based); 0: none chosen (or not a school day).
  batch_no: number
  /// When that batch ends, HH:MM.
  batch_end: string | null
}

/// One child on the duty teacher's list.
export interface PickupEntry {
  student_id: number
  student_name: string
  class_name: string
  batch_no: number
  picked_at: string | null
}

/// 评价: the averages of a course of a school's semester.
export interface RatingSummary {
  course_id: number
  course_title: string
  instructor_name: string
  provider_id: number | null
  ratings: number
  /// 0 while nobody has rated.
  average: number
}

/// A rating a guardian gave for a course the child took.
export interface ChildRating {
  course_id: number
  /// 1–5
  score: number
  comment: string
  rated_at: string
}

export interface RatingInput {
  /// 1–5
  score: number
  comment: string
}

/// One course's part of a child's fees: class hours actually taken × the course's rate.
export interface FeeLine {
  course_title: string
  hours: number
  rate_fen: number
  amount_fen: number
}

/// 收费单: a child's statement for a semester.
export interface Statement {
  student_id: number
  student_name: string
  class_name: string
  hours: number
  /// Before the month / semester caps and the hardship waiver.
  gross_fen: number
  due_fen: number
  /// 家庭经济困难: nothing due.
  waived: boolean
  lines: FeeLine[]
  /// The server's explanations (caps applied, waiver), in Chinese.
  notes: string[]
}

/// A school's fee list for a semester with its totals.
export interface SchoolFees {
  school_id: number
  school_name: string
  semester: string
  hours: number
  gross_fen: number
  due_fen: number
  waived_children: number
  children: Statement[]
}

/// 满额率 per course of a school's semester.
export interface CourseFill {
  course_id: number
  title: string
  category_name: string
  instructor_name: string
  sections: number
  capacity: number
  taken: number
  /// percent, one decimal
  fill: number
  waitlisted: number
}

/// One row of the participation report: a county, a school, or the total (`key` 'total').
export interface FigureRow {
  key: string
  name: string
  students: number
  served: number
  participation: number
  teachers: number
  teaching: number
  teacher_participation: number
  schools: number
  offering: number
  coverage: number
  courses: number
  sections: number
  capacity: number
  taken: number
  fill: number
  waitlisted: number
}

/// 参与率, 教师参与率, 应开尽开 and fill of a semester in the caller's scope: a row per county for the
/// city, per school for a county, the school's own row for a school.
export interface ParticipationReport {
  semester: string
  scope_name: string
  level: 'county' | 'school'
  total: FigureRow
  rows: FigureRow[]
}

/// An in-app notice (an unexplained absence, a waitlist place turned into a seat). Texts are Chinese.
export interface Notice {
  id: number
  kind: string
  title: string
  body: string
  created_at: string
  read_at: string | null
}

export interface Download {
  blob: Blob
  filename: string
}

const silent = { silent: true } as const
const BASE = '/afterschool'

async function items<T>(url: string, params?: Record<string, string | number>): Promise<T[]> {
  return (await http.get<{ items: T[] }>(url, { params, ...silent })).items
}

async function download(url: string, params: Record<string, string>, fallback: string): Promise<Download> {
  const res = await request.get<Blob>(url, { params, responseType: 'blob', ...silent })
  return { blob: res.data, filename: filenameOf(res.headers['content-disposition']) ?? fallback }
}

// --- the roll -------------------------------------------------------------------------------

/// The caller's own courses of a semester with their sections: a teacher's choice for the roll (a teacher
/// cannot list the school's courses).
export function listMySections(semester: string): Promise<Course[]> {
  return items(`${BASE}/my-sections`, { semester })
}

export function getRoll(sectionId: number, date: string): Promise<Roll> {
  return http.get(`${BASE}/sections/${sectionId}/roll/${date}`, silent)
}

/// Records the marks and the session; answers the roll as saved. A child newly marked absent without
/// leave makes a notice to its guardians.
export function saveRoll(sectionId: number, date: string, entries: Mark[]): Promise<Roll> {
  return http.put(`${BASE}/sections/${sectionId}/roll/${date}`, { entries }, silent)
}

// --- a guardian's child ---------------------------------------------------------------------

export function listLeaveRequests(childId: number): Promise<LeaveRequest[]> {
  return items(`${BASE}/children/${childId}/leave-requests`)
}

export function fileLeaveRequest(childId: number, input: LeaveInput): Promise<LeaveRequest> {
  return http.post(`${BASE}/children/${childId}/leave-requests`, input, silent)
}

/// A new code for today (the one before stops working). 403 `afterschool.not_pickup_person` for a
/// guardian the school has not registered as a pickup person.
export function issuePickupCode(childId: number): Promise<PickupCode> {
  return http.post(`${BASE}/children/${childId}/pickup-code`, undefined, silent)
}

export function getStatement(childId: number, semester: string): Promise<Statement> {
  return http.get(`${BASE}/children/${childId}/statement`, { params: { semester }, ...silent })
}

/// The ratings already given for the child's courses (any semester).
export function listChildRatings(childId: number): Promise<ChildRating[]> {
  return items(`${BASE}/children/${childId}/ratings`)
}

/// Once per child and course: 409 `afterschool.already_rated` the second time.
export function rateCourse(childId: number, courseId: number, input: RatingInput): Promise<{ course_id: number; score: number }> {
  return http.put(`${BASE}/children/${childId}/ratings/${courseId}`, input, silent)
}

// --- a school -------------------------------------------------------------------------------

/// The duty teacher's list of a date; `batch` 0 is every batch.
export function listPickups(schoolId: number, date: string, batch: number): Promise<PickupEntry[]> {
  return items(`${BASE}/schools/${schoolId}/pickup`, { date, batch })
}

/// Confirms at the gate with the code on the guardian's phone; answers the child's line, picked up.
export function confirmPickup(schoolId: number, studentId: number, code: string): Promise<PickupEntry> {
  return http.post(`${BASE}/schools/${schoolId}/pickup/confirm`, { student_id: studentId, code }, silent)
}

export function listRatings(schoolId: number, semester: string): Promise<RatingSummary[]> {
  return items(`${BASE}/schools/${schoolId}/ratings`, { semester })
}

export function getSchoolFees(schoolId: number, semester: string): Promise<SchoolFees> {
  return http.get(`${BASE}/schools/${schoolId}/fees`, { params: { semester }, ...silent })
}

export function exportSchoolFees(schoolId: number, semester: string): Promise<Download> {
  return download(`${BASE}/schools/${schoolId}/fees/export`, { semester }, `afterschool-fees-${semester}.xlsx`)
}

export function listFill(schoolId: number, semester: string): Promise<CourseFill[]> {
  return items(`${BASE}/schools/${schoolId}/fill`, { semester })
}

// --- statistics -----------------------------------------------------------------------------

/// One row of the area fee report: a school (county scope) or a county (the city), or the total.
export interface FeeRow {
  key: string
  name: string
  schools: number
  children: number
  hours: number
  gross_fen: number
  due_fen: number
  waived_children: number
}

export interface AreaFees {
  semester: string
  level: 'school' | 'county'
  total: FeeRow
  rows: FeeRow[]
}

export function getAreaFees(semester: string): Promise<AreaFees> {
  return http.get(`${BASE}/reports/fees`, { params: { semester }, ...silent })
}

export function getParticipation(semester: string): Promise<ParticipationReport> {
  return http.get(`${BASE}/reports/participation`, { params: { semester }, ...silent })
}

export function exportParticipation(semester: string): Promise<Download> {
  return download(`${BASE}/reports/participation/export`, { semester }, `afterschool-participation-${semester}.xlsx`)
}

// --- notices --------------------------------------------------------------------------------

/// The caller's latest notices, newest first.
export function listNotices(): Promise<Notice[]> {
  return items('/notifications')
}

export function markNoticeRead(id: number): Promise<{ id: number; read: boolean }> {
  return http.post(`/notifications/${id}/read`, undefined, silent)
}
