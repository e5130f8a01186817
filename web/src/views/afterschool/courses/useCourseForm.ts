import { computed, onMounted, reactive, shallowRef, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, type FormItemRule, type FormRules } from 'element-plus'
import {
  listCategories,
  listProviders,
  publishCourse,
  type Category,
  type Course,
  type InstructorKind,
  type Provider,
  type Slot,
} from '@/api/afterschool'
import { listTeachers, type School, type Teacher } from '@/api/org'
import { required, useServerForm } from '@/composables/useFieldErrors'
import { toFen } from '../shared/format'

export const INSTRUCTOR_KINDS: readonly InstructorKind[] = ['own_teacher', 'retired_teacher', 'volunteer', 'provider']

export interface CourseFormFields {
  title: string
  category: string
  description: string
  venue: string
  grade_from: number
  grade_to: number
  instructor_kind: InstructorKind
  teacher_id: number | undefined
  provider_id: number | undefined
  instructor_name: string
  /// Yuan per class hour as typed; fen on the wire.
  fee_yuan: number
  capacity: number
  weeks: number
  /// Each section's weekly slots.
  sections: Slot[][]
}

export function newSlot(weekday = 1): Slot {
  return { weekday, start: '15:40', end: '16:30' }
}

/// 发布课程: the course (title, category, grades, instructor, fee within the county's cap, capacity and
/// weeks shared by its sections) and one or more sections, each a list of weekday/start/end slots.
/// The instructor is a teacher of the school (serving or retired, from the registry), a volunteer by
/// name, or a provider the county admitted plus the instructor's name. The server checks the rules
/// (RULES R2.1, R2.3, R1.8f) and its refusal goes under the field it names.
export function useCourseForm(school: School, semester: string, capFen: number | null, onSaved: (c: Course) => void) {
  const { t, locale } = useI18n()
  const form = reactive<CourseFormFields>({
    title: '',
    category: '',
    description: '',
    venue: '',
    grade_from: school.grade_from,
    grade_to: school.grade_to,
    instructor_kind: 'own_teacher',
    teacher_id: undefined,
    provider_id: undefined,
    instructor_name: '',
    fee_yuan: capFen === null ? 0 : capFen / 100,
    capacity: 30,
    weeks: 16,
    sections: [[newSlot()]],
  })
  const { run, ...state } = useServerForm(
    form,
    [
      'title',
      'category',
      'description',
      'venue',
      'grade_from',
      'grade_to',
      'instructor_kind',
      'teacher_id',
      'provider_id',
      'instructor_name',
      'fee_yuan',
      'capacity',
      'weeks',
      'sections',
    ] as const,
    { fee_per_hour_fen: 'fee_yuan', slots: 'sections' },
  )
  const teachers = shallowRef<Teacher[]>([])
  const providers = shallowRef<Provider[]>([])
  const categories = shallowRef<Category[]>([])

  const isTeacher = computed(() => form.instructor_kind === 'own_teacher' || form.instructor_kind === 'retired_teacher')
  /// Teachers of the kind chosen: serving ones, or those re-employed after retiring (退休返聘).
  const teacherOptions = computed(() => teachers.value.filter((x) => x.retired === (form.instructor_kind === 'retired_teacher')))
  /// Categories a course may have: never collective teaching of new lessons; a provider only non-subject ones.
  const categoryOptions = computed(() =>
    categories.value
      .filter((c) => !c.new_lessons && (form.instructor_kind !== 'provider' || !c.subject_type))
      .map((c) => ({ value: c.code, label: locale.value === 'en' ? c.name_en || c.name : c.name })),
  )

  watch(
    () => form.instructor_kind,
    () => {
      form.teacher_id = undefined
      form.provider_id = undefined
      form.instructor_name = ''
    },
  )

  /// Required while `active` (the instructor kind asks for this field).
  const when = (active: () => boolean, message: () => string): FormItemRule[] => [
    {
      required: active(),
      trigger: 'change',
      validator: (_rule, value, callback) =>
        active() && (value === undefined || value === null || value === '') ? callback(new Error(message())) : callback(),
    },
  ]
  const rules = computed<FormRules<CourseFormFields>>(() => ({
    title: required(t('afterschool.courseForm.titleRequired')),
    category: required(t('afterschool.courseForm.categoryRequired'), 'change'),
    venue: required(t('afterschool.courseForm.venueRequired')),
    teacher_id: when(() => isTeacher.value, () => t('afterschool.courseForm.teacherRequired')),
    provider_id: when(() => form.instructor_kind === 'provider', () => t('afterschool.courseForm.providerRequired')),
    instructor_name: when(() => !isTeacher.value, () => t('afterschool.courseForm.instructorNameRequired')),
  }))

  onMounted(async () => {
    const [t1, p1, c1] = await Promise.allSettled([
      listTeachers({ school_id: school.id, page: 1, page_size: 200 }),
      listProviders(),
      listCategories(),
    ])
    if (t1.status === 'fulfilled') teachers.value = t1.value.items
    if (p1.status === 'fulfilled') providers.value = p1.value.filter((p) => p.status === 'admitted' && p.unit_code === school.unit_code)
    if (c1.status === 'fulfilled') categories.value = c1.value
  })

  function addSection(): void {
    const last = form.sections[form.sections.length - 1]
    form.sections = [...form.sections, last ? last.map((s) => ({ ...s })) : [newSlot()]]
  }

  function removeSection(index: number): void {
    form.sections = form.sections.filter((_, i) => i !== index)
  }

  const submit = () =>
    run(async () => {
      const saved = await publishCourse({
        school_id: school.id,
        semester,
        title: form.title.trim(),
        category: form.category,
        description: form.description.trim(),
        venue: form.venue.trim(),
        grade_from: form.grade_from,
        grade_to: form.grade_to,
        instructor_kind: form.instructor_kind,
        ...(isTeacher.value ? { teacher_id: form.teacher_id } : {}),
        ...(form.instructor_kind === 'provider' ? { provider_id: form.provider_id } : {}),
        ...(!isTeacher.value ? { instructor_name: form.instructor_name.trim() } : {}),
        fee_per_hour_fen: toFen(form.fee_yuan),
        capacity: form.capacity,
        weeks: form.weeks,
        sections: form.sections,
      })
      ElMessage({ type: 'success', message: t('afterschool.courseForm.published', { title: saved.title, n: saved.sections.length }) })
      onSaved(saved)
    })

  return { ...state, form, rules, isTeacher, teacherOptions, providers, categoryOptions, addSection, removeSection, submit }
}
