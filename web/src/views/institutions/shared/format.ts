import { t } from '@/locales'
import type { CaseState, InstitutionStatus } from '@/api/institutions'

export { instantText, todayText, toFen, yuan } from '@/views/afterschool/shared/format'

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'

/// The colour of an institution's registry status: green operating, amber rectifying, red suspended,
/// grey once closed or cancelled.
export const STATUS_TAG: Record<InstitutionStatus, TagType> = {
  operating: 'success',
  rectifying: 'warning',
  suspended: 'danger',
  closed: 'info',
  cancelled: 'info',
}

/// The colour of a case's state: grey waiting, blue under way, amber awaiting the institution, red late,
/// green closed.
export const STATE_TAG: Record<CaseState, TagType> = {
  scheduled: 'info',
  inspected: 'primary',
  closed_no_issue: 'success',
  issues_found: 'warning',
  decision_issued: 'warning',
  filed: 'primary',
  rectifying: 'warning',
  reinspected: 'primary',
  closed: 'success',
  overdue: 'danger',
  escalated: 'danger',
}

/// Closed (销号) or closed without issue: nothing more happens to the case.
export function caseIsOpen(state: CaseState): boolean {
  return state !== 'closed' && state !== 'closed_no_issue'
}

/// A role code as a label; the daily deadline sweep acts as 'system'.
export function roleLabel(role: string): string {
  if (role === 'system') return t('inst.systemActor')
  const key = `role.${role}`
  const text = t(key)
  return text === key ? role : text
}

/// 1.2 MB, 340 KB.
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1024))} KB`
}
