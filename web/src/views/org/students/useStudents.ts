import { ref, shallowRef, watch } from 'vue'
import { useRouter } from 'vue-router'
import { ElMessage } from 'element-plus'
import { exportStudents, listClasses, listStudents, type SchoolClass, type Student } from '@/api/org'
import { queryInt, queryText, usePagedList } from '@/composables/usePagedList'
import { errorText, toApiError } from '@/utils/apiError'
import { saveBlob } from '@/utils/download'

export interface StudentFilters {
  [key: string]: string | number | undefined
  school_id: number | undefined
  class_id: number | undefined
  /// name prefix
  name: string
  /// exact identity number; never put in the address
  id_number: string
}

/// The classes of the school chosen in a form or filter bar (GET schools/{id}/classes), emptied when
/// no school is chosen.
export function useClassOptions(schoolId: () => number | undefined) {
  const classes = shallowRef<SchoolClass[]>([])
  const loading = ref(false)
  let seq = 0
  watch(
    schoolId,
    async (id) => {
      const mine = ++seq
      classes.value = []
      if (id === undefined) return
      loading.value = true
      try {
        const items = await listClasses(id)
        if (mine === seq) classes.value = items
      } catch {
        // Shown as an empty choice; the list itself reports what is wrong.
      } finally {
        if (mine === seq) loading.value = false
      }
    },
    { immediate: true },
  )
  return { classes, loading }
}

/// 学生: the filter bar (school, class of that school, name prefix, exact identity number), one page
/// of students with masked numbers, the Excel export of the applied filters. School, class and name
/// stay in the address; the identity number does not.
export function useStudents() {
  const router = useRouter()
  const list = usePagedList<Student, StudentFilters>({
    empty: () => ({ school_id: undefined, class_id: undefined, name: '', id_number: '' }),
    fetch: (f, paging) =>
      listStudents({
        school_id: f.school_id,
        class_id: f.class_id,
        name: f.name.trim(),
        id_number: f.id_number.replace(/\s/g, '').toUpperCase(),
        ...paging,
      }),
    query: {
      keys: ['school_id', 'class_id', 'name'],
      read: (q) => ({ school_id: queryInt(q, 'school_id'), class_id: queryInt(q, 'class_id'), name: queryText(q, 'name') }),
    },
  })
  const { filters } = list
  const { classes, loading: classesLoading } = useClassOptions(() => filters.school_id)

  /// Another school chosen in the bar: a class of the school before no longer applies.
  function schoolChanged(): void {
    filters.class_id = undefined
  }

  const exporting = ref(false)
  async function exportExcel(): Promise<void> {
    if (exporting.value) return
    exporting.value = true
    const f = list.applied()
    try {
      const { blob, filename } = await exportStudents({ school_id: f.school_id, class_id: f.class_id, name: f.name.trim() })
      saveBlob(blob, filename)
    } catch (e) {
      ElMessage({ type: 'error', message: errorText(toApiError(e)), grouping: true, showClose: true })
    } finally {
      exporting.value = false
    }
  }

  function open(row: Student): void {
    void router.push(`/org/students/${row.id}`)
  }

  return { ...list, classes, classesLoading, schoolChanged, exporting, exportExcel, open }
}
