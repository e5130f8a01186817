import { ref } from 'vue'
import { useRouter } from 'vue-router'
import { getInstitution, listCases, type Institution, type InspectionCase } from '@/api/institutions'
import { useRelatedList, useRouteRecord } from '@/composables/useRouteRecord'

/// The most recent cases of one institution shown on its page (the cases page lists them all).
const CASES_SHOWN = 50

/// 机构详情 (`/institutions/:id`): the record with its staff and the reviewer's warnings, its inspection
/// cases, the edit dialog and "安排核查" (open a case, then go to it).
export function useInstitutionDetail() {
  const router = useRouter()
  const cases = useRelatedList(async (id: number) => (await listCases({ institution_id: id, page: 1, page_size: CASES_SHOWN })).items)
  const page = useRouteRecord(getInstitution, cases.load)
  const editing = ref(false)
  const scheduling = ref(false)

  function replaced(i: Institution): void {
    page.record.value = i
  }

  function opened(k: InspectionCase): void {
    void router.push(`/institutions/cases/${k.id}`)
  }

  function openCase(k: InspectionCase): void {
    void router.push(`/institutions/cases/${k.id}`)
  }

  return {
    ...page,
    institution: page.record,
    cases: cases.items,
    casesErrorText: cases.errorMessage,
    editing,
    scheduling,
    replaced,
    opened,
    openCase,
  }
}
