import { computed, reactive, ref, shallowRef, watch, type Ref } from 'vue'
import { getSchedule, listSchedules, type FiledSchedule, type ScheduleViolation } from '@/api/institutionsOps'
import { isEnglish } from '@/locales'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'

/// The RULES item a finding of the schedule checks comes from (src/institutions/rules.cpp).
const RULE_OF: Record<string, 'R1_11' | 'R1_12' | 'R1_13' | 'R1_14'> = {
  'institutions.subject_on_holiday': 'R1_11',
  'institutions.subject_in_vacation': 'R1_11',
  'institutions.subject_on_rest_day': 'R1_11',
  'institutions.online_lesson_too_long': 'R1_12',
  'institutions.online_ends_too_late': 'R1_12',
  'institutions.online_break_too_short': 'R1_12',
  'institutions.offline_ends_too_late': 'R1_13',
  'institutions.offline_during_school_hours': 'R1_13',
  'institutions.subject_content_in_non_subject': 'R1_14',
}

/// `instOps.rule.R1_13`, or `instOps.rule.other` for a finding no rule names (a malformed time).
export function ruleKey(v: ScheduleViolation): string {
  return `instOps.rule.${RULE_OF[v.code] ?? 'other'}`
}

/// The finding in the UI language (the server sends both).
export function violationText(v: ScheduleViolation): string {
  return (isEnglish() ? v.message_en || v.message : v.message || v.message_en) ?? ''
}

/// 备案课表 on the institution page: the filed schedules (counts at filing), each one's lessons with what
/// the rules find today, loaded when its row is opened, and the filing dialog. The result of a filing
/// is shown at once from the server's answer.
export function useSchedules(institutionId: Ref<number>) {
  const items = shallowRef<FiledSchedule[]>([])
  const loading = ref(false)
  const error = ref<ApiError | null>(null)
  const errorMessage = computed(() => errorText(error.value))
  /// Schedules with their lessons, by id (`null`: loading; an ApiError: failed).
  const details = reactive(new Map<number, FiledSchedule | ApiError | null>())
  /// The ids of the rows open (as el-table's expand-row-keys wants them).
  const expanded = ref<string[]>([])
  const filing = ref(false)
  /// The schedule just filed, for the result notice.
  const justFiled = shallowRef<FiledSchedule | null>(null)

  async function load(): Promise<void> {
    if (!(institutionId.value > 0)) return
    loading.value = true
    try {
      items.value = await listSchedules(institutionId.value)
      error.value = null
    } catch (e) {
      items.value = []
      error.value = toApiError(e)
    } finally {
      loading.value = false
    }
  }

  async function loadDetail(id: number): Promise<void> {
    const known = details.get(id)
    if (known && !(known instanceof Error)) return
    details.set(id, null)
    try {
      details.set(id, await getSchedule(id))
    } catch (e) {
      details.set(id, toApiError(e))
    }
  }

  /// el-table's expand-change: the rows now open.
  function expandChange(row: FiledSchedule, open: FiledSchedule[] | boolean): void {
    const rows = Array.isArray(open) ? open : null
    const opened = rows ? rows.some((r) => r.id === row.id) : open === true
    expanded.value = rows ? rows.map((r) => String(r.id)) : expanded.value
    if (opened) void loadDetail(row.id)
  }

  function filed(s: FiledSchedule): void {
    justFiled.value = s
    details.set(s.id, s)
    expanded.value = [String(s.id)]
    void load()
  }

  watch(institutionId, () => {
    details.clear()
    expanded.value = []
    justFiled.value = null
    void load()
  }, { immediate: true })

  return { items, loading, errorMessage, details, expanded, filing, justFiled, load, expandChange, filed }
}
