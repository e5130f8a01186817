import { i18n } from '@/locales'

/// The subjects the server knows (its list and order, RULES R3 context), stored as their Chinese
/// names, with the i18n key of each.
export const SUBJECT_KEYS = {
  语文: 'chinese',
  数学: 'maths',
  英语: 'english',
  道德与法治: 'ethics',
  科学: 'science',
  体育: 'pe',
  音乐: 'music',
  美术: 'art',
  信息技术: 'it',
  历史: 'history',
  地理: 'geography',
  物理: 'physics',
  化学: 'chemistry',
  生物: 'biology',
  劳动: 'labour',
  心理健康: 'mentalHealth',
} as const

export const SUBJECTS = Object.keys(SUBJECT_KEYS) as (keyof typeof SUBJECT_KEYS)[]

/// A subject in the UI language; one the app does not know is shown as the server sent it.
export function subjectLabel(subject: string): string {
  const key = (SUBJECT_KEYS as Record<string, string>)[subject]
  return key ? i18n.global.t(`org.subject.${key}`) : subject
}
