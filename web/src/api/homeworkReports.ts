import request, { http } from '@/utils/request'
import { filenameOf } from './org'

/// 作业负担统计 (issue 7 point 5; definitions in docs/homework.md, "Reports"): estimated against reported minutes,
/// days over the limit, compliance and bedtime shares with drill-down city → county → school → grade → class,
/// weekly averages (R1.2 says 平均), overrun alerts and the .xlsx — `/api/v1/homework/reports/...` and
/// `/api/v1/homework/alerts`. Every call is `silent`: the page shows failures where they happen.

const silent = { silent: true } as const
const BASE = '/homework'

export type ReportLevel = 'city' | 'county' | 'school' | 'grade' | 'class'

/// What a report is asked for; empty values are left out (the server defaults to the term start … today).
export interface ReportQuery {
  from?: string
  to?: string
  unit_code?: string
  school_id?: number
  grade?: number
  class_id?: number
}

function params(query: ReportQuery): Record<string, string | number> {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== '')) as Record<
    string,
    string | number
  >
}

/// The node a report describes.
export interface ReportNode {
  level: ReportLevel
  name: string
  unit_code: string | null
  school_id: number | null
  grade: number | null
}

/// The head of every report.
export interface ReportHead {
  as_of: string
  from: string
  to: string
  node: ReportNode
}

/// One unit's figures: `key` is its unit code, school id, grade or class id ('' for the total row).
export interface ReportRow {
  key: string
  name: string
  level: ReportLevel
  /// The school-day limit, for rows of one grade.
  limit: number | null
  class_days: number
  homework_days: number
  days_over_limit: number
  /// "87.07%"; null without class-days.
  compliance_rate: string | null
  compliance_rate_basis_points: number | null
  avg_estimated: number | null
  avg_reported: number | null
  reports: number
  bedtime_share: string | null
  bedtime_share_basis_points: number | null
}

export interface Summary extends ReportHead {
  row_level: ReportLevel
  items: ReportRow[]
  total: ReportRow
}

/// One ISO week (Monday start).
export interface WeekFigures {
  week_start: string
  school_days: number
  avg_estimated: number | null
  avg_reported: number | null
  rest_days: number
  rest_day_minutes: number
  days_over_limit: number
}

export interface ClassRef {
  class_id: number
  class_name: string
  grade: number
  school_id: number
  school_name: string
}

export interface ClassRow extends ReportRow, ClassRef {
  rest_day_limit: number
  weeks: WeekFigures[]
}

export interface ClassesReport extends ReportHead {
  items: ClassRow[]
  total: ReportRow
}

export interface ClassDayFigures {
  date: string
  day_kind: 'school_day' | 'rest_day'
  grade: number
  limit: number
  homework: number
  written_minutes: number
  other_minutes: number
  reports: number
  avg_reported: number | null
  reports_by_bedtime: number
  over_limit: boolean
}

export interface WeeklyReport extends ReportHead {
  class: ClassRef | null
  weeks: WeekFigures[]
  days: ClassDayFigures[]
}

export interface OverrunAlert extends ClassRef {
  week_start: string
  days_over: string[]
  worst_minutes: number
}

export interface AlertsReport extends ReportHead {
  items: OverrunAlert[]
}

export function reportSummary(q: ReportQuery): Promise<Summary> {
  return http.get(`${BASE}/reports/summary`, { params: params(q), ...silent })
}

export function reportClasses(q: ReportQuery): Promise<ClassesReport> {
  return http.get(`${BASE}/reports/classes`, { params: params(q), ...silent })
}

export function reportWeekly(q: ReportQuery): Promise<WeeklyReport> {
  return http.get(`${BASE}/reports/weekly`, { params: params(q), ...silent })
}

export function overrunAlerts(q: ReportQuery): Promise<AlertsReport> {
  return http.get(`${BASE}/alerts`, { params: params(q), ...silent })
}

/// The summary, alerts and (for a school) the classes' weeks as one workbook.
export async function exportReports(q: ReportQuery): Promise<{ blob: Blob; filename: string }> {
  const res = await request.get<Blob>(`${BASE}/reports/export.xlsx`, {
    params: params(q),
    responseType: 'blob',
    timeout: 60_000,
    ...silent,
  })
  return { blob: res.data, filename: filenameOf(res.headers['content-disposition']) ?? 'homework-load.xlsx' }
}
