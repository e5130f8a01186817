import { i18n, isEnglish } from '@/locales'
import type { ApplicationStatus, Department, Fact, SourceStatus } from '@/api/enrollment'

/// Shared by the family's and the staff's enrollment pages: tag colours, the department schemas a reviewer
/// types off the paper, the identity-number check the server also makes.

const te = (key: string) => i18n.global.te(key)
const t = (key: string, named?: Record<string, unknown>) => (named ? i18n.global.t(key, named) : i18n.global.t(key))

export const SOURCE_TAG: Record<SourceStatus, 'success' | 'warning' | 'info'> = {
  verified: 'success',
  mismatch: 'warning',
  unavailable: 'info',
}

export const STATUS_TAG: Record<ApplicationStatus, 'success' | 'warning' | 'info' | 'danger' | 'primary'> = {
  awaiting_upload: 'warning',
  in_review: 'primary',
  qualified: 'success',
  rejected: 'danger',
  withdrawn: 'info',
}

/// A key's text when the locale has it, else the value as the server sent it.
export function known(prefix: string, value: string | null | undefined): string {
  if (!value) return ''
  const key = `${prefix}.${value}`
  return te(key) ? t(key) : value
}

export const placedByText = (v: string | null | undefined) => known('enrollment.placedBy', v)
export const reasonText = (v: string | null | undefined) => known('enrollment.reason', v)

/// The department's name in the UI language (the server's Chinese name in Chinese).
export function departmentName(department: Department, nameZh?: string): string {
  if (!isEnglish() && nameZh) return nameZh
  return known('enrollment.department', department)
}

export function factLabel(f: Fact): string {
  return isEnglish() ? f.label_en || f.label_zh : f.label_zh
}

export function factValue(v: Fact['value']): string {
  if (v === null || v === undefined || v === '') return '—'
  if (typeof v === 'boolean') return v ? t('enrollment.yes') : t('enrollment.no')
  return String(v)
}

/// GB 11643: 17 digits, then the check character of their weighted sum mod 11.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'
export function idNumberValid(raw: string): boolean {
  const s = raw.trim().toUpperCase()
  if (!/^\d{17}[\dX]$/.test(s)) return false
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(s[i]), 0)
  if (CHECK[sum % 11] !== s[17]) return false
  const y = Number(s.slice(6, 10)),
    m = Number(s.slice(10, 12)),
    d = Number(s.slice(12, 14))
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

/// What a reviewer types off the paper for one department (docs/enrollment.md "Schemas"); per-parent
/// departments also say whose record it is (`holder`).
export type FieldKind = 'text' | 'date' | 'bool' | 'number' | 'owner' | 'holder' | 'id'
export interface SchemaField {
  name: string
  kind: FieldKind
  optional?: boolean
}
export const SCHEMAS: Record<Department, SchemaField[]> = {
  household: [
    { name: 'community_code', kind: 'text' },
    { name: 'address', kind: 'text' },
    { name: 'move_in_date', kind: 'date' },
    { name: 'child_member', kind: 'bool' },
    { name: 'father_member', kind: 'bool' },
    { name: 'mother_member', kind: 'bool' },
  ],
  property: [
    { name: 'owner', kind: 'owner' },
    { name: 'community_code', kind: 'text' },
    { name: 'share_percent', kind: 'number' },
    { name: 'certificate_date', kind: 'date' },
  ],
  insurance: [
    { name: 'holder', kind: 'holder' },
    { name: 'period_from', kind: 'date' },
    { name: 'period_to', kind: 'date' },
  ],
  permit: [
    { name: 'holder', kind: 'holder' },
    { name: 'issue_date', kind: 'date' },
    { name: 'period_to', kind: 'date' },
    { name: 'community_code', kind: 'text' },
  ],
  birth: [
    { name: 'birth_date', kind: 'date' },
    { name: 'father_id_number', kind: 'id', optional: true },
    { name: 'mother_id_number', kind: 'id', optional: true },
  ],
  student: [
    { name: 'school_code', kind: 'text' },
    { name: 'graduation_year', kind: 'number' },
  ],
}
export const OWNERS = ['parent', 'child', 'paternal_grandparent', 'maternal_grandparent', 'other'] as const

export function fieldLabel(name: string): string {
  return known('enrollment.field', name)
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
