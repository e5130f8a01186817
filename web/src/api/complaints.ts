import { http } from '@/utils/request'
import type { PageResult, Paging } from './org'
import type { Delivery, InstitutionCategory, InstitutionStatus } from './institutions'

/// 举报 (complaints about off-campus training): staff intake of phone calls and letters, assignment to an
/// inspector, the audited reveal of the complainant's mobile, closing with the reply — `/api/v1/institutions/
/// complaints...` — and the public side without log-in: the white/black-list look-up and the complaint form
/// (`/api/v1/public/...`). Dates `YYYY-MM-DD`, instants RFC 3339 +08:00. Every call is `silent`: the pages
/// show failures where they happen.

export type ComplaintStatus = 'received' | 'assigned' | 'closed'
export const COMPLAINT_STATUSES: readonly ComplaintStatus[] = ['received', 'assigned', 'closed']

export type ComplaintChannel = 'phone' | 'web' | 'letter'
/// What staff record by hand; `web` complaints come through the public form.
export const STAFF_CHANNELS: readonly ComplaintChannel[] = ['phone', 'letter']

export interface Complaint {
  id: number
  unit_code: string
  unit_name: string
  channel: ComplaintChannel
  channel_label: string
  received_at: string
  anonymous: boolean
  /// `138****8000`; null when anonymous. The full number only through revealContact (audited).
  contact_masked: string | null
  /// The registered institution complained about, or null for an unlicensed operator.
  institution_id: number | null
  institution_name: string | null
  operator_name: string | null
  operator_address: string | null
  content: string
  /// The inspector's user id.
  assigned_to: number | null
  assignee_name: string | null
  due_date: string
  status: ComplaintStatus
  status_label: string
  reply: string | null
  closed_at: string | null
  /// Open after its due date, or closed after it (a late answer stays late).
  overdue: boolean
}

export interface ComplaintQuery extends Paging {
  status?: ComplaintStatus
  overdue?: boolean
  /// assigned to the caller
  mine?: boolean
}

/// A complaint taken by phone or letter. Either institution_id, or operator_address (and a name) of an
/// unlicensed operator; contact (a mobile) unless anonymous.
export interface ComplaintInput {
  unit_code: string
  channel: ComplaintChannel
  received_at?: string
  anonymous: boolean
  contact?: string
  institution_id?: number
  operator_name?: string
  operator_address?: string
  content: string
}

/// An inspector a complaint of the county can be given to.
export interface Inspector {
  id: number
  display_name: string
  unit_code: string
  unit_name: string
}

/// A county the public form offers.
export interface County {
  unit_code: string
  name: string
  name_en?: string
}

/// white: operating (白名单); black: closed (黑名单); rectifying (rectifying or suspended); cancelled.
export type Standing = 'white' | 'black' | 'rectifying' | 'cancelled'

/// An institution as the public sees it: no personal data. `id` and `unit_code` (its county) are what the
/// complaint form sends when the family picks it.
export interface PublicInstitution {
  id: number
  unit_code: string
  name: string
  credit_code: string
  unit_name: string
  address: string
  category: InstitutionCategory
  category_label: string
  delivery: Delivery
  status: InstitutionStatus
  status_label: string
  standing: Standing
}

export interface PublicComplaintInput {
  unit_code: string
  anonymous: boolean
  contact?: string
  institution_id?: number
  operator_name?: string
  operator_address?: string
  content: string
}

/// What the public learns after filing: the number and the due date.
export interface PublicReceipt {
  id: number
  due_date: string
  received_at: string
}

function params(query: object): Record<string, string | number | boolean> {
  return Object.fromEntries(
    Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== '' && v !== false),
  ) as Record<string, string | number | boolean>
}

const silent = { silent: true } as const
const BASE = '/institutions/complaints'

export function listComplaints(query: ComplaintQuery): Promise<PageResult<Complaint>> {
  return http.get(BASE, { params: params(query), ...silent })
}

export function getComplaint(id: number): Promise<Complaint> {
  return http.get(`${BASE}/${id}`, silent)
}

export function recordComplaint(input: ComplaintInput): Promise<Complaint> {
  return http.post(BASE, input, silent)
}

export function assignComplaint(id: number, inspectorId: number): Promise<Complaint> {
  return http.post(`${BASE}/${id}/assign`, { inspector_id: inspectorId }, silent)
}

export function closeComplaint(id: number, reply: string): Promise<Complaint> {
  return http.post(`${BASE}/${id}/close`, { reply }, silent)
}

/// The complainant's full mobile; the server writes every reveal to the operation log.
export async function revealContact(id: number): Promise<string> {
  return (await http.get<{ contact: string }>(`${BASE}/${id}/contact`, silent)).contact
}

/// The inspectors of a county (in the caller's scope).
export async function listInspectors(unitCode: string): Promise<Inspector[]> {
  return (await http.get<{ items: Inspector[] }>('/institutions/inspectors', { params: { unit_code: unitCode }, ...silent })).items
}

// ---- public, no log-in ----

export async function listPublicCounties(): Promise<County[]> {
  return (await http.get<{ items: County[] }>('/public/counties', silent)).items
}

/// At least two characters of the name, or an 18-character credit code; at most 20 answers.
export async function lookupInstitutions(q: string): Promise<PublicInstitution[]> {
  return (await http.get<{ items: PublicInstitution[] }>('/public/institutions', { params: { q }, ...silent })).items
}

/// The public form: 429 beyond 5 an hour from one address.
export function submitPublicComplaint(input: PublicComplaintInput): Promise<PublicReceipt> {
  return http.post('/public/complaints', input, silent)
}
