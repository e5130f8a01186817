import { computed, reactive, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, type FormRules } from 'element-plus'
import { createSchool, type School, type SchoolInput, type Stage } from '@/api/org'
import { required, useServerForm } from '@/composables/useFieldErrors'

/// The grades a stage spans (the server's rule): a new stage resets them.
export const STAGE_GRADES: Record<Stage, [number, number]> = {
  primary: [1, 6],
  junior_middle: [7, 9],
  nine_year: [1, 9],
}

/// 新建学校 in a county-level unit of the user's scope. The server checks the 10-digit school code
/// (RULES R3.7), the name and the grade span; its 422 or 409 goes under the field it names.
export function useNewSchool(onSaved: (s: School) => void) {
  const { t } = useI18n()
  const form = reactive<SchoolInput>({
    school_code: '',
    name: '',
    unit_code: '',
    stage: 'primary',
    is_public: true,
    is_rural: false,
    grade_from: 1,
    grade_to: 6,
    address: '',
  })
  const { run, ...state } = useServerForm(
    form,
    ['school_code', 'name', 'unit_code', 'stage', 'grade_from', 'address'] as const,
    { grade_to: 'grade_from' },
  )
  const gradeRange = computed(() => STAGE_GRADES[form.stage])
  watch(
    () => form.stage,
    (stage) => ([form.grade_from, form.grade_to] = STAGE_GRADES[stage]),
  )

  const rules = computed<FormRules<SchoolInput>>(() => ({
    school_code: required(t('org.schoolForm.codeRequired')),
    name: required(t('org.schoolForm.nameRequired')),
    unit_code: required(t('org.schoolForm.unitRequired'), 'change'),
  }))

  const submit = () =>
    run(async () => {
      const s = await createSchool({ ...form, school_code: form.school_code.trim(), name: form.name.trim(), address: form.address.trim() })
      ElMessage({ type: 'success', message: t('org.schoolForm.created', { name: s.name }) })
      onSaved(s)
    })

  return { ...state, form, rules, gradeRange, submit }
}
