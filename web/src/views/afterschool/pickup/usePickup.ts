import { computed, ref, shallowRef, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { getServiceWeek } from '@/api/afterschool'
import { listPickups, type PickupEntry } from '@/api/afterschoolOps'
import { queryInt } from '@/composables/usePagedList'
import { useUserStore } from '@/stores/user'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'
import { todayText } from '../shared/format'
import { isoWeekday, semesterOfDate } from '../roll/dates'

const DATE = /^\d{4}-\d{2}-\d{2}$/
/// Batches offered when the service week cannot be read (a teacher's account) and none is seen yet.
const DEFAULT_BATCHES = 3

/// 接送 (GET schools/{id}/pickup): the duty teacher's list of a day — the children leaving with a
/// dismissal batch (all batches unless one is chosen), picked up or not. School, date and batch are
/// kept in the address. A pickup is confirmed (only today) with the code on the guardian's phone;
/// the list then shows the time. The batches of the day come from the service week where the account
/// may read it, else from the list itself.
export function usePickup() {
  const route = useRoute()
  const router = useRouter()
  const user = useUserStore()
  const schoolId = ref<number | undefined>(queryInt(route.query, 'school_id'))
  const date = ref(typeof route.query.date === 'string' && DATE.test(route.query.date) ? route.query.date : todayText())
  const batch = ref(queryInt(route.query, 'batch') ?? 0)
  const items = shallowRef<PickupEntry[]>([])
  const weekBatches = ref(0)
  const seenBatches = ref(0)
  const loading = ref(false)
  const error = ref<ApiError | null>(null)
  const forbidden = computed(() => error.value?.status === 403)
  const errorMessage = computed(() => errorText(error.value))
  /// Name typed to find a child; only the children still waiting.
  const query = ref('')
  const waitingOnly = ref(false)

  const isToday = computed(() => date.value === todayText())
  const weekend = computed(() => isoWeekday(date.value) > 5)
  const batchCount = computed(() => Math.max(weekBatches.value, seenBatches.value, batch.value) || DEFAULT_BATCHES)
  const picked = computed(() => items.value.filter((e) => e.picked_at).length)
  const rows = computed(() => {
    const q = query.value.trim()
    return items.value.filter((e) => (!waitingOnly.value || !e.picked_at) && (!q || e.student_name.includes(q) || e.class_name.includes(q)))
  })

  function writeAddress(): void {
    const q: Record<string, string> = {}
    if (schoolId.value) q.school_id = String(schoolId.value)
    if (!isToday.value) q.date = date.value
    if (batch.value) q.batch = String(batch.value)
    void router.replace({ query: q })
  }

  async function loadWeek(): Promise<void> {
    weekBatches.value = 0
    if (!schoolId.value || !user.hasPermi('afterschool:service-week:read')) return
    try {
      const week = await getServiceWeek(schoolId.value, semesterOfDate(date.value))
      weekBatches.value = week.days.find((d) => d.weekday === isoWeekday(date.value))?.batch_ends.length ?? 0
    } catch {
      // No service week yet: the list's own batches are offered.
    }
  }

  let seq = 0
  async function load(): Promise<void> {
    const id = schoolId.value
    const mine = ++seq
    if (!id) {
      items.value = []
      return
    }
    loading.value = true
    try {
      const list = await listPickups(id, date.value, batch.value)
      if (mine !== seq) return
      items.value = list
      seenBatches.value = Math.max(seenBatches.value, ...list.map((e) => e.batch_no))
      error.value = null
    } catch (e) {
      if (mine !== seq) return
      items.value = []
      error.value = toApiError(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  /// A confirmed pickup, as the server answered it.
  function pickedUp(entry: PickupEntry): void {
    items.value = items.value.map((e) => (e.student_id === entry.student_id ? { ...e, picked_at: entry.picked_at } : e))
  }

  watch(
    [schoolId, date],
    () => {
      seenBatches.value = 0
      void loadWeek()
    },
    { immediate: true },
  )
  watch(
    [schoolId, date, batch],
    () => {
      writeAddress()
      void load()
    },
    { immediate: true },
  )

  return {
    schoolId,
    date,
    batch,
    batchCount,
    items,
    rows,
    query,
    waitingOnly,
    picked,
    isToday,
    weekend,
    loading,
    forbidden,
    errorMessage,
    load,
    pickedUp,
  }
}
