import request, { http } from '@/utils/request'

/// 组织机构: units, schools, classes, students, guardians, teachers, guardian consent and the roster
/// import (`/api/v1/org/...`). The server filters every list by the caller's scope; numbers come
/// masked (RULES R3.11). Every call is `silent`: the pages show failures where they happen.

export type Stage = 'primary' | 'junior_middle' | 'nine_year'
export type Sex = 'male' | 'female'
export type Relation = 'father' | 'mother' | 'grandfather' | 'grandmother' | 'other'
export type ConsentPurpose = 'afterschool' | 'custody' | 'homework_report' | 'enrollment_extra' | 'photo'

export interface PageResult<T> {
  items: T[]
  total: number
}

export interface Paging {
  page: number
  page_size: number
}

/// A city, county-level unit or functional zone (RULES R3.6).
export interface Unit {
  code: string
  /// null for functional zones, which have no GB/T 2260 code.
  gbt2260_code: string | null
  name: string
  name_en: string
  kind: 'city' | 'district' | 'county' | 'county_level_city' | 'functional_zone' | string
  /// '' for the root.
  parent_code: string
}

export interface School {
  id: number
  /// 学校标识码, 10 digits (RULES R3.7)
  school_code: string
  name: string
  unit_code: string
  stage: Stage
  is_public: boolean
  is_rural: boolean
  grade_from: number
  grade_to: number
  address: string
}

export type SchoolInput = Omit<School, 'id'>

export interface SchoolQuery extends Paging {
  unit_code?: string
  /// part of the name
  q?: string
  stage?: Stage
}

export interface SchoolClass {
  id: number
  grade: number
  class_no: number
  entry_year: number
  /// 三年级2班
  name: string
  student_count: number
}

export interface StudentFlags {
  disability: boolean
  migrant: boolean
  hardship: boolean
  left_behind: boolean
  military_family: boolean
  dual_income: boolean
}

export const FLAG_KEYS: readonly (keyof StudentFlags)[] = [
  'disability',
  'migrant',
  'hardship',
  'left_behind',
  'military_family',
  'dual_income',
]

export interface Student {
  id: number
  school_id: number
  school_name: string
  class_id: number
  class_name: string
  grade: number
  name: string
  sex: Sex
  /// YYYY-MM-DD
  birth_date: string
  /// Always masked: 370811********1234
  id_number: string
  /// Always masked: G370811********1234
  student_number: string
  flags: StudentFlags
  status: 'enrolled' | 'transferred' | 'graduated' | string
}

export interface StudentInput {
  class_id: number
  name: string
  sex: Sex
  id_number: string
  student_number: string
  flags: StudentFlags
}

export interface StudentQuery extends Paging {
  school_id?: number
  class_id?: number
  /// name prefix
  name?: string
  /// exact identity number (matched by its keyed hash)
  id_number?: string
}

export type ExportQuery = Pick<StudentQuery, 'school_id' | 'class_id' | 'name'>

export interface Guardian {
  id: number
  name: string
  relation: Relation
  /// Masked: 138****8000
  mobile: string
  /// 接送人: may pick the child up
  pickup_authorised: boolean
  has_account: boolean
}

export interface GuardianInput {
  name: string
  relation: Relation
  mobile: string
  pickup_authorised: boolean
}

export interface Teacher {
  id: number
  school_id: number
  school_name: string
  name: string
  sex: Sex
  /// Masked
  mobile: string
  subjects: string[]
  /// 退休返聘
  retired: boolean
}

export interface TeacherInput {
  school_id: number
  name: string
  sex: Sex
  mobile: string
  subjects: string[]
  retired: boolean
}

export interface TeacherQuery extends Paging {
  school_id?: number
  name?: string
}

export interface Consent {
  id: number
  purpose: ConsentPurpose
  notice_version: string
  /// RFC 3339 with offset
  granted_at: string
  withdrawn_at: string | null
  active: boolean
}

export interface ImportProblem {
  /// The line of the file as a text editor numbers it (1 is the header).
  line: number
  field: string
  message: string
  message_en: string
}

/// A good row as it will be written, numbers masked.
export type ImportSample = Pick<Student, 'class_name' | 'grade' | 'name' | 'sex' | 'birth_date' | 'id_number' | 'student_number'>

export interface ImportPreview {
  import_id: number
  /// utf-8 or gbk
  encoding: string
  data_rows: number
  good_rows: number
  bad_rows: number
  problems: ImportProblem[]
  sample: ImportSample[]
}

export interface ImportResult {
  students: number
  guardians: number
  classes_created: number
}

