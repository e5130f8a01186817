import { computed, reactive } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, type FormRules } from 'element-plus'
import { createWindow, PRIORITY_GROUPS, type PriorityGroup, type Window, type WindowMode } from '@/api/afterschool'
import { required, useServerForm } from '@/composables/useFieldErrors'
import { formatDateTime } from '@/utils/time'
import { pickerToInstant } from '../shared/format'
import { currentSemester, nextSemester, semesterLabel } from '../shared/semester'

export interface WindowFormFields {
  scope: 'school' | 'county'
  school_id: number | undefined
  unit_code: string
  semester: string
  title: string
  mode: WindowMode
  /// Beijing wall time as the picker holds it: `YYYY-MM-DD HH:mm:ss`.
  opens_at: string
  closes_at: string
  max_wishes: number
  course_limit: number
  priority_order: PriorityGroup[]
}

/// `YYYY-MM-DD HH:00:00` Beijing time, `hours` from now, on the hour.
function onTheHour(hours: number): string {
  const at = Date.now() + hours * 3_600_000
  return `${formatDateTime(at).slice(0, 13)}:00:00`
}

/// 设置选课窗口: for one school (a school's staff) or every school of a county (a county's staff),
/// first-come or wishes + lottery, when it opens and closes (Beijing time), how many wishes and
/// courses, and for a lottery the order of the priority groups (most favoured first; a group left out
/// has no priority). The server refuses a window overlapping another of the same school and semester.
export function useWindowForm(semester: string, defaultUnit: string, onSaved: (w: Window) => void) {
  const { t } = useI18n()
  const sem = semester || nextSemester(currentSemester())
  const form = reactive<WindowFormFields>({
    scope: 'school',
    school_id: undefined,
    unit_code: defaultUnit,
    semester: sem,
    title: t('afterschool.windowForm.defaultTitle', { semester: semesterLabel(sem) }),
    mode: 'lottery',
    opens_at: onTheHour(1),
    closes_at: onTheHour(73),
    max_wishes: 3,
    course_limit: 2,
    priority_order: [...PRIORITY_GROUPS],
  })
  const fields = [
    'school_id',
    'unit_code',
    'semester',
    'title',
    'mode',
    'opens_at',
    'closes_at',
    'max_wishes',
    'course_limit',
    'priority_order',
  ] as const
  const { run, ...state } = useServerForm(form, fields)
  const rules = computed<FormRules<WindowFormFields>>(() => ({
    school_id: form.scope === 'school' ? required(t('org.studentForm.schoolRequired'), 'change') : [],
    unit_code: form.scope === 'county' ? required(t('org.schoolForm.unitRequired'), 'change') : [],
    title: required(t('afterschool.windowForm.titleRequired')),
    opens_at: required(t('afterschool.windowForm.timeRequired'), 'change'),
    closes_at: required(t('afterschool.windowForm.timeRequired'), 'change'),
  }))

  const submit = () =>
    run(async () => {
      const saved = await createWindow({
        ...(form.scope === 'school' ? { school_id: form.school_id } : { unit_code: form.unit_code }),
        semester: form.semester,
        title: form.title.trim(),
        mode: form.mode,
        opens_at: pickerToInstant(form.opens_at),
        closes_at: pickerToInstant(form.closes_at),
        max_wishes: form.max_wishes,
        course_limit: form.course_limit,
        priority_order: form.mode === 'lottery' ? form.priority_order : [],
      })
      ElMessage({ type: 'success', message: t('afterschool.windowForm.created', { title: saved.title }) })
      onSaved(saved)
    })

  return { ...state, form, rules, submit }
}
