import { t } from '@/locales'

/// Calendar arithmetic on `YYYY-MM-DD` strings, in UTC so the device's time zone never shifts a day.

export function parseDay(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d))
}

export function dayText(date: Date): string {
  return date.toISOString().slice(0, 10)
}

export function addDays(iso: string, n: number): string {
  const d = parseDay(iso)
  d.setUTCDate(d.getUTCDate() + n)
  return dayText(d)
}

/// 0 Sunday … 6 Saturday.
export function weekdayOf(iso: string): number {
  return parseDay(iso).getUTCDay()
}

/// 周一 / Mon.
export function weekdayName(iso: string): string {
  return t(`instOps.weekday.d${weekdayOf(iso)}`)
}

/// Days from `from` to `to`, both inclusive.
export function daysBetween(from: string, to: string): number {
  return Math.round((parseDay(to).getTime() - parseDay(from).getTime()) / 86_400_000) + 1
}

/// Consecutive dates grouped into runs: ['10-01','10-02','10-05'] → [[10-01,10-02],[10-05,10-05]].
export function runsOf(dates: readonly string[]): { from: string; to: string; days: number }[] {
  const sorted = [...dates].sort()
  const out: { from: string; to: string; days: number }[] = []
  for (const d of sorted) {
    const last = out[out.length - 1]
    if (last && addDays(last.to, 1) === d) {
      last.to = d
      last.days += 1
    } else out.push({ from: d, to: d, days: 1 })
  }
  return out
}

/// HH:MM ± minutes, kept within the day.
export function addMinutes(hhmm: string, minutes: number): string {
  const [h, m] = hhmm.split(':').map(Number)
  const total = Math.min(23 * 60 + 59, Math.max(0, h * 60 + m + minutes))
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`
}

export function minutesBetween(start: string, end: string): number {
  const [h1, m1] = start.split(':').map(Number)
  const [h2, m2] = end.split(':').map(Number)
  return h2 * 60 + m2 - (h1 * 60 + m1)
}
