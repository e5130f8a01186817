import { t } from '@/locales'
import type { AssignmentStatus, HomeworkType } from '@/api/homework'
import { todayText } from '@/views/afterschool/shared/format'

export { todayText }

/// `YYYY-MM-DD` moved by whole days (calendar arithmetic in UTC, so no device zone or DST gets in).
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

/// ISO weekday 1 (Monday) … 7 of a `YYYY-MM-DD` date.
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number)
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay()
  return day === 0 ? 7 : day
}

export const TYPE_TAG: Record<HomeworkType, 'primary' | 'success' | 'warning' | 'info' | 'danger'> = {
  written: 'primary',
  reading: 'success',
  oral: 'warning',
  practical: 'info',
  inquiry: 'danger',
}

export const STATUS_TAG: Record<AssignmentStatus, 'primary' | 'success' | 'warning' | 'info' | 'danger'> = {
  pending_approval: 'warning',
  published: 'success',
  rejected: 'danger',
  withdrawn: 'info',
}

/// 分层 labels as sent to the server (Chinese, what families and teachers see); shown translated when known.
export const VARIANT_LABELS = ['基础', '提高', '拓展'] as const
const VARIANT_KEYS: Record<string, 'basic' | 'advanced' | 'extended'> = { 基础: 'basic', 提高: 'advanced', 拓展: 'extended' }

export function variantLabelText(label: string): string {
  const key = VARIANT_KEYS[label]
  return key ? t(`homework.variantLabel.${key}`) : label
}

/// Subjects a primary or junior-middle class commonly has, offered after the teacher's own.
export const COMMON_SUBJECTS = ['语文', '数学', '英语', '道德与法治', '科学', '物理', '化学', '生物', '历史', '地理', '信息技术', '体育', '音乐', '美术', '劳动']
