import { currentSemester } from '../shared/semester'

/// ISO weekday (1 = Monday … 7) of a `YYYY-MM-DD` date.
export function isoWeekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number)
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay()
  return day === 0 ? 7 : day
}

/// The semester a school day belongs to (reckoned in Beijing at noon).
export function semesterOfDate(date: string): string {
  return currentSemester(Date.parse(`${date}T12:00:00+08:00`))
}

/// A date picker's day (the device's calendar) as `YYYY-MM-DD`, to compare with a Beijing date.
export function pickerDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}
