import { computed, onMounted, ref, shallowRef, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { listChildren, type Student } from '@/api/org'
import { getChildResult, getOffer, type AllocationLine, type Course, type Offer, type Section, type Window } from '@/api/afterschool'
import { queryInt } from '@/composables/usePagedList'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'
import { currentSemester, isSemester, nextSemester } from '@/views/afterschool/shared/semester'

export interface SectionRef {
  course: Course
  section: Section
}

/// The window a family acts in now: the open one, else the next to open, else the latest.
export function activeWindow(windows: readonly Window[]): Window | null {
  const open = windows.find((w) => w.phase === 'open')
  if (open) return open
  const scheduled = windows.filter((w) => w.phase === 'scheduled').sort((a, b) => a.opens_at.localeCompare(b.opens_at))
  if (scheduled.length) return scheduled[0]
  return [...windows].sort((a, b) => b.closes_at.localeCompare(a.closes_at))[0] ?? null
}

/// The guardian's children and the chosen child's after-school offer for a semester (GET offer):
/// the school's windows, the courses open to the child's grade with live seats, the child's seats and
/// wishes, and after a lottery the result wish by wish. Child and semester are kept in the address
/// (`?child=1&semester=2027-spring`); without one, the semester is the next one when a window for it
/// exists (its selection runs now), else the current one.
export function useFamilyAfterschool() {
  const route = useRoute()
  const router = useRouter()
  const children = shallowRef<Student[]>([])
  const childId = ref<number | undefined>(queryInt(route.query, 'child'))
  const semester = ref<string>(isSemester(route.query.semester) ? route.query.semester : '')
  const offer = shallowRef<Offer | null>(null)
  const result = shallowRef<AllocationLine[]>([])
  const loading = ref(true)
  const error = ref<ApiError | null>(null)
  const errorMessage = computed(() => errorText(error.value))
  /// The chosen child's school: the routing key of its after-school requests (docs/scaling.md).
  const schoolId = computed(() => children.value.find((c) => c.id === childId.value)?.school_id)

  const window = computed(() => (offer.value ? activeWindow(offer.value.windows) : null))
  const sections = computed(() => {
    const map = new Map<number, SectionRef>()
    for (const course of offer.value?.courses ?? []) for (const section of course.sections) map.set(section.id, { course, section })
    return map
  })
  /// Seats the child holds or waits for (dropped and left ones are history).
  const liveSeats = computed(() => (offer.value?.seats ?? []).filter((s) => s.status === 'confirmed' || s.status === 'waitlisted'))
  const savedWishes = computed(() =>
    window.value ? (offer.value?.wishes.find((w) => w.window_id === window.value?.id)?.section_ids ?? []) : [],
  )

  let seq = 0
  /// `child:semester` of the offer on screen, so the address written after a load loads nothing again.
  let shown = ''
  async function loadOffer(): Promise<void> {
    if (childId.value === undefined) return
    const mine = ++seq
    loading.value = true
    try {
      let sem = semester.value
      let answer: Offer
      if (sem) {
        answer = await getOffer(childId.value, sem, schoolId.value)
      } else {
        sem = nextSemester(currentSemester())
        answer = await getOffer(childId.value, sem, schoolId.value)
        if (answer.windows.length === 0) {
          sem = currentSemester()
          answer = await getOffer(childId.value, sem, schoolId.value)
        }
      }
      if (mine !== seq) return
      const w = activeWindow(answer.windows)
      result.value = w?.mode === 'lottery' && w.phase === 'allocated' ? await getChildResult(childId.value, w.id) : []
      if (mine !== seq) return
      offer.value = answer
      error.value = null
      shown = `${childId.value}:${sem}`
      if (semester.value !== sem) semester.value = sem
    } catch (e) {
      if (mine !== seq) return
      offer.value = null
      error.value = toApiError(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  async function load(): Promise<void> {
    loading.value = true
    try {
      children.value = await listChildren()
      error.value = null
    } catch (e) {
      error.value = toApiError(e)
      loading.value = false
      return
    }
    if (!children.value.some((c) => c.id === childId.value)) childId.value = children.value[0]?.id
    if (childId.value === undefined) loading.value = false
    else await loadOffer()
  }

  watch([childId, semester], ([child, sem]) => {
    const query: Record<string, string> = {}
    if (child !== undefined && children.value.length > 1) query.child = String(child)
    if (sem) query.semester = sem
    void router.replace({ query })
    if (child !== undefined && sem && `${child}:${sem}` !== shown) void loadOffer()
  })

  onMounted(load)

  return {
    children,
    childId,
    schoolId,
    semester,
    offer,
    result,
    window,
    sections,
    liveSeats,
    savedWishes,
    loading,
    errorMessage,
    reload: load,
    refresh: loadOffer,
  }
}
