import { computed, ref, shallowRef, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { getSchoolSettings, putGroup, putSchoolSettings, type SubjectGroup } from '@/api/homework'
import { listSchools, listTeachers, type School, type Teacher } from '@/api/org'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'

/// A subject group as edited in the table; `key` is stable while rows are added.
export interface GroupRow {
  key: string
  grade: number
  subject: string
  leader_teacher_id: number | null
  daily_budget: number | undefined
  /// Added on this page, not yet saved.
  fresh: boolean
}

function rowOf(g: SubjectGroup): GroupRow {
  return {
    key: `${g.grade}-${g.subject}`,
    grade: g.grade,
    subject: g.subject,
    leader_teacher_id: g.leader_teacher_id,
    daily_budget: g.daily_budget ?? undefined,
    fresh: false,
  }
}

/// A school's homework settings: the approval switch and the subject groups (leader, daily budget), saved
/// row by row. The school comes from the caller's scope (the one school of a school administrator).
export function useSchoolSettings() {
  const { t } = useI18n()
  const schools = shallowRef<School[]>([])
  const schoolId = ref<number | null>(null)
  const school = computed(() => schools.value.find((s) => s.id === schoolId.value) ?? null)
  const teachers = shallowRef<Teacher[]>([])
  const approvalRequired = ref(false)
  const rows = ref<GroupRow[]>([])
  const loaded = ref(false)
  const loading = ref(false)
  const error = ref<ApiError | null>(null)
  const errorMessage = computed(() => errorText(error.value))
  const forbidden = computed(() => error.value?.status === 403)
  const savingApproval = ref(false)
  const savingRow = ref<string | null>(null)
  let freshKey = 0

  async function loadSchools(): Promise<void> {
    try {
      schools.value = (await listSchools({ page: 1, page_size: 100 })).items
      schoolId.value = schools.value[0]?.id ?? null
      if (!schoolId.value) loaded.value = true
    } catch (e) {
      error.value = toApiError(e)
    }
  }

  async function load(): Promise<void> {
    const id = schoolId.value
    if (!id) return
    loading.value = true
    try {
      const [settings, staff] = await Promise.all([getSchoolSettings(id), listTeachers({ school_id: id, page: 1, page_size: 200 })])
      if (id !== schoolId.value) return
      approvalRequired.value = settings.approval_required
      rows.value = settings.groups.map(rowOf)
      teachers.value = staff.items
      error.value = null
      loaded.value = true
    } catch (e) {
      error.value = toApiError(e)
    } finally {
      loading.value = false
    }
  }

  watch(schoolId, () => void load())

  async function saveApproval(value: boolean): Promise<void> {
    const id = schoolId.value
    if (!id) return
    savingApproval.value = true
    try {
      approvalRequired.value = (await putSchoolSettings(id, value)).approval_required
      ElMessage({ type: 'success', message: t('homework.school.approvalSaved'), grouping: true })
    } catch (e) {
      approvalRequired.value = !value
      ElMessage({ type: 'error', message: errorText(toApiError(e)), grouping: true, showClose: true })
    } finally {
      savingApproval.value = false
    }
  }

  function addRow(): void {
    const grade = school.value?.grade_from ?? 1
    rows.value.push({ key: `new-${++freshKey}`, grade, subject: '', leader_teacher_id: null, daily_budget: undefined, fresh: true })
  }

  function removeFresh(key: string): void {
    rows.value = rows.value.filter((r) => r.key !== key)
  }

  async function saveRow(row: GroupRow): Promise<void> {
    const id = schoolId.value
    if (!id || !row.subject.trim()) return
    savingRow.value = row.key
    try {
      await putGroup(id, {
        grade: row.grade,
        subject: row.subject.trim(),
        leader_teacher_id: row.leader_teacher_id,
        daily_budget: row.daily_budget ?? null,
      })
      ElMessage({ type: 'success', message: t('homework.school.saved'), grouping: true })
      await load()
    } catch (e) {
      ElMessage({ type: 'error', message: errorText(toApiError(e)), grouping: true, showClose: true })
    } finally {
      savingRow.value = null
    }
  }

  void loadSchools()
  return {
    schools,
    schoolId,
    school,
    teachers,
    approvalRequired,
    rows,
    loaded,
    loading,
    errorMessage,
    forbidden,
    savingApproval,
    savingRow,
    load,
    saveApproval,
    addRow,
    removeFresh,
    saveRow,
  }
}
