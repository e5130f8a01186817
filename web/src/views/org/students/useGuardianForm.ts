import { computed, reactive } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, type FormRules } from 'element-plus'
import { addGuardian, type Guardian, type Relation } from '@/api/org'
import { required, useServerForm } from '@/composables/useFieldErrors'

export const RELATIONS: readonly Relation[] = ['father', 'mother', 'grandfather', 'grandmother', 'other']

export interface GuardianFormFields {
  name: string
  relation: Relation | ''
  mobile: string
  pickup_authorised: boolean
}

/// 添加监护人: name, relation, mobile (the server accepts +86 and separators) and whether this
/// person may pick the child up. The server's refusal goes under the field it names.
export function useGuardianForm(studentId: number, onSaved: (g: Guardian) => void) {
  const { t } = useI18n()
  const form = reactive<GuardianFormFields>({ name: '', relation: '', mobile: '', pickup_authorised: false })
  const { run, ...state } = useServerForm(form, ['name', 'relation', 'mobile'] as const)
  const rules = computed<FormRules<GuardianFormFields>>(() => ({
    name: required(t('org.guardianForm.nameRequired')),
    relation: required(t('org.guardianForm.relationRequired'), 'change'),
    mobile: required(t('org.guardianForm.mobileRequired')),
  }))

  const submit = () =>
    run(async () => {
      const g = await addGuardian(studentId, {
        name: form.name.trim(),
        relation: form.relation as Relation,
        mobile: form.mobile.trim(),
        pickup_authorised: form.pickup_authorised,
      })
      ElMessage({ type: 'success', message: t('org.guardianForm.added', { name: g.name }) })
      onSaved(g)
    })

  return { ...state, form, rules, submit }
}
