import { computed, ref, shallowRef, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { getServiceWeek, putServiceWeek, type ServiceDay, type ServiceWeek } from '@/api/afterschool'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'
import { useSchoolSemester } from '../shared/useSchoolSemester'

export const SCHOOL_DAYS = [1, 2, 3, 4, 5]

/// "17:30" → 1050.
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number)
  return h * 60 + m
}

function defaultDay(weekday: number, latest: string): ServiceDay {
  return { weekday, lessons_end: '15:30', batch_ends: ['16:30', latest > '16:30' ? latest : '17:30'] }
}

/// 课后服务时间与离校批次 of one school and semester: for Monday–Friday when lessons end and the ordered
/// end times of the dismissal batches (弹性离校). The latest batch may not end before the time the
/// county's fee standard sets (off-work time + offset), and each day runs at least two hours
/// (RULES R1.5–R1.7, R1.9); the server checks both on save and names the day at fault.
export function useServiceWeek() {
  const { t } = useI18n()
  const { schoolId, semester } = useSchoolSemester()
  const week = shallowRef<ServiceWeek | null>(null)
  const days = ref<ServiceDay[]>([])
  const loading = ref(false)
  const saving = ref(false)
  const error = ref<ApiError | null>(null)
  const saveError = ref<ApiError | null>(null)
  const forbidden = computed(() => error.value?.status === 403)
  const errorMessage = computed(() => errorText(error.value))
  const saveErrorText = computed(() => errorText(saveError.value))
  /// The weekday a refusal names (details.weekday), to mark its row.
  const badDay = computed(() => Number(saveError.value?.payload?.details?.weekday ?? 0))
  const earliest = computed(() => week.value?.earliest_latest_end ?? '')
  const dirty = computed(() => JSON.stringify(days.value) !== JSON.stringify(week.value?.days ?? []))

  function fill(w: ServiceWeek): void {
    week.value = w
    days.value = SCHOOL_DAYS.map((d) => {
      const saved = w.days.find((x) => x.weekday === d)
      return saved ? { ...saved, batch_ends: [...saved.batch_ends] } : defaultDay(d, w.earliest_latest_end)
    })
  }

  let seq = 0
  async function load(): Promise<void> {
    const id = schoolId.value
    const mine = ++seq
    saveError.value = null
    if (!id) {
      week.value = null
      days.value = []
      return
    }
    loading.value = true
    try {
      const w = await getServiceWeek(id, semester.value)
      if (mine !== seq) return
      fill(w)
      error.value = null
    } catch (e) {
      if (mine !== seq) return
      week.value = null
      days.value = []
      error.value = toApiError(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  watch([schoolId, semester], load, { immediate: true })

  /// Minutes of service on a day, from the end of lessons to the latest batch.
  function serviceMinutes(day: ServiceDay): number {
    const last = day.batch_ends[day.batch_ends.length - 1]
    return last ? minutesOf(last) - minutesOf(day.lessons_end) : 0
  }

  function setBatch(day: ServiceDay, index: number, value: string): void {
    day.batch_ends[index] = value
  }

  function addBatch(day: ServiceDay): void {
    const last = day.batch_ends[day.batch_ends.length - 1] ?? day.lessons_end
    const next = Math.min(minutesOf(last) + 30, 23 * 60)
    day.batch_ends.push(`${String(Math.floor(next / 60)).padStart(2, '0')}:${String(next % 60).padStart(2, '0')}`)
  }

  function removeBatch(day: ServiceDay, index: number): void {
    day.batch_ends.splice(index, 1)
  }

  /// Monday's times for every day.
  function copyMonday(): void {
    const monday = days.value[0]
    if (!monday) return
    days.value = days.value.map((d) => ({ ...monday, weekday: d.weekday, batch_ends: [...monday.batch_ends] }))
  }

  async function save(): Promise<void> {
    if (saving.value || !schoolId.value) return
    saving.value = true
    try {
      // Batches go in time order, whatever order they were typed in.
      const sorted = days.value.map((d) => ({ ...d, batch_ends: [...d.batch_ends].sort() }))
      fill(await putServiceWeek(schoolId.value, semester.value, sorted))
      saveError.value = null
      ElMessage({ type: 'success', message: t('afterschool.serviceWeek.saved') })
    } catch (e) {
      saveError.value = toApiError(e)
    } finally {
      saving.value = false
    }
  }

  return {
    schoolId,
    semester,
    week,
    days,
    earliest,
    loading,
    saving,
    dirty,
    forbidden,
    errorMessage,
    saveErrorText,
    badDay,
    serviceMinutes,
    setBatch,
    addBatch,
    removeBatch,
    copyMonday,
    reset: () => week.value && fill(week.value),
    save,
  }
}
