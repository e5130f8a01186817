import request, { http } from '@/utils/request'
import { filenameOf } from './org'

/// 招生统计 (issue 8 point 7; definitions in docs/enrollment-stats.md): one season's applications by status, the
/// one-click rate, median hours to a decision, seats filled per school, placements by category and by how placed,
/// applications per day and appeals by status — `/api/v1/enrollment/seasons/{id}/stats` and `/stats.xlsx`. Every
/// call is `silent`: the page shows failures where they happen.

const silent = { silent: true } as const
const BASE = '/enrollment/seasons'

export const APPLICATION_STATUSES = ['awaiting_upload', 'in_review', 'qualified', 'rejected', 'withdrawn'] as const
export const PLACED_BY = ['private_lottery', 'catchment', 'county_placed', 'county_manual', 'unplaced'] as const
export const APPEAL_STATUSES = ['open', 'upheld', 'dismissed'] as const

export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number]
export type PlacedBy = (typeof PLACED_BY)[number]
export type AppealStatus = (typeof APPEAL_STATUSES)[number]

/// A season as the select lists it (GET /enrollment/seasons; only the fields this page reads).
export interface SeasonOption {
  id: number
  title: string
  year: number
  entry_grade: number
  status: string
}

export interface SchoolFill {
  school_id: number
  school_name: string
  is_private: boolean
  seats: number
  placed: number
  /// placed ÷ seats, 0..1 with 4 decimals; null for a plan of 0 seats.
  fill_rate: number | null
}

export interface SeasonStats {
  season: SeasonOption
  /// When the figures were read (RFC 3339, Shanghai).
  as_of: string
  /// Applications not withdrawn.
  applications: number
  one_click: number
  /// one_click ÷ applications, 0..1 with 4 decimals; null without applications.
  one_click_rate: number | null
  /// Qualified or rejected, with a decision time.
  decided: number
  /// Of them, the ones a reviewer decided (not one-click).
  decided_reviewed: number
  /// Hours with one decimal; null without decisions.
  median_hours_to_decision: number | null
  median_hours_reviewed: number | null
  /// Every status in APPLICATION_STATUSES' order, zeros included; withdrawn is not in `applications`.
  by_status: { status: ApplicationStatus; count: number }[]
  /// Children placed at a school by admission category (null: none held), in the policy's order.
  by_category: { category_name: string | null; count: number }[]
  /// Every placement row (left for the county included) in PLACED_BY's order.
  by_placed_by: { placed_by: PlacedBy; count: number }[]
  seats: number
  placed: number
  fill_rate: number | null
  schools: SchoolFill[]
  /// First to last submission day (Asia/Shanghai), days between at 0.
  by_day: { date: string; applications: number }[]
  appeals: { status: AppealStatus; count: number }[]
}

export async function listSeasons(): Promise<SeasonOption[]> {
  return (await http.get<{ items: SeasonOption[] }>(BASE, silent)).items
}

export function seasonStats(id: number): Promise<SeasonStats> {
  return http.get(`${BASE}/${id}/stats`, silent)
}

/// The season's figures as one workbook.
export async function exportSeasonStats(id: number): Promise<{ blob: Blob; filename: string }> {
  const res = await request.get<Blob>(`${BASE}/${id}/stats.xlsx`, { responseType: 'blob', timeout: 60_000, ...silent })
  return { blob: res.data, filename: filenameOf(res.headers['content-disposition']) ?? `enrollment-stats-${id}.xlsx` }
}
