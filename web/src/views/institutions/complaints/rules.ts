import type { FormItemRule } from 'element-plus'

/// A mainland mobile number, as the server's ValidateMobile takes it.
export const MOBILE = /^1[3-9]\d{9}$/

/// Characters as the server counts them (code points), for the 10–2000 rule.
export const charCount = (s: string): number => [...s.trim()].length

/// A complaint's content: 10–2000 characters.
export function contentRule(message: string): FormItemRule {
  return {
    trigger: 'blur',
    validator: (_r, v: string, cb) => {
      const n = charCount(v ?? '')
      if (n < 10 || n > 2000) cb(new Error(message))
      else cb()
    },
  }
}
