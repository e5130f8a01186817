import { computed, ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessageBox } from 'element-plus'
import { getStudent, listGuardians, revealIdNumber, type Student } from '@/api/org'
import { useRelatedList, useRouteRecord } from '@/composables/useRouteRecord'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'

/// One student (`/org/students/:id`): the record with masked numbers, the guardians, and for
/// `org:pii:reveal` the full identity number after a confirmation that the view is logged.
export function useStudentDetail() {
  const { t } = useI18n()
  const guardians = useRelatedList(listGuardians)
  const page = useRouteRecord(getStudent, guardians.load)
  const { id, record: student } = page
  /// The full number once revealed; forgotten when another student is shown or the record changes.
  const fullId = ref('')
  const revealing = ref(false)
  const revealError = ref<ApiError | null>(null)
  const revealErrorText = computed(() => errorText(revealError.value))

  // Another student (or leaving the page): the full number is not kept.
  watch(id, () => {
    fullId.value = ''
    revealError.value = null
  })

  async function reveal(): Promise<void> {
    if (revealing.value || !student.value) return
    try {
      await ElMessageBox.confirm(t('org.reveal.confirm', { name: student.value.name }), t('org.reveal.title'), {
        type: 'warning',
        confirmButtonText: t('org.reveal.ok'),
        cancelButtonText: t('org.cancel'),
        customClass: 'reveal-confirm',
      })
    } catch {
      return // cancelled
    }
    revealing.value = true
    try {
      fullId.value = await revealIdNumber(id.value)
      revealError.value = null
    } catch (e) {
      revealError.value = toApiError(e)
    } finally {
      revealing.value = false
    }
  }

  function hide(): void {
    fullId.value = ''
  }

  function replaced(s: Student): void {
    student.value = s
    fullId.value = ''
  }

  return {
    ...page,
    student,
    guardians: guardians.items,
    guardianErrorText: guardians.errorMessage,
    loadGuardians: () => guardians.load(id.value),
    fullId,
    revealing,
    revealErrorText,
    reveal,
    hide,
    replaced,
  }
}
