import { t } from '@/locales'
import type { Period, PlanStatus, Signup, SignupStatus } from '@/api/custody'
import { yuan } from '@/views/afterschool/shared/format'

export { yuan, toFen, todayText } from '@/views/afterschool/shared/format'

/// Element Plus tag types of a plan's and a sign-up's states.
export const PLAN_TAG: Record<PlanStatus, 'info' | 'warning' | 'success' | 'primary' | 'danger'> = {
  draft: 'info',
  survey: 'warning',
  signup: 'success',
  allocated: 'primary',
  closed: 'info',
}
export const SIGNUP_TAG: Record<SignupStatus, 'info' | 'warning' | 'success' | 'primary' | 'danger'> = {
  pending: 'warning',
  placed: 'success',
  waitlisted: 'primary',
  cancelled: 'info',
}

/// What a sign-up costs the family: the amount due, waived for a hardship family in a paid period, or free.
export function dueText(s: Signup, periodFeeFen: number | null | undefined): string {
  if (s.fee_due_fen > 0) return t('custody.family.due', { yuan: yuan(s.fee_due_fen) })
  return periodFeeFen ? t('custody.family.waived') : t('custody.free')
}

/// A period's fee per child: 公益免费, or 120.00 元/人.
export function feeText(fen: number | null | undefined): string {
  return fen === null || fen === undefined ? t('custody.free') : t('custody.feeYuan', { yuan: yuan(fen) })
}

/// 第一期 07-12 ~ 07-16.
export function periodText(p: Pick<Period, 'name' | 'start_date' | 'end_date'>): string {
  return `${p.name} ${p.start_date.slice(5)} ~ ${p.end_date.slice(5)}`
}

/// The weekdays (Mon–Fri) between two ISO dates, both inclusive: the service days of a period.
export function serviceDays(start: string, end: string): string[] {
  const days: string[] = []
  const from = Date.parse(`${start}T00:00:00Z`)
  const to = Date.parse(`${end}T00:00:00Z`)
  if (Number.isNaN(from) || Number.isNaN(to)) return days
  for (let d = from; d <= to && days.length < 400; d += 86_400_000) {
    const day = new Date(d).getUTCDay()
    if (day !== 0 && day !== 6) days.push(new Date(d).toISOString().slice(0, 10))
  }
  return days
}

/// basis points → "96.55%"; null → "—".
export function bpText(bp: number | null | undefined): string {
  return bp === null || bp === undefined ? '—' : `${(bp / 100).toFixed(2)}%`
}
