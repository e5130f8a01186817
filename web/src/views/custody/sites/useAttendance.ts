import { computed, reactive, ref, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { getAttendance, saveAttendance, type Attendance, type Period } from '@/api/custody'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'
import { serviceDays, todayText } from '../shared/format'

/// One child's marks as the roll holds them before saving.
export interface Mark {
  student_id: number
  name: string
  school_name: string
  /// null: not marked yet (shown as such, saved as absent only when the taker leaves it)
  present: boolean | null
  meal: boolean
}

/// 每日考勤: the day (a service day of a period, not in the future — as the server checks), the roster of the children
/// placed in that period with present and meal switches, and the save of the whole roll.
export function useAttendance(siteId: Ref<number>, periods: Ref<Period[]>) {
  const { t } = useI18n()
  const today = todayText()
  /// Every service day of the plan up to today, in order.
  const days = computed(() => periods.value.flatMap((p) => serviceDays(p.start_date, p.end_date)).filter((d) => d <= today))
  /// The last service day so far, else the plan's first (a roll not yet open to marks).
  const date = ref('')
  const marks = reactive<Mark[]>([])
  const loaded = ref<Attendance | null>(null)
  const loading = ref(false)
  const saving = ref(false)
  const error = ref<ApiError | null>(null)
  const saveError = ref<ApiError | null>(null)
  const periodOf = computed(() => periods.value.find((p) => p.id === loaded.value?.period_id) ?? null)
  const present = computed(() => marks.filter((m) => m.present).length)
  const meals = computed(() => marks.filter((m) => m.meal).length)
  const unmarked = computed(() => marks.filter((m) => m.present === null).length)

  /// A day the picker offers: a service day (Mon–Fri within a period) not after today; with no periods known (a
  /// teacher opening the link) any day up to today, and the server decides.
  function selectable(d: string): boolean {
    if (d > today) return false
    return !periods.value.length || periods.value.some((p) => serviceDays(p.start_date, p.end_date).includes(d))
  }

  async function load(): Promise<void> {
    if (!date.value || !siteId.value) return
    loading.value = true
    saveError.value = null
    try {
      const a = await getAttendance(siteId.value, date.value)
      loaded.value = a
      marks.splice(0, marks.length, ...a.rows.map((r) => ({ ...r })))
      error.value = null
    } catch (e) {
      loaded.value = null
      marks.splice(0)
      error.value = toApiError(e)
    } finally {
      loading.value = false
    }
  }
  watch(date, load)

  function start(): void {
    if (!date.value) date.value = days.value[days.value.length - 1] ?? periods.value[0]?.start_date ?? today
  }

  function allPresent(): void {
    for (const m of marks) m.present = true
  }

  async function save(): Promise<void> {
    if (saving.value) return
    saving.value = true
    saveError.value = null
    try {
      await saveAttendance(
        siteId.value,
        date.value,
        marks.map((m) => ({ student_id: m.student_id, present: m.present === true, meal: m.meal })),
      )
      ElMessage({ type: 'success', message: t('custody.attendance.saved', { date: date.value }) })
      await load()
    } catch (e) {
      saveError.value = toApiError(e)
    } finally {
      saving.value = false
    }
  }

  return {
    date,
    marks,
    loaded,
    loading,
    saving,
    periodOf,
    present,
    meals,
    unmarked,
    errorText: computed(() => errorText(error.value)),
    saveErrorText: computed(() => errorText(saveError.value)),
    selectable,
    start,
    load,
    allPresent,
    save,
  }
}
