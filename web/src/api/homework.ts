import { http } from '@/utils/request'
import type { PageResult } from './org'

/// 作业管理 (issue 7; RULES R1.1–R1.4, contract in docs/homework.md): a class's daily homework checked against the
/// grade limits, the subject groups' budgets and approval, the county's limits and banned-phrase list, and the
/// families' view and reports — `/api/v1/homework/...` and `/api/v1/family/homework...`. Dates `YYYY-MM-DD`;
/// instants RFC 3339 +08:00. Every call is `silent`: the pages show failures where they happen (a 422's
/// `field` under that field, its `details` — current/limit/remaining, phrases — beside it).

const silent = { silent: true } as const

/// The query string without empty filters.
function params(query: object): Record<string, string | number | boolean> {
  return Object.fromEntries(
    Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== '' && v !== false),
  ) as Record<string, string | number | boolean>
}

export type HomeworkType = 'written' | 'reading' | 'oral' | 'practical' | 'inquiry'
export const HOMEWORK_TYPES: readonly HomeworkType[] = ['written', 'reading', 'oral', 'practical', 'inquiry']

export type AssignmentStatus = 'pending_approval' | 'published' | 'rejected' | 'withdrawn'
export type HomeworkDayKind = 'school_day' | 'rest_day'

/// 分层作业 one layer (基础 / 提高 / 拓展) and the students who do it.
export interface Variant {
  id: number
  position: number
  label: string
  content: string
  estimated_minutes: number
  student_ids: number[]
}

export interface VariantInput {
  label: string
  content: string
  estimated_minutes: number
  student_ids: number[]
}

/// One subject's homework for a class and a day. `counted_minutes`: what it adds to the class-day's written
/// total (the largest of its own and its variants' minutes when written, else 0).
export interface Assignment {
  id: number
  class_id: number
  class_name: string
  school_id: number
  grade: number
  due_date: string
  day_kind: HomeworkDayKind
  subject: string
  type: HomeworkType
  content: string
  estimated_minutes: number
  counted_minutes: number
  status: AssignmentStatus
  teacher_id: number | null
  teacher_name: string
  created_at: string
  decided_at: string | null
  reject_reason: string | null
  override_reason: string | null
  variants: Variant[]
}

/// The publish body (and the check's).
export interface PublishInput {
  class_id: number
  due_date: string
  subject: string
  type: HomeworkType
  content: string
  estimated_minutes: number
  variants?: VariantInput[]
}

/// A class the caller may publish for; `subjects`: what the teacher teaches there (all for an administrator).
export interface HomeworkClass {
  id: number
  name: string
  grade: number
  school_id: number
  subjects: string[]
}

/// 备课组 a grade's subject group: its leader and the subject's daily budget (null: none).
export interface SubjectGroup {
  grade: number
  subject: string
  leader_teacher_id: number | null
  leader_name: string | null
  daily_budget: number | null
}

/// The class-day: the limit that applies (school day or rest day), the written total so far and the homework.
export interface ClassDay {
  class_id: number
  class_name: string
  grade: number
  date: string
  day_kind: HomeworkDayKind
  limit: number
  written_total: number
  remaining: number
  assignments: Assignment[]
  groups: SubjectGroup[]
}

/// What a publish would meet, written nowhere.
export interface CheckResult {
  /// R1.3 phrases found in the content, in list order.
  parent_task_phrases: string[]
  budget: {
    allowed: boolean
    written_in_grades_1_2: boolean
    current: number
    limit: number
    remaining: number
  }
  subject_budget: { allowed: boolean; budget: number; current: number; remaining: number } | null
  needs_approval: boolean
}

export interface CountySettings {
  unit_code: string
  primary_limit: number
  junior_limit: number
  rest_day_primary_limit: number | null
  rest_day_junior_limit: number | null
  parent_task_phrases: string[]
  phrases_customised: boolean
  national: { primary: number; junior: number }
  updated_at: string | null
}

export interface CountySettingsInput {
  primary_limit: number
  junior_limit: number
  rest_day_primary_limit: number | null
  rest_day_junior_limit: number | null
  /// null: the default list.
  parent_task_phrases: string[] | null
}

export interface SchoolSettings {
  school_id: number
  approval_required: boolean
  groups: SubjectGroup[]
}

export interface GroupInput {
  grade: number
  subject: string
  leader_teacher_id?: number | null
  daily_budget?: number | null
}

