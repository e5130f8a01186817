import { computed, ref } from 'vue'
import { useRouter } from 'vue-router'
import { ElMessage } from 'element-plus'
import {
  CATEGORIES,
  DELIVERIES,
  STATUSES,
  getInstitution,
  listInstitutions,
  type Delivery,
  type Institution,
  type InstitutionCategory,
  type InstitutionStatus,
} from '@/api/institutions'
import { queryText, usePagedList } from '@/composables/usePagedList'
import { errorText, toApiError } from '@/utils/apiError'
import { useUnits } from '@/views/org/schools/useSchools'

export interface RegistryFilters {
  [key: string]: string | number | undefined
  unit_code: string
  category: InstitutionCategory | ''
  delivery: Delivery | ''
  status: InstitutionStatus | ''
  /// part of the name
  q: string
}

function oneOf<T extends string>(values: readonly T[], v: string): T | '' {
  return (values as readonly string[]).includes(v) ? (v as T) : ''
}

/// 机构台账: the institutions in scope, filtered by county, category, delivery, status and name (all
/// kept in the address), paged; the register and edit dialogs; the warnings of the last save.
export function useRegistry() {
  const router = useRouter()
  const units = useUnits()
  const list = usePagedList<Institution, RegistryFilters>({
    empty: () => ({ unit_code: '', category: '', delivery: '', status: '', q: '' }),
    fetch: (f, paging) =>
      listInstitutions({
        unit_code: f.unit_code || undefined,
        category: f.category || undefined,
        delivery: f.delivery || undefined,
        status: f.status || undefined,
        q: f.q.trim() || undefined,
        ...paging,
      }),
    query: {
      keys: ['unit_code', 'category', 'delivery', 'status', 'q'],
      read: (q) => ({
        unit_code: queryText(q, 'unit_code'),
        category: oneOf(CATEGORIES, queryText(q, 'category')),
        delivery: oneOf(DELIVERIES, queryText(q, 'delivery')),
        status: oneOf(STATUSES, queryText(q, 'status')),
        q: queryText(q, 'q'),
      }),
    },
  })

  /// The dialog: null closed, 'new', or the record being edited (fetched whole, staff included).
  const editing = ref<Institution | 'new' | null>(null)
  const opening = ref<number | null>(null)
  /// The institution last saved (a notice above the list, with the server's warnings and a way to the
  /// record, which may be on another page of the list), and whether it was new.
  const saved = ref<Institution | null>(null)
  const savedNew = ref(false)
  const savedWarnings = computed(() => saved.value?.warnings ?? [])

  async function edit(row: Institution): Promise<void> {
    if (opening.value !== null) return
    opening.value = row.id
    try {
      editing.value = await getInstitution(row.id)
    } catch (e) {
      ElMessage({ type: 'error', message: errorText(toApiError(e)), showClose: true })
    } finally {
      opening.value = null
    }
  }

  function onSaved(inst: Institution): void {
    savedNew.value = editing.value === 'new'
    saved.value = inst
    void list.load()
  }

  function open(row: Institution): void {
    void router.push(`/institutions/${row.id}`)
  }

  return { ...units, ...list, editing, opening, saved, savedNew, savedWarnings, edit, onSaved, open }
}
