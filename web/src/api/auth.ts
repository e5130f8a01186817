import { http } from '@/utils/request'

/// Roles as DESIGN.md names them (数据权限 follows the role).
export type Role =
  | 'city_admin'
  | 'district_admin'
  | 'school_admin'
  | 'teacher'
  | 'guardian'
  | 'provider'
  | 'inspector'

/// The signed-in account as /auth/login and /auth/me return it (`is_demo` only from login).
export interface AuthUser {
  id: number
  username: string
  display_name: string
  role: Role
  /// Organisation path of the data scope, e.g. `/370800/` (city) or `/370800/370811/` (county).
  scope_path: string
  must_change_password: boolean
  is_demo?: boolean
}

/// The user and the grants of their role: `module:resource:action` patterns, `*` a whole segment.
export interface Session {
  user: AuthUser
  grants: string[]
}

export interface LoginForm {
  username: string
  password: string
}

export interface PasswordForm {
  old_password: string
  new_password: string
}

/// POST /api/v1/auth/login. The login page shows failures inline, hence `silent`.
export function login(form: LoginForm): Promise<Session & { csrf_token: string }> {
  return http.post('/auth/login', form, { silent: true })
}

/// POST /api/v1/auth/logout. The app forgets the session whatever the answer, hence `silent`.
export function logout(): Promise<unknown> {
  return http.post('/auth/logout', undefined, { silent: true })
}

/// GET /api/v1/auth/me: the session behind the cookie; a 401 means there is none (not an error).
export function getMe(): Promise<Session> {
  return http.get('/auth/me', { silent: true })
}

/// POST /api/v1/auth/password. A 422 names the field (`old_password`, `password`, `new_password`).
export function changePassword(form: PasswordForm): Promise<unknown> {
  return http.post('/auth/password', form, { silent: true })
}
