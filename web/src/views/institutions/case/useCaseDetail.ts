import { computed, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import {
  EVIDENCE_TYPES,
  MAX_EVIDENCE_BYTES,
  downloadEvidence,
  getCase,
  uploadEvidence,
  type CaseEvent,
  type Evidence,
  type InspectionCase,
} from '@/api/institutions'
import { useRouteRecord } from '@/composables/useRouteRecord'
import { useUserStore } from '@/stores/user'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'
import { saveBlob } from '@/utils/download'
import { caseIsOpen } from '../shared/format'

/// Why a file cannot be evidence before it is sent (the server checks the bytes again): the i18n key, or null.
export function evidenceProblem(file: Pick<File, 'type' | 'size'>): 'inst.evidence.badType' | 'inst.evidence.tooLarge' | null {
  if (!(EVIDENCE_TYPES as readonly string[]).includes(file.type)) return 'inst.evidence.badType'
  if (file.size > MAX_EVIDENCE_BYTES || file.size === 0) return 'inst.evidence.tooLarge'
  return null
}

/// 案件详情 (`/institutions/cases/:id`): the case with its history, evidence and decision; the step being
/// taken (the dialog); uploads and downloads of evidence. The buttons are the server's `allowed_events`
/// for the caller's role, so the page never offers a step the server would refuse for the state.
export function useCaseDetail() {
  const { t } = useI18n()
  const user = useUserStore()
  const page = useRouteRecord(getCase)
  const k = page.record
  /// The step whose dialog is open.
  const step = ref<CaseEvent | null>(null)
  const uploading = ref(false)
  const uploadError = ref<ApiError | string | null>(null)
  const uploadErrorText = computed(() => (typeof uploadError.value === 'string' ? uploadError.value : errorText(uploadError.value)))
  const downloading = ref<number | null>(null)

  const open = computed(() => (k.value ? caseIsOpen(k.value.state) : false))
  const canUpload = computed(() => open.value && user.hasPermi('institutions:inspection:update'))
  /// Uploaded files no step rests on yet: what a re-inspection can attach.
  const unattached = computed<Evidence[]>(() => k.value?.evidence.filter((e) => e.event_id === null) ?? [])

  function done(next: InspectionCase, event: CaseEvent): void {
    k.value = next
    ElMessage({ type: 'success', message: t('inst.case.done', { label: t(`inst.event.${event}`), state: t(`inst.state.${next.state}`) }) })
  }

  /// The case again without blanking the page (an open dialog stays): after a 409, the buttons follow the state.
  async function refresh(): Promise<void> {
    if (!k.value) return
    try {
      k.value = await getCase(k.value.id)
    } catch {
      // The page keeps what it shows; the dialog already says what went wrong.
    }
  }

  async function upload(file: File): Promise<void> {
    if (!k.value || uploading.value) return
    const problem = evidenceProblem(file)
    if (problem) {
      uploadError.value = t(problem, { name: file.name })
      return
    }
    uploadError.value = null
    uploading.value = true
    const caseId = k.value.id
    try {
      const added = await uploadEvidence(caseId, file)
      if (k.value?.id === caseId) k.value = { ...k.value, evidence: [...k.value.evidence, added] }
      ElMessage({ type: 'success', message: t('inst.evidence.uploaded', { name: added.file_name }) })
    } catch (e) {
      uploadError.value = toApiError(e)
    } finally {
      uploading.value = false
    }
  }

  async function download(e: Evidence): Promise<void> {
    if (downloading.value !== null) return
    downloading.value = e.id
    try {
      const { blob, filename } = await downloadEvidence(e)
      saveBlob(blob, filename)
    } catch (err) {
      ElMessage({ type: 'error', message: errorText(toApiError(err)), showClose: true })
    } finally {
      downloading.value = null
    }
  }

  return { ...page, k, step, open, canUpload, unattached, uploading, uploadErrorText, downloading, done, refresh, upload, download }
}
