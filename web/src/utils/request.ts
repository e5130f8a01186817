import axios, { type AxiosError, type AxiosRequestConfig, type InternalAxiosRequestConfig } from 'axios'
import { ElMessage } from 'element-plus'
import { ApiError, describeError, isApiErrorBody } from './apiError'
import { readCookie } from './cookie'

declare module 'axios' {
  interface AxiosRequestConfig {
    /// The caller shows the error itself (inline); the wrapper does not pop an ElMessage.
    silent?: boolean
  }
}

/// Cookie set by the server at sign-in; echoed in a header on state-changing requests.
export const CSRF_COOKIE = 'kehou_csrf'
export const CSRF_HEADER = 'X-CSRF-Token'
const SAFE_METHODS = new Set(['get', 'head', 'options'])

/// What the app does when the server says the session is gone (401) or that the password must be
/// changed first (403 auth.password_change_required). Set once, by router/guard.ts, so this module
/// needs neither the store nor the router.
export type SessionEvent = 'expired' | 'password_change_required'
let sessionHandler: ((event: SessionEvent) => void) | null = null
export function onSessionEvent(handler: (event: SessionEvent) => void): void {
  sessionHandler = handler
}

/// The endpoints whose 401 is an answer, not a lost session: asking whether one is signed in,
/// signing in, and signing out of a session that has already ended.
const SESSION_ENDPOINTS = ['/auth/me', '/auth/login', '/auth/logout']

function sessionEventOf(status: number, code: string | undefined, url: string): SessionEvent | null {
  if (status === 401 && !SESSION_ENDPOINTS.some((p) => url.endsWith(p))) return 'expired'
  if (status === 403 && code === 'auth.password_change_required') return 'password_change_required'
  return null
}

const instance = axios.create({
  baseURL: '/api/v1',
  withCredentials: true,
  timeout: 15_000,
  headers: { Accept: 'application/json' },
})

instance.interceptors.request.use((config: InternalAxiosRequestConfig) => {
  const method = (config.method ?? 'get').toLowerCase()
  if (!SAFE_METHODS.has(method)) {
    const token = readCookie(CSRF_COOKIE)
    if (token) config.headers.set(CSRF_HEADER, token)
  }
  return config
})

/// A download (`responseType: 'blob'`) receives the server's JSON error as a Blob too.
async function errorData(data: unknown): Promise<unknown> {
  if (!(data instanceof Blob) || !data.type.includes('json')) return data
  try {
    return JSON.parse(await data.text())
  } catch {
    return null
  }
}

instance.interceptors.response.use(undefined, async (error: AxiosError) => {
  if (axios.isCancel(error)) return Promise.reject(error)
  const status = error.response?.status ?? 0
  const data = await errorData(error.response?.data)
  const payload = isApiErrorBody(data) ? data.error : null
  const timedOut = error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT'
  const message = describeError(status, payload, timedOut)
  const event = sessionEventOf(status, payload?.code, error.config?.url ?? '')
  if (event && sessionHandler) {
    // The app moves to the log-in or password page and says why there; no pop-up as well.
    sessionHandler(event)
  } else if (!error.config?.silent) {
    ElMessage({ type: 'error', message, grouping: true, showClose: true, duration: 4000 })
  }
  return Promise.reject(new ApiError(status, payload, message, timedOut))
})

/// Thin typed helpers: they resolve to the response body and reject with an ApiError.
export const http = {
  async get<T>(url: string, config?: AxiosRequestConfig): Promise<T> {
    return (await instance.get<T>(url, config)).data
  },
  async post<T>(url: string, body?: unknown, config?: AxiosRequestConfig): Promise<T> {
    return (await instance.post<T>(url, body, config)).data
  },
  async put<T>(url: string, body?: unknown, config?: AxiosRequestConfig): Promise<T> {
    return (await instance.put<T>(url, body, config)).data
  },
  async patch<T>(url: string, body?: unknown, config?: AxiosRequestConfig): Promise<T> {
    return (await instance.patch<T>(url, body, config)).data
  },
  async delete<T>(url: string, config?: AxiosRequestConfig): Promise<T> {
    return (await instance.delete<T>(url, config)).data
  },
}

export default instance