export interface AssignmentQuery {
  class_id?: number
  from?: string
  to?: string
  status?: AssignmentStatus
  pending_for_me?: boolean
  page?: number
  page_size?: number
}

/// A family's homework for one child and day; `variant_label` when the child does a layer.
export interface FamilyAssignment {
  id: number
  subject: string
  type: HomeworkType
  content: string
  estimated_minutes: number
  variant_label: string | null
  teacher_name: string
}

export interface FamilyReport {
  minutes: number
  finished_by_bedtime: boolean
  note: string | null
  reported_at: string
}

export interface FamilyChild {
  student_id: number
  student_name: string
  class_name: string
  grade: number
  date: string
  day_kind: HomeworkDayKind
  /// HH:MM, R1.4: 21:20 primary, 22:00 junior middle.
  bedtime: string
  estimated_total: number
  assignments: FamilyAssignment[]
  report: FamilyReport | null
}

export interface FamilyDay {
  date: string
  children: FamilyChild[]
}

export interface FamilyReportInput {
  student_id: number
  date: string
  minutes: number
  finished_by_bedtime: boolean
  note?: string
}

// --- settings ----------------------------------------------------------------------------------

export function getCountySettings(unitCode: string): Promise<CountySettings> {
  return http.get(`/homework/counties/${unitCode}/settings`, silent)
}

/// 422 with the field when a limit is above the national one.
export function putCountySettings(unitCode: string, body: CountySettingsInput): Promise<CountySettings> {
  return http.put(`/homework/counties/${unitCode}/settings`, body, silent)
}

export function getSchoolSettings(schoolId: number): Promise<SchoolSettings> {
  return http.get(`/homework/schools/${schoolId}/settings`, silent)
}

export function putSchoolSettings(schoolId: number, approvalRequired: boolean): Promise<SchoolSettings> {
  return http.put(`/homework/schools/${schoolId}/settings`, { approval_required: approvalRequired }, silent)
}

/// The school sets leader and budget; the group's leader the budget only.
export function putGroup(schoolId: number, body: GroupInput): Promise<unknown> {
  return http.put(`/homework/schools/${schoolId}/groups`, body, silent)
}

// --- publishing --------------------------------------------------------------------------------

export async function listHomeworkClasses(): Promise<HomeworkClass[]> {
  return (await http.get<{ items: HomeworkClass[] }>('/homework/classes', silent)).items
}

export function getClassDay(classId: number, date: string): Promise<ClassDay> {
  return http.get('/homework/class-day', { params: { class_id: classId, date }, ...silent })
}

/// Writes nothing. `signal` lets a newer check cancel the one in flight.
export function checkHomework(body: PublishInput, signal?: AbortSignal): Promise<CheckResult> {
  return http.post('/homework/check', body, { ...silent, signal })
}

/// 201. 422 codes: homework.written_grades_1_2 (type), homework.parent_task (content; details.phrases),
/// homework.over_limit (estimated_minutes; details current, limit, remaining), homework.over_subject_budget.
export function publishHomework(body: PublishInput): Promise<Assignment> {
  return http.post('/homework/assignments', body, silent)
}

/// 教务处: over the class-day limit or subject budget with a reason (5–500 characters); audited.
export function overrideHomework(body: PublishInput & { override_reason: string }): Promise<Assignment> {
  return http.post('/homework/assignments/override', body, silent)
}

export function listAssignments(query: AssignmentQuery): Promise<PageResult<Assignment>> {
  return http.get('/homework/assignments', { params: params(query), ...silent })
}

export function getAssignment(id: number): Promise<Assignment> {
  return http.get(`/homework/assignments/${id}`, silent)
}

export function approveAssignment(id: number): Promise<Assignment> {
  return http.post(`/homework/assignments/${id}/approve`, undefined, silent)
}

export function rejectAssignment(id: number, reason: string): Promise<Assignment> {
  return http.post(`/homework/assignments/${id}/reject`, { reason }, silent)
}

export function withdrawAssignment(id: number): Promise<Assignment> {
  return http.post(`/homework/assignments/${id}/withdraw`, undefined, silent)
}

// --- families ----------------------------------------------------------------------------------

export function getFamilyHomework(date: string): Promise<FamilyDay> {
  return http.get('/family/homework', { params: { date }, ...silent })
}

/// The date is today or one of the 7 days before; a later report for the day replaces the earlier one.
export function putFamilyReport(body: FamilyReportInput): Promise<FamilyReport> {
  return http.put('/family/homework/reports', body, silent)
}
