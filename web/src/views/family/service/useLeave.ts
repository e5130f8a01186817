import { computed, reactive, ref, shallowRef, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, type FormRules } from 'element-plus'
import { fileLeaveRequest, listLeaveRequests, type LeaveRequest } from '@/api/afterschoolOps'
import { required, useServerForm } from '@/composables/useFieldErrors'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'
import { todayText } from '@/views/afterschool/shared/format'

/// 请假 for a child (GET/POST children/{id}/leave-requests): whole days from–to, filed in advance (not
/// for a past day), with a reason; it pre-fills 请假 on the roll of those days. The child's requests,
/// the latest first.
export function useLeave(childId: Ref<number | undefined>) {
  const { t } = useI18n()
  const form = reactive({ from_date: todayText(), to_date: todayText(), reason: '' })
  const { run, ...state } = useServerForm(form, ['from_date', 'to_date', 'reason'] as const)
  const rules = computed<FormRules<typeof form>>(() => ({
    from_date: required(t('asOps.leave.fromRequired'), 'change'),
    to_date: [
      ...required(t('asOps.leave.toRequired'), 'change'),
      {
        validator: (_r, v: string, cb) => (v && v < form.from_date ? cb(new Error(t('asOps.leave.toBeforeFrom'))) : cb()),
        trigger: 'change',
      },
    ],
    reason: required(t('asOps.leave.reasonRequired')),
  }))
  const items = shallowRef<LeaveRequest[]>([])
  const loading = ref(false)
  const error = ref<ApiError | null>(null)
  const errorMessage = computed(() => errorText(error.value))

  async function load(): Promise<void> {
    const id = childId.value
    if (id === undefined) return
    loading.value = true
    try {
      const list = await listLeaveRequests(id)
      if (id !== childId.value) return
      items.value = [...list].sort((a, b) => b.from_date.localeCompare(a.from_date) || b.id - a.id)
      error.value = null
    } catch (e) {
      items.value = []
      error.value = toApiError(e)
    } finally {
      loading.value = false
    }
  }

  /// The first day moved past the last: the last follows it.
  watch(
    () => form.from_date,
    (from) => {
      if (from && form.to_date < from) form.to_date = from
    },
  )

  const submit = () =>
    run(async () => {
      const id = childId.value
      if (id === undefined) return
      const saved = await fileLeaveRequest(id, { ...form, reason: form.reason.trim() })
      ElMessage({ type: 'success', message: t('asOps.leave.filed') })
      form.reason = ''
      items.value = [saved, ...items.value.filter((l) => l.id !== saved.id)]
    })

  /// Where a request stands today: 待开始, 进行中 or 已结束.
  function phase(l: LeaveRequest): 'upcoming' | 'current' | 'past' {
    const today = todayText()
    if (l.to_date < today) return 'past'
    return l.from_date > today ? 'upcoming' : 'current'
  }

  watch(childId, load, { immediate: true })

  return { ...state, form, rules, submit, items, loading, errorMessage, phase, reload: load }
}
