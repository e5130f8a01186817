import { http } from '@/utils/request'

export interface LoginForm {
  username: string
  password: string
}

/// POST /api/v1/auth/login. The login page shows failures inline, hence `silent`.
export function login(form: LoginForm): Promise<unknown> {
  return http.post<unknown>('/auth/login', form, { silent: true })
}
