import { computed, ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { getFamilyHomework, putFamilyReport, type FamilyChild, type FamilyReportInput } from '@/api/homework'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'
import { addDays, todayText } from '@/views/homework/shared/format'

/// How many days back a family may look and report: today and the 7 days before (docs/homework.md).
export const DAYS_BACK = 7

/// A family's homework for one day, each child with the day's published homework and the family's report;
/// sending a report replaces that child's report in place.
export function useFamilyHomework() {
  const { t } = useI18n()
  const today = todayText()
  const dates = Array.from({ length: DAYS_BACK + 1 }, (_, i) => addDays(today, -i))
  const date = ref(today)
  const children = shallowRef<FamilyChild[]>([])
  const loaded = ref(false)
  const loading = ref(false)
  const error = ref<ApiError | null>(null)
  const errorMessage = computed(() => errorText(error.value))
  /// The student whose report is being sent.
  const sending = ref<number | null>(null)
  let request = 0

  async function load(): Promise<void> {
    const mine = ++request
    loading.value = true
    try {
      const day = await getFamilyHomework(date.value)
      if (mine !== request) return
      children.value = day.children
      error.value = null
      loaded.value = true
    } catch (e) {
      if (mine === request) error.value = toApiError(e)
    } finally {
      if (mine === request) loading.value = false
    }
  }

  function pick(d: string): void {
    if (d === date.value) return
    date.value = d
    children.value = []
    loaded.value = false
    void load()
  }

  /// True when saved; a refusal is shown as a message and the card keeps what was typed.
  async function report(input: FamilyReportInput): Promise<boolean> {
    sending.value = input.student_id
    try {
      const saved = await putFamilyReport(input)
      children.value = children.value.map((c) => (c.student_id === input.student_id && c.date === input.date ? { ...c, report: saved } : c))
      ElMessage({ type: 'success', message: t('homework.family.saved'), grouping: true })
      return true
    } catch (e) {
      ElMessage({ type: 'error', message: errorText(toApiError(e)), grouping: true, showClose: true })
      return false
    } finally {
      sending.value = null
    }
  }

  void load()
  return { today, dates, date, children, loaded, loading, errorMessage, sending, load, pick, report }
}
