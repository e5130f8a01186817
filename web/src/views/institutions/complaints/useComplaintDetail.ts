import { computed, ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRouter } from 'vue-router'
import { ElMessage } from 'element-plus'
import { getComplaint, revealContact, type Complaint } from '@/api/complaints'
import { listCases, listInstitutions, type Institution, type InspectionCase } from '@/api/institutions'
import { useRelatedList, useRouteRecord } from '@/composables/useRouteRecord'
import { useUserStore } from '@/stores/user'
import { errorText, toApiError } from '@/utils/apiError'

/// How many recent cases are searched for the ones opened from a complaint that names no registered
/// institution (the case may be on any institution of the county).
const CASES_SEARCHED = 200

/// 举报详情 (`/institutions/complaints/:id`): the complaint with its masked contact (the full number on
/// request, audited), the inspection cases opened from it, and what the caller may do: the county assigns
/// it to an inspector; the county or an inspector opens a case on it; the assigned inspector or the county
/// closes it with the reply.
export function useComplaintDetail() {
  const { t } = useI18n()
  const router = useRouter()
  const user = useUserStore()
  const cases = useRelatedList(async (): Promise<InspectionCase[]> => {
    const k = page.record.value
    if (!k) return []
    const found = await listCases({ institution_id: k.institution_id ?? undefined, page: 1, page_size: CASES_SEARCHED })
    return found.items.filter((c) => c.complaint_id === k.id)
  })
  /// For a complaint that names no institution (a public report names one by name and address): the county's
  /// registered institution of exactly that name, if any — shown as a match and proposed for the case.
  const match = shallowRef<Institution | null>(null)
  async function findMatch(): Promise<void> {
    match.value = null
    const c = page.record.value
    const name = c?.operator_name?.trim()
    if (!c || c.institution_id || !name || !user.hasPermi('institutions:registry:read')) return
    try {
      const found = await listInstitutions({ q: name, unit_code: c.unit_code, page: 1, page_size: 20 })
      if (page.record.value?.id === c.id) match.value = found.items.find((i) => i.name === name) ?? null
    } catch {
      // Without the match the complaint shows as it is.
    }
  }
  const page = useRouteRecord(getComplaint, (id) => Promise.all([cases.load(id), findMatch()]).then(() => undefined))
  const k = page.record

  const assigning = ref(false)
  const closing = ref(false)
  const openingCase = ref(false)
  /// The full mobile once revealed (this page only; never stored or logged).
  const contact = ref<string | null>(null)
  const revealing = ref(false)

  const role = computed(() => user.user?.role)
  const open = computed(() => !!k.value && k.value.status !== 'closed')
  const canAssign = computed(() => open.value && role.value === 'district_admin' && user.hasPermi('institutions:complaint:update'))
  const canClose = computed(
    () =>
      open.value &&
      user.hasPermi('institutions:complaint:update') &&
      (role.value === 'district_admin' || (role.value === 'inspector' && k.value?.assigned_to === user.user?.id)),
  )
  const canOpenCase = computed(() => open.value && user.hasPermi('institutions:inspection:create'))
  const canReveal = computed(() => !!k.value && !k.value.anonymous && user.hasPermi('institutions:complaint:update'))

  function replaced(next: Complaint): void {
    k.value = next
  }

  async function reveal(): Promise<void> {
    if (!k.value || revealing.value) return
    revealing.value = true
    try {
      contact.value = await revealContact(k.value.id)
    } catch (e) {
      ElMessage({ type: 'error', message: errorText(toApiError(e)), showClose: true })
    } finally {
      revealing.value = false
    }
  }

  function caseOpened(c: InspectionCase): void {
    ElMessage({ type: 'success', message: t('inst.open.opened', { id: c.id }) })
    void router.push(`/institutions/cases/${c.id}`)
  }

  return {
    ...page,
    k,
    match,
    cases: cases.items,
    casesErrorText: cases.errorMessage,
    assigning,
    closing,
    openingCase,
    contact,
    revealing,
    open,
    canAssign,
    canClose,
    canOpenCase,
    canReveal,
    replaced,
    reveal,
    caseOpened,
  }
}
