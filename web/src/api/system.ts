import { http } from '@/utils/request'

/// GET /api/v1/meta
export interface Meta {
  name: string
  version: string
  /// RFC 3339 with offset, e.g. 2026-11-23T20:00:00+08:00
  server_time: string
  time_zone: string
}

/// GET /readyz when the server can take traffic (a 503 carries the usual error body instead).
export interface Readiness {
  status: string
  database: string
  migrations: string
}

export function getMeta(): Promise<Meta> {
  return http.get<Meta>('/meta')
}

/// Readiness is a state the dashboard shows inline, so a 503 is not popped up as an error.
export function getReady(): Promise<Readiness> {
  return http.get<Readiness>('/readyz', { baseURL: '/', silent: true })
}
