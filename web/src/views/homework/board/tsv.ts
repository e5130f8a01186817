import type { BoardRow } from './useBoard'

type Translate = (key: string, values?: Record<string, unknown>) => string

/// A cell as Excel pastes it: no tabs or line breaks inside.
function cell(v: string | number | null | undefined): string {
  return v === null || v === undefined ? '' : String(v).replace(/[\t\r\n]+/g, ' ').trim()
}

/// The board as a tab-separated table (one line per homework, a class without homework on one line of its
/// own), with a title line naming the day, for pasting into Excel or WPS.
export function boardTsv(rows: BoardRow[], date: string, t: Translate, gradeName: (g: number) => string): string {
  const head = ['grade', 'cls', 'subject', 'type', 'minutes', 'content', 'teacher', 'written', 'limit', 'override']
  const lines: (string | number)[][] = [[t('homework.board.tsvTitle', { date })], head.map((k) => t(`homework.board.col.${k}`))]
  for (const r of rows) {
    const grade = gradeName(r.grade)
    const total = [r.written, r.day ? r.day.limit : '']
    if (!r.items.length) {
      lines.push([grade, r.class_name, '', '', '', t('homework.board.none'), '', ...total, ''])
      continue
    }
    for (const a of r.items) {
      lines.push([
        grade,
        r.class_name,
        a.subject,
        t(`homework.type.${a.type}`),
        a.estimated_minutes,
        a.content,
        a.teacher_name,
        ...total,
        a.override_reason ?? '',
      ])
    }
  }
  return lines.map((l) => l.map(cell).join('\t')).join('\r\n') + '\r\n'
}

/// Copies text; the Clipboard API needs a secure context (a school intranet over plain http is not one), so a
/// hidden textarea and execCommand stand in there.
export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text)
    return
  }
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.style.position = 'fixed'
  area.style.opacity = '0'
  document.body.appendChild(area)
  area.select()
  try {
    if (!document.execCommand('copy')) throw new Error('copy refused')
  } finally {
    document.body.removeChild(area)
  }
}
