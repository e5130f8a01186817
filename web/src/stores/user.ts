import { computed, ref } from 'vue'
import { defineStore } from 'pinia'
import * as authApi from '@/api/auth'
import type { AuthUser, LoginForm, Role, Session } from '@/api/auth'
import { ApiError } from '@/utils/apiError'
import { readCookie } from '@/utils/cookie'
import { hasPermission } from '@/utils/permission'
import { CSRF_COOKIE } from '@/utils/request'

export type { AuthUser, Role } from '@/api/auth'

/// Why the user was sent to the log-in page, shown there once.
export type SignOutReason = 'expired' | null

/// The signed-in user and the grants of their role. `load()` asks the server once per page load
/// (the router guard calls it before the first protected page); `login()` and `logout()` keep
/// it in step afterwards, and `clear()` forgets the session when the server says it is gone.
export const useUserStore = defineStore('user', () => {
  const user = ref<AuthUser | null>(null)
  const grants = ref<string[]>([])
  /// The server has been asked (or the answer is known) since the page loaded.
  const loaded = ref(false)
  const signOutReason = ref<SignOutReason>(null)
  const isLoggedIn = computed(() => user.value !== null)
  const mustChangePassword = computed(() => user.value?.must_change_password === true)
  let pending: Promise<void> | null = null

  function apply(session: Session): void {
    user.value = session.user
    grants.value = session.grants
    loaded.value = true
    signOutReason.value = null
  }

  function clear(reason: SignOutReason = null): void {
    user.value = null
    grants.value = []
    loaded.value = true
    signOutReason.value = reason
  }

  /// GET /auth/me. No session is a normal answer (the user is simply signed out); other failures
  /// (network, 5xx) are thrown, so the guard does not mistake an outage for a sign-out.
  async function load(): Promise<void> {
    // The session and CSRF cookies are set and cleared together; without the readable one there
    // is no session to ask about, and asking would only log a 401 in the browser console.
    if (!readCookie(CSRF_COOKIE)) {
      clear(signOutReason.value)
      return
    }
    pending ??= authApi
      .getMe()
      .then(apply)
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 401) clear(signOutReason.value)
        else throw e
      })
      .finally(() => (pending = null))
    return pending
  }

  async function login(form: LoginForm): Promise<AuthUser> {
    const session = await authApi.login(form)
    apply(session)
    return session.user
  }

  /// Ends the session on the server; the app forgets it even when that request fails.
  async function logout(): Promise<void> {
    try {
      await authApi.logout()
    } catch {
      // Already gone on the server (expired) or unreachable: signed out here all the same.
    } finally {
      clear()
    }
  }

  /// After a successful change (false), or when the server insists on one (true).
  function setMustChangePassword(value: boolean): void {
    if (user.value && user.value.must_change_password !== value) user.value = { ...user.value, must_change_password: value }
  }

  /// Whether the user's role holds `permission` (`module:resource:action`).
  function hasPermi(permission: string): boolean {
    return hasPermission(grants.value, permission)
  }

  /// Whether a page (its route's `permission` and `roles`) is for this user.
  function mayOpen(page: { permission?: string; roles?: readonly Role[] }): boolean {
    if (page.roles && !(user.value && page.roles.includes(user.value.role))) return false
    return !page.permission || hasPermi(page.permission)
  }

  return {
    user,
    grants,
    loaded,
    signOutReason,
    isLoggedIn,
    mustChangePassword,
    load,
    login,
    logout,
    clear,
    setMustChangePassword,
    hasPermi,
    mayOpen,
  }
})
