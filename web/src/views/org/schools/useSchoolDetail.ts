import { computed } from 'vue'
import { getSchool, listClasses } from '@/api/org'
import { useRelatedList, useRouteRecord } from '@/composables/useRouteRecord'

/// One school (`/org/schools/:id`) and its classes with their enrolled counts.
export function useSchoolDetail() {
  const classes = useRelatedList(listClasses)
  const page = useRouteRecord(getSchool, classes.load)
  const studentCount = computed(() => classes.items.value.reduce((n, c) => n + c.student_count, 0))
  return {
    ...page,
    school: page.record,
    classes: classes.items,
    classErrorText: classes.errorMessage,
    studentCount,
  }
}
