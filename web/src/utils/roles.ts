import { i18n } from '@/locales'

/// 市教育局管理员 / City bureau administrator for `city_admin`; an unknown name is shown as it is.
/// Reads the current locale, so a template or computed using it follows a language switch.
export function roleLabel(role: string): string {
  const key = `role.${role}`
  return i18n.global.te(key) ? i18n.global.t(key) : role
}
