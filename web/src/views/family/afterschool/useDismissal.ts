import { computed, onMounted, reactive, ref, shallowRef, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { listChildren, type Student } from '@/api/org'
import { chooseDismissal, getDismissal, type DismissalPlan } from '@/api/afterschool'
import { queryInt } from '@/composables/usePagedList'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'
import { currentSemester, isSemester } from '@/views/afterschool/shared/semester'
import { weekdayName } from '@/views/afterschool/shared/format'

/// 弹性离校: per weekday the batch the child leaves with (GET dismissal, PUT dismissal/{weekday}).
/// The school sets the batches; a choice is saved as soon as it is tapped. Child and semester come
/// from the address, as on the selection page (default: the current semester).
export function useDismissal() {
  const { t } = useI18n()
  const route = useRoute()
  const router = useRouter()
  const children = shallowRef<Student[]>([])
  const childId = ref<number | undefined>(queryInt(route.query, 'child'))
  const semester = ref<string>(isSemester(route.query.semester) ? route.query.semester : currentSemester())
  const plan = shallowRef<DismissalPlan | null>(null)
  const loading = ref(true)
  const error = ref<ApiError | null>(null)
  const errorMessage = computed(() => errorText(error.value))
  /// Weekdays whose choice is being saved.
  const saving = reactive<Record<number, boolean>>({})

  const chosen = computed(() => Object.fromEntries((plan.value?.chosen ?? []).map((c) => [c.weekday, c.batch_no])) as Record<number, number>)

  let seq = 0
  async function loadPlan(): Promise<void> {
    if (childId.value === undefined) return
    const mine = ++seq
    loading.value = true
    try {
      const answer = await getDismissal(childId.value, semester.value)
      if (mine !== seq) return
      plan.value = answer
      error.value = null
    } catch (e) {
      if (mine !== seq) return
      plan.value = null
      error.value = toApiError(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  async function load(): Promise<void> {
    loading.value = true
    try {
      children.value = await listChildren()
    } catch (e) {
      error.value = toApiError(e)
      loading.value = false
      return
    }
    if (!children.value.some((c) => c.id === childId.value)) childId.value = children.value[0]?.id
    if (childId.value === undefined) loading.value = false
    else await loadPlan()
  }

  watch([childId, semester], ([child, sem], [oldChild]) => {
    const query: Record<string, string> = { semester: sem }
    if (child !== undefined && children.value.length > 1) query.child = String(child)
    void router.replace({ query })
    // The first child is set by load(), which loads the plan itself.
    if (oldChild !== undefined || child === undefined) void loadPlan()
  })

  async function choose(weekday: number, batchNo: number): Promise<void> {
    if (saving[weekday] || childId.value === undefined) return
    saving[weekday] = true
    try {
      plan.value = await chooseDismissal(childId.value, semester.value, weekday, batchNo)
      ElMessage({ type: 'success', message: t('afterschool.dismissal.saved', { day: weekdayName(weekday) }), grouping: true })
    } catch (e) {
      ElMessage({ type: 'error', message: errorText(toApiError(e)), grouping: true, showClose: true })
    } finally {
      saving[weekday] = false
    }
  }

  onMounted(load)

  return { children, childId, semester, plan, chosen, loading, errorMessage, saving, choose, reload: load }
}
