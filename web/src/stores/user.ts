import { computed, ref } from 'vue'
import { defineStore } from 'pinia'

/// Roles as DESIGN.md names them (数据权限 follows the role).
export type Role =
  | 'city_admin'
  | 'district_admin'
  | 'school_admin'
  | 'teacher'
  | 'guardian'
  | 'provider'
  | 'inspector'

/// The signed-in user. Filled by the sign-in issue; until then `user` stays null.
export interface CurrentUser {
  id: number
  username: string
  display_name: string
  role: Role
  permissions: string[]
}

export const useUserStore = defineStore('user', () => {
  const user = ref<CurrentUser | null>(null)
  const isLoggedIn = computed(() => user.value !== null)

  return { user, isLoggedIn }
})
