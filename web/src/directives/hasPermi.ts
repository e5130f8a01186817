import type { Directive } from 'vue'
import { useUserStore } from '@/stores/user'

/// `v-has-permi="'audit:log:read'"` (or a list: any one suffices) removes the element when the
/// signed-in user's role lacks the permission, in the style of RuoYi. It decides once, when the
/// element is mounted: pages under the layout only mount after the session is known, and signing
/// out unmounts them. For an element inside a `v-for`, or one that must react to a change of user
/// on the same page, use `v-if="user.hasPermi(...)"` instead.
export const vHasPermi: Directive<HTMLElement, string | readonly string[]> = {
  mounted(el, binding) {
    const wanted = typeof binding.value === 'string' ? [binding.value] : binding.value
    const user = useUserStore()
    if (!wanted.some((p) => user.hasPermi(p))) el.parentNode?.removeChild(el)
  },
}

declare module 'vue' {
  export interface GlobalDirectives {
    vHasPermi: typeof vHasPermi
  }
}
