import { computed, reactive } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, type FormRules } from 'element-plus'
import { confirmPickup, type PickupEntry } from '@/api/afterschoolOps'
import { useServerForm } from '@/composables/useFieldErrors'

/// 确认接走: the duty teacher types the 6-digit code the guardian's phone shows. A wrong or expired
/// code is said under the field; a child already picked up above the form.
export function useConfirmPickup(schoolId: number, entry: PickupEntry, onDone: (e: PickupEntry) => void) {
  const { t } = useI18n()
  const form = reactive({ code: '' })
  const { run, ...state } = useServerForm(form, ['code'] as const)
  const rules = computed<FormRules<typeof form>>(() => ({
    code: [{ pattern: /^\d{6}$/, required: true, message: t('asOps.pickup.codeRule'), trigger: 'change' }],
  }))

  const submit = () =>
    run(async () => {
      const answer = await confirmPickup(schoolId, entry.student_id, form.code)
      ElMessage({ type: 'success', message: t('asOps.pickup.confirmed', { name: entry.student_name }) })
      onDone(answer)
    })

  return { ...state, form, rules, submit }
}
