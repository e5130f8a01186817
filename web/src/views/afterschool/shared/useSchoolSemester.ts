import { ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { queryInt } from '@/composables/usePagedList'
import { currentSemester, isSemester } from './semester'

/// The school and semester a school-level page shows, kept in the address (`?school_id=1&semester=
/// 2027-spring`) so a page can be linked to and survives a reload. A school's own staff get their
/// school from the picker (pick-only); a county's staff choose one.
export function useSchoolSemester(options: { defaultSemester?: string; withSchool?: boolean } = {}) {
  const route = useRoute()
  const router = useRouter()
  const fromQuery = typeof route.query.semester === 'string' ? route.query.semester : undefined
  const schoolId = ref<number | undefined>(options.withSchool === false ? undefined : queryInt(route.query, 'school_id'))
  const semester = ref<string>(
    fromQuery !== undefined && (isSemester(fromQuery) || fromQuery === '') ? fromQuery : (options.defaultSemester ?? currentSemester()),
  )
  watch([schoolId, semester], () => {
    const query: Record<string, string> = { ...(route.query as Record<string, string>), semester: semester.value }
    if (!semester.value) delete query.semester
    if (schoolId.value) query.school_id = String(schoolId.value)
    else delete query.school_id
    void router.replace({ query })
  })
  return { schoolId, semester }
}
