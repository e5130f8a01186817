import { computed, onMounted, ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, ElMessageBox } from 'element-plus'
import { joinSection, leaveSeat, listSectionSeats, type Section, type Seat } from '@/api/afterschool'
import { listStudents, type Student } from '@/api/org'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'
import { todayText } from '../shared/format'

/// One section's roster (GET sections/{id}/seats: confirmed seats, then the waitlist in order) and the
/// school's mid-term changes (RULES R1.8c): a pupil of the school joins from a date, a pupil leaves from
/// a date (the waitlist moves up). `date` is the date both use, today by default.
export function useSectionSeats(section: Section, schoolId: number, onChanged: () => void) {
  const { t } = useI18n()
  const seats = shallowRef<Seat[]>([])
  const loading = ref(true)
  const error = ref<ApiError | null>(null)
  const errorMessage = computed(() => errorText(error.value))
  const date = ref(todayText())
  const studentId = ref<number | undefined>()
  const studentOptions = shallowRef<Student[]>([])
  const searching = ref(false)
  const joining = ref(false)
  const joinError = ref<ApiError | null>(null)
  const joinErrorText = computed(() => errorText(joinError.value))
  const confirmed = computed(() => seats.value.filter((s) => s.status === 'confirmed'))
  const waitlist = computed(() => seats.value.filter((s) => s.status === 'waitlisted'))

  async function load(): Promise<void> {
    loading.value = true
    try {
      seats.value = await listSectionSeats(section.id)
      error.value = null
    } catch (e) {
      error.value = toApiError(e)
    } finally {
      loading.value = false
    }
  }

  /// Pupils of the school whose name starts with what is typed.
  async function searchStudents(q: string): Promise<void> {
    searching.value = true
    try {
      studentOptions.value = (await listStudents({ school_id: schoolId, name: q.trim() || undefined, page: 1, page_size: 20 })).items
    } catch {
      studentOptions.value = []
    } finally {
      searching.value = false
    }
  }

  async function join(): Promise<void> {
    if (joining.value || !studentId.value || !date.value) return
    joining.value = true
    try {
      const seat = await joinSection(section.id, studentId.value, date.value)
      joinError.value = null
      studentId.value = undefined
      ElMessage({ type: 'success', message: t('afterschool.roster.joined', { name: seat.student_name }) })
      await load()
      onChanged()
    } catch (e) {
      joinError.value = toApiError(e)
    } finally {
      joining.value = false
    }
  }

  async function leave(seat: Seat): Promise<void> {
    try {
      await ElMessageBox.confirm(t('afterschool.roster.leaveConfirm', { name: seat.student_name, date: date.value }), t('afterschool.roster.leave'), {
        type: 'warning',
        confirmButtonText: t('afterschool.roster.leave'),
        cancelButtonText: t('org.cancel'),
      })
    } catch {
      return
    }
    try {
      await leaveSeat(seat.id, date.value)
      ElMessage({ type: 'success', message: t('afterschool.roster.left', { name: seat.student_name }) })
      await load()
      onChanged()
    } catch (e) {
      ElMessage({ type: 'error', message: errorText(toApiError(e)), showClose: true })
    }
  }

  onMounted(load)

  return {
    seats,
    confirmed,
    waitlist,
    loading,
    errorMessage,
    date,
    studentId,
    studentOptions,
    searching,
    joining,
    joinErrorText,
    searchStudents,
    join,
    leave,
  }
}
