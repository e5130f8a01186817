import { formatDateTime } from '@/utils/time'
import { t } from '@/locales'

/// Semesters as the server writes them: `2026-autumn` starts the school year (August–January),
/// `2027-spring` ends it (February–July). Today's is reckoned in Beijing time.
export function currentSemester(now: number = Date.now()): string {
  const [year, month] = formatDateTime(now).split('-').map(Number)
  if (month === 1) return `${year - 1}-autumn`
  return month >= 8 ? `${year}-autumn` : `${year}-spring`
}

/// The semester after `s` (the one whose selection windows run during `s`).
export function nextSemester(s: string): string {
  const [year, term] = s.split('-')
  return term === 'autumn' ? `${Number(year) + 1}-spring` : `${year}-autumn`
}

export function previousSemester(s: string): string {
  const [year, term] = s.split('-')
  return term === 'spring' ? `${Number(year) - 1}-autumn` : `${year}-spring`
}

/// The choices of a semester picker: last, this and next, newest first.
export function semesterOptions(now: number = Date.now()): string[] {
  const cur = currentSemester(now)
  return [nextSemester(cur), cur, previousSemester(cur)]
}

export function isSemester(value: unknown): value is string {
  return typeof value === 'string' && /^20\d\d-(spring|autumn)$/.test(value)
}

/// 2027 年春季学期 / Spring 2027, in the UI language.
export function semesterLabel(s: string): string {
  const [year, term] = s.split('-')
  return t(term === 'spring' ? 'afterschool.semester.spring' : 'afterschool.semester.autumn', { year })
}
