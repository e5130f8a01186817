import type { RouteLocationNormalized, RouteLocationRaw, Router } from 'vue-router'
import { ElMessage } from 'element-plus'
import { useUserStore } from '@/stores/user'
import { onSessionEvent } from '@/utils/request'

export const HOME_PATH = '/home'

/// Where to go after signing in: the page the user was sent away from, if it is a path of this
/// app (not `//host` or `/\host`, which a browser may read as another site).
export function safeRedirect(value: unknown): string {
  if (typeof value !== 'string' || !/^\/(?![/\\])/.test(value)) return HOME_PATH
  if (value.startsWith('/login')) return HOME_PATH
  return value
}

function toLogin(to: RouteLocationNormalized): RouteLocationRaw {
  return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
}

/// Session rules for every navigation, and the answer to a session lost during an API call.
export function installGuards(router: Router): void {
  router.beforeEach(async (to) => {
    const user = useUserStore()
    if (to.meta.public) {
      // Back to the log-in page while signed in: nothing to do there.
      if (to.name === 'login' && user.isLoggedIn) return safeRedirect(to.query.redirect)
      return true
    }
    if (!user.loaded) {
      try {
        await user.load()
      } catch (e) {
        // Server unreachable or failing: the session cannot be checked, so sign in again.
        ElMessage({ type: 'error', message: e instanceof Error ? e.message : String(e), grouping: true })
        return toLogin(to)
      }
    }
    if (!user.isLoggedIn) return toLogin(to)
    if (user.mustChangePassword && to.name !== 'password') return { name: 'password' }
    return true
  })

  onSessionEvent((event) => {
    const user = useUserStore()
    const current = router.currentRoute.value
    if (event === 'expired') {
      if (current.meta.public) return
      user.clear('expired')
      void router.replace(toLogin(current))
    } else {
      user.setMustChangePassword(true)
      void router.replace({ name: 'password' })
    }
  })
}
