import { http } from '@/utils/request'

export type OutcomeClass = '2xx' | '4xx' | '5xx'

/// GET /api/v1/audit/logs filters; empty ones are left out of the query string.
export interface AuditQuery {
  /// Beijing dates, YYYY-MM-DD, both ends included.
  from?: string
  to?: string
  actor?: string
  action?: string
  outcome?: OutcomeClass
  page: number
  page_size: number
}

export interface AuditItem {
  id: number
  /// RFC 3339 with offset, e.g. 2026-11-23T20:00:00+08:00
  at: string
  actor: string
  /// A role name, or `anonymous` (log-in attempts) / `operator` (the server console).
  role: string
  scope_path: string
  /// The permission of the route, e.g. `auth:user:create`; `public` for log-in.
  action: string
  title: string
  /// Method, route and the object's identifiers, e.g. `POST /api/v1/auth/login username=city.admin`.
  object: string
  /// HTTP status of the answer.
  outcome: number
  request_id: string
  client_address: string
}

export interface AuditPage {
  items: AuditItem[]
  total: number
}

/// The operation log inside the caller's scope, newest first. Needs `audit:log:read`.
export function listAuditLogs(query: AuditQuery): Promise<AuditPage> {
  const params = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== ''))
  return http.get('/audit/logs', { params, silent: true })
}
