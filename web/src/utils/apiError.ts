import { isEnglish, t } from '@/locales'

/// The error object the kehou server sends with every 4xx/5xx response.
export interface ApiErrorPayload {
  code: string
  message: string
  message_en?: string
  field?: string | null
  details?: Record<string, unknown>
  request_id?: string
}

export interface ApiErrorBody {
  error: ApiErrorPayload
}

export function isApiErrorBody(data: unknown): data is ApiErrorBody {
  if (typeof data !== 'object' || data === null || !('error' in data)) return false
  const error = (data as { error: unknown }).error
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
}

/// A failed request as the pages see it: HTTP status (0 when no response came back), the
/// server's error payload when there was one, and the text already shown to the user.
export class ApiError extends Error {
  readonly status: number
  readonly payload: ApiErrorPayload | null
  readonly timedOut: boolean

  constructor(status: number, payload: ApiErrorPayload | null, message: string, timedOut = false) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.payload = payload
    this.timedOut = timedOut
  }

  get code(): string | null {
    return this.payload?.code ?? null
  }

  get field(): string | null {
    return this.payload?.field ?? null
  }

  get requestId(): string | null {
    return this.payload?.request_id ?? null
  }
}

/// Any rejection as an ApiError (a bug or an unexpected throw becomes status 0 with its text).
export function toApiError(reason: unknown): ApiError {
  if (reason instanceof ApiError) return reason
  return new ApiError(0, null, reason instanceof Error ? reason.message : String(reason))
}

/// The server's own text in the UI language (falls back to the other language when one is empty).
export function serverMessage(payload: ApiErrorPayload | null): string | null {
  if (!payload) return null
  const zh = payload.message?.trim()
  const en = payload.message_en?.trim()
  return (isEnglish() ? en || zh : zh || en) || null
}

/// The text to show inline for a failure ('' for none): the server's own words in the current UI
/// language (so a language switch re-words it), else what the wrapper chose.
export function errorText(e: ApiError | null): string {
  return e ? (serverMessage(e.payload) ?? e.message) : ''
}

/// What to tell the user about a failed request, chosen by HTTP status:
/// validation, conflicts and refusals (403: no permission, stale page) show the server's message,
/// 401 a fixed sentence, 5xx a generic sentence with the request id so support can find the log line.
export function describeError(status: number, payload: ApiErrorPayload | null, timedOut = false): string {
  if (status === 0) return timedOut ? t('request.timeout') : t('request.network')
  if (status === 401) return t('request.unauthorized')
  if (status === 403) return serverMessage(payload) ?? t('request.forbidden')
  if (status >= 500) {
    const requestId = payload?.request_id
    return requestId ? t('request.serverError', { requestId }) : t('request.serverErrorNoId')
  }
  const fromServer = serverMessage(payload)
  if (fromServer) return fromServer
  if (status === 413) return t('request.tooLarge')
  return t('request.failed', { status })
}
