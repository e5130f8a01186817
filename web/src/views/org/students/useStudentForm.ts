import { computed, reactive } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, type FormRules } from 'element-plus'
import { FLAG_KEYS, createStudent, updateStudent, type Sex, type Student, type StudentFlags } from '@/api/org'
import { required, useServerForm } from '@/composables/useFieldErrors'
import { useClassOptions } from './useStudents'

export interface StudentFormFields {
  school_id: number | undefined
  class_id: number | undefined
  name: string
  sex: Sex | ''
  id_number: string
  student_number: string
  flags: (keyof StudentFlags)[]
}

const SERVER_FIELDS = ['class_id', 'name', 'sex', 'id_number', 'student_number', 'flags'] as const

/// Add a student (`student` absent) or replace one's record. The server checks the identity number
/// (GB 11643 check character, birth date, province) and the student number; its 422 or 409 is shown
/// under the field it names. The API takes the numbers in full on every change and only ever shows
/// them masked, so an edit asks for both again.
export function useStudentForm(student: Student | undefined, schoolId: number | undefined, onSaved: (s: Student) => void) {
  const { t } = useI18n()
  const form = reactive<StudentFormFields>({
    school_id: student?.school_id ?? schoolId,
    class_id: student?.class_id,
    name: student?.name ?? '',
    sex: student?.sex ?? '',
    id_number: '',
    student_number: '',
    flags: student ? FLAG_KEYS.filter((k) => student.flags[k]) : [],
  })
  const { classes, loading: classesLoading } = useClassOptions(() => form.school_id)
  const { run, ...state } = useServerForm(form, SERVER_FIELDS, { school_id: 'class_id' })
  const rules = computed<FormRules<StudentFormFields>>(() => ({
    school_id: required(t('org.studentForm.schoolRequired'), 'change'),
    class_id: required(t('org.studentForm.classRequired'), 'change'),
    name: required(t('org.studentForm.nameRequired')),
    sex: required(t('org.studentForm.sexRequired'), 'change'),
    id_number: required(t('org.studentForm.idRequired')),
    student_number: required(t('org.studentForm.numberRequired')),
  }))

  /// Most student numbers are G followed by the identity number (RULES R3.8).
  function numberFromId(): void {
    const id = form.id_number.replace(/\s/g, '').toUpperCase()
    if (id) form.student_number = `G${id}`
  }

  const submit = () =>
    run(async () => {
      const flags = Object.fromEntries(FLAG_KEYS.map((k) => [k, form.flags.includes(k)])) as unknown as StudentFlags
      const input = {
        class_id: form.class_id as number,
        name: form.name.trim(),
        sex: form.sex as Sex,
        id_number: form.id_number.trim(),
        student_number: form.student_number.trim(),
        flags,
      }
      const saved = student ? await updateStudent(student.id, input) : await createStudent(input)
      const done = student ? 'org.studentForm.updated' : 'org.studentForm.created'
      ElMessage({ type: 'success', message: t(done, { name: saved.name }) })
      onSaved(saved)
    })

  /// Another school: its classes, so the class chosen before no longer applies.
  function schoolChanged(): void {
    form.class_id = undefined
  }

  return { ...state, form, rules, classes, classesLoading, numberFromId, schoolChanged, submit }
}
