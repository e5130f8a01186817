import { listTeachers, type Teacher } from '@/api/org'
import { queryInt, queryText, usePagedList } from '@/composables/usePagedList'

export interface TeacherFilters {
  [key: string]: string | number | undefined
  school_id: number | undefined
  /// name prefix
  name: string
}

/// 教师: teachers in scope by school and name prefix, paged, mobiles masked.
export function useTeachers() {
  return usePagedList<Teacher, TeacherFilters>({
    empty: () => ({ school_id: undefined, name: '' }),
    fetch: (f, paging) => listTeachers({ school_id: f.school_id, name: f.name.trim(), ...paging }),
    query: {
      keys: ['school_id', 'name'],
      read: (q) => ({ school_id: queryInt(q, 'school_id'), name: queryText(q, 'name') }),
    },
  })
}
