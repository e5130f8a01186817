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

instance.interceptors.response.use(undefined, (error: AxiosError) => {
  if (axios.isCancel(error)) return Promise.reject(error)
  const status = error.response?.status ?? 0
  const data: unknown = error.response?.data
  const payload = isApiErrorBody(data) ? data.error : null
  const timedOut = error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT'
  const message = describeError(status, payload, timedOut)
  if (!error.config?.silent) {
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
