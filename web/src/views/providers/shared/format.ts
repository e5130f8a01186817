import { isEnglish, t } from '@/locales'
import type { Outcome, Problem, RecordStatus } from '@/api/providers'

export { instantText, todayText, toFen, yuan } from '@/views/afterschool/shared/format'
export { semesterLabel } from '@/views/afterschool/shared/semester'

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'

/// A record's status: amber waiting, green on the white list, red suspended, grey when final.
export const STATUS_TAG: Record<RecordStatus, TagType> = {
  applied: 'warning',
  admitted: 'success',
  suspended: 'danger',
  rejected: 'info',
  exited: 'info',
}

/// An evaluation's outcome: 通过 green, 预警 amber, 退出 red, 未评 grey.
export const OUTCOME_TAG: Record<Outcome, TagType> = {
  pass: 'success',
  warning: 'warning',
  exit: 'danger',
  not_rated: 'info',
}

/// Tenths of a point with one decimal (725 → "72.5"); '—' without data.
export function points(tenths: number | null | undefined): string {
  if (tenths === null || tenths === undefined) return '—'
  return `${Math.floor(tenths / 10)}.${Math.abs(tenths % 10)}`
}

/// The fee as a share of the outside price, one decimal ("62.5%"); '—' when there is no outside price.
export function feePercent(fee: number, outside: number): string {
  if (!outside) return '—'
  return `${(Math.round((fee * 1000) / outside) / 10).toFixed(1)}%`
}

/// A check finding in the UI language.
export function problemText(p: Pick<Problem, 'message' | 'message_en'>): string {
  return (isEnglish() ? p.message_en || p.message : p.message || p.message_en) ?? ''
}

/// A category code in the UI language (an unknown code as it is).
export function categoryText(code: string): string {
  const key = `providers.category.${code}`
  const text = t(key)
  return text === key ? code : text
}

/// An event word in the UI language (an unknown one as it is).
export function eventText(code: string): string {
  const key = `providers.event.${code}`
  const text = t(key)
  return text === key ? code : text
}

/// A date picker's rule: no day after today.
export function afterToday(d: Date): boolean {
  return d.getTime() > Date.now()
}
