/// The bureau's time zone: every date on screen is Beijing time, whatever the device says.
export const APP_TIME_ZONE = 'Asia/Shanghai'

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
    formatters.set(timeZone, f)
  }
  return f
}

/// `2026-11-23 20:00:00` in the given zone (Asia/Shanghai by default), the same in every UI language.
export function formatDateTime(value: Date | number, timeZone = APP_TIME_ZONE): string {
  const parts: Record<string, string> = {}
  for (const p of formatter(timeZone).formatToParts(value)) parts[p.type] = p.value
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`
}
