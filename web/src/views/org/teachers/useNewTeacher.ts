import { computed, reactive } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, type FormRules } from 'element-plus'
import { createTeacher, type Sex, type Teacher } from '@/api/org'
import { required, useServerForm } from '@/composables/useFieldErrors'

export interface TeacherFormFields {
  school_id: number | undefined
  name: string
  sex: Sex | ''
  mobile: string
  subjects: string[]
  retired: boolean
}

/// 新增教师 at a school in scope: 1–5 subjects; 退休返聘 marks a retired teacher re-employed (who may
/// teach after-school courses). The server's refusal goes under the field it names.
export function useNewTeacher(schoolId: number | undefined, onSaved: (t: Teacher) => void) {
  const { t } = useI18n()
  const form = reactive<TeacherFormFields>({ school_id: schoolId, name: '', sex: '', mobile: '', subjects: [], retired: false })
  const { run, ...state } = useServerForm(form, ['school_id', 'name', 'sex', 'mobile', 'subjects'] as const)
  const rules = computed<FormRules<TeacherFormFields>>(() => ({
    school_id: required(t('org.studentForm.schoolRequired'), 'change'),
    name: required(t('org.teacherForm.nameRequired')),
    sex: required(t('org.studentForm.sexRequired'), 'change'),
    mobile: required(t('org.teacherForm.mobileRequired')),
    subjects: required(t('org.teacherForm.subjectsRequired'), 'change'),
  }))

  const submit = () =>
    run(async () => {
      const saved = await createTeacher({
        school_id: form.school_id as number,
        name: form.name.trim(),
        sex: form.sex as Sex,
        mobile: form.mobile.trim(),
        subjects: form.subjects,
        retired: form.retired,
      })
      ElMessage({ type: 'success', message: t('org.teacherForm.created', { name: saved.name }) })
      onSaved(saved)
    })

  return { ...state, form, rules, submit }
}
