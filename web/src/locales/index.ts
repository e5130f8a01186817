import { createI18n } from 'vue-i18n'
import zhCN, { type MessageSchema } from './zh-CN'
import en from './en'

export type AppLocale = 'zh-CN' | 'en'
export const SUPPORTED_LOCALES: readonly AppLocale[] = ['zh-CN', 'en']
export const DEFAULT_LOCALE: AppLocale = 'zh-CN'

/// localStorage key holding the user's language choice.
const STORAGE_KEY = 'kehou.locale'

function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value)
}

function storedLocale(): AppLocale {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY)
    if (isAppLocale(saved)) return saved
  } catch {
    // Storage can be disabled (private mode, locked-down browsers): fall back to the default.
  }
  return DEFAULT_LOCALE
}

export const i18n = createI18n<[MessageSchema], AppLocale, false>({
  legacy: false,
  globalInjection: true,
  locale: storedLocale(),
  fallbackLocale: DEFAULT_LOCALE,
  messages: { 'zh-CN': zhCN, en },
})

/// The global translate function, for code outside components (request wrapper, router).
export const t = i18n.global.t

export function getLocale(): AppLocale {
  return i18n.global.locale.value
}

export function isEnglish(): boolean {
  return getLocale() === 'en'
}

/// Switches the UI language, remembers it and keeps `<html lang>` in step.
export function setLocale(locale: AppLocale): void {
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
  try {
    window.localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    // Not persisted when storage is unavailable; the switch still applies to this page.
  }
}

/// Applies the stored language to the document at start-up.
export function applyInitialLocale(): void {
  document.documentElement.lang = getLocale()
}

declare module 'vue-i18n' {
  // Typed keys for `t()` in components.
  export interface DefineLocaleMessage extends MessageSchema {}
}