/// The query string without empty filters.
function params(query: object): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  ) as Record<string, string | number>
}

const silent = { silent: true } as const

export async function listUnits(): Promise<Unit[]> {
  return (await http.get<{ items: Unit[] }>('/org/units', silent)).items
}

export function listSchools(query: SchoolQuery): Promise<PageResult<School>> {
  return http.get('/org/schools', { params: params(query), ...silent })
}

export function getSchool(id: number): Promise<School> {
  return http.get(`/org/schools/${id}`, silent)
}

export function createSchool(input: SchoolInput): Promise<School> {
  return http.post('/org/schools', input, silent)
}

export async function listClasses(schoolId: number): Promise<SchoolClass[]> {
  return (await http.get<{ items: SchoolClass[] }>(`/org/schools/${schoolId}/classes`, silent)).items
}

export function listStudents(query: StudentQuery): Promise<PageResult<Student>> {
  return http.get('/org/students', { params: params(query), ...silent })
}

export function getStudent(id: number): Promise<Student> {
  return http.get(`/org/students/${id}`, silent)
}

export function createStudent(input: StudentInput): Promise<Student> {
  return http.post('/org/students', input, silent)
}

export function updateStudent(id: number, input: StudentInput): Promise<Student> {
  return http.put(`/org/students/${id}`, input, silent)
}

/// The full identity number. Needs `org:pii:reveal`; the server logs every call.
export async function revealIdNumber(id: number): Promise<string> {
  return (await http.get<{ id_number: string }>(`/org/students/${id}/identity-number`, silent)).id_number
}

export async function listGuardians(studentId: number): Promise<Guardian[]> {
  return (await http.get<{ items: Guardian[] }>(`/org/students/${studentId}/guardians`, silent)).items
}

export function addGuardian(studentId: number, input: GuardianInput): Promise<Guardian> {
  return http.post(`/org/students/${studentId}/guardians`, input, silent)
}

export function listTeachers(query: TeacherQuery): Promise<PageResult<Teacher>> {
  return http.get('/org/teachers', { params: params(query), ...silent })
}

export function createTeacher(input: TeacherInput): Promise<Teacher> {
  return http.post('/org/teachers', input, silent)
}

/// A guardian's own children.
export async function listChildren(): Promise<Student[]> {
  return (await http.get<{ items: Student[] }>('/org/children', silent)).items
}

export async function listConsents(childId: number): Promise<Consent[]> {
  return (await http.get<{ items: Consent[] }>(`/org/children/${childId}/consents`, silent)).items
}

/// Grants (with the notice version read) or withdraws one purpose; answers the child's consents after it.
export async function setConsent(
  childId: number,
  body: { purpose: ConsentPurpose; granted: boolean; notice_version?: string },
): Promise<Consent[]> {
  return (await http.post<{ items: Consent[] }>(`/org/children/${childId}/consents`, body, silent)).items
}

/// Uploads the file's bytes as they are (.xlsx, or CSV in UTF-8 or GBK; the server detects which). Nothing is written yet.
export function previewRoster(schoolId: number, csv: ArrayBuffer): Promise<ImportPreview> {
  return http.post(`/org/schools/${schoolId}/roster-imports`, csv, {
    headers: { 'Content-Type': 'text/csv' },
    // The body is bytes: no JSON encoding.
    transformRequest: [(data: ArrayBuffer) => data],
    ...silent,
  })
}

export function confirmRoster(importId: number): Promise<ImportResult> {
  return http.post(`/org/roster-imports/${importId}/confirm`, undefined, silent)
}

/// The filtered list as an .xlsx workbook (numbers masked), with the file name the server proposes.
export async function exportStudents(query: ExportQuery): Promise<{ blob: Blob; filename: string }> {
  const res = await request.get<Blob>('/org/students/export', {
    params: params(query),
    responseType: 'blob',
    ...silent,
  })
  return { blob: res.data, filename: filenameOf(res.headers['content-disposition']) ?? 'students.xlsx' }
}

/// `filename*=UTF-8''…` (RFC 6266) first, else `filename="…"`.
export function filenameOf(disposition: unknown): string | null {
  if (typeof disposition !== 'string') return null
  const star = disposition.match(/filename\*\s*=\s*UTF-8''([^;]+)/i)
  if (star) {
    try {
      return decodeURIComponent(star[1].trim())
    } catch {
      // A malformed escape: fall back to the plain name.
    }
  }
  return disposition.match(/filename\s*=\s*"([^"]+)"/i)?.[1] ?? null
}
