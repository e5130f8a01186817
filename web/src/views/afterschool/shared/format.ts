import { t } from '@/locales'
import type { Section, Slot } from '@/api/afterschool'
import { formatDateTime } from '@/utils/time'

/// Fen as yuan with two decimals: 350 → "3.50".
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return ''
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/// Yuan as typed in a form (a number with at most two decimals) → fen, rounded to the fen.
export function toFen(yuanValue: number): number {
  return Math.round(yuanValue * 100)
}

/// 周一 / Mon.
export function weekdayName(weekday: number): string {
  return t(`afterschool.weekday.d${weekday}`)
}

/// 周一 15:40–16:30.
export function slotText(slot: Slot): string {
  return `${weekdayName(slot.weekday)} ${slot.start}–${slot.end}`
}

/// A section's weekly times in the UI language, one per slot (the server's label is Chinese only).
export function sectionTimes(section: Pick<Section, 'slots' | 'label'>): string[] {
  return section.slots.length ? section.slots.map(slotText) : [section.label]
}

/// The same on one line: 周一 15:40–16:30、周三 15:40–16:30.
export function sectionTime(section: Pick<Section, 'slots' | 'label'>): string {
  return sectionTimes(section).join(t('afterschool.listSeparator'))
}

/// An RFC 3339 instant as Beijing time without seconds: 2026-11-23 20:00.
export function instantText(value: string | null | undefined): string {
  if (!value) return ''
  const at = Date.parse(value)
  return Number.isNaN(at) ? value : formatDateTime(at).slice(0, 16)
}

/// The Beijing wall time a date-time picker holds (`YYYY-MM-DD HH:mm:ss`) as RFC 3339 +08:00.
export function pickerToInstant(value: string): string {
  return `${value.replace(' ', 'T')}+08:00`
}

/// 1–3 年级, or 2 年级 for one grade.
export function gradeSpan(from: number, to: number): string {
  return from === to ? t('afterschool.grade', { n: from }) : t('org.schools.gradeSpan', { from, to })
}

/// Today in Beijing, `YYYY-MM-DD`.
export function todayText(): string {
  return formatDateTime(Date.now()).slice(0, 10)
}
