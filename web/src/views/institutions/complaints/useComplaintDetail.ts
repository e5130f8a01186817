import { computed, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRouter } from 'vue-router'
import { ElMessage } from 'element-plus'
import { getComplaint, revealContact, type Complaint } from '@/api/complaints'
import { listCases, type InspectionCase } from '@/api/institutions'
import { useRelatedList, useRouteRecord } from '@/composables/useRouteRecord'
import { useUserStore } from '@/stores/user'
import { errorText, toApiError } from '@/utils/apiError'

/// 举报详情 (`/institutions/complaints/:id`): the complaint with its masked contact (the full number on
/// request, audited), the inspection cases opened from it, and what the caller may do: the county assigns
/// it to an inspector; the county or an inspector opens a case on it; the assigned inspector or the county
/// closes it with the reply.
export function useComplaintDetail() {
  const { t } = useI18n()
  const router = useRouter()
  const user = useUserStore()
  const cases = useRelatedList(async (id: number): Promise<InspectionCase[]> => (await listCases({ complaint_id: id, page: 1, page_size: 200 })).items)
  const page = useRouteRecord(getComplaint, cases.load)
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
