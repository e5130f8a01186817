import { computed, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, ElMessageBox } from 'element-plus'
import {
  createAppeal,
  getApplication,
  uploadEvidence,
  withdrawApplication,
  type Application,
  type Department,
} from '@/api/enrollment'
import { useRouteRecord } from '@/composables/useRouteRecord'
import { errorText, toApiError } from '@/utils/apiError'

/// 8 MiB: the server's limit for one file (docs/enrollment.md).
export const MAX_UPLOAD = 8 * 1024 * 1024
const ACCEPTED = /^(image\/(jpeg|png)|application\/pdf)$/

/// The family's application: the dossier's sources, the papers they send for a failed one, withdraw, appeal.
export function useFamilyApplication() {
  const { t } = useI18n()
  const r = useRouteRecord(getApplication)
  const app = r.record
  const uploading = ref<Department | null>(null)
  const withdrawing = ref(false)
  const appealing = ref(false)

  const factsOf = (d: Department) => app.value?.facts.filter((f) => f.department === d) ?? []
  const declared = computed(() => app.value?.facts.filter((f) => !f.department) ?? [])
  const pending = computed(() => app.value?.sources.filter((s) => s.needs_upload && !s.uploads.length).length ?? 0)
  /// Until the admission run (docs: "A guardian may withdraw until the run").
  const canWithdraw = computed(
    () => !!app.value && app.value.status !== 'withdrawn' && !app.value.season.run_at && app.value.season.status !== 'published',
  )
  const canAppeal = computed(() => {
    const a = app.value
    if (!a || a.appeals.some((x) => x.status === 'open')) return false
    return a.status === 'rejected' || a.season.status === 'published'
  })

  function set(a: Application): void {
    app.value = a
  }

  async function upload(department: Department, file: File): Promise<void> {
    if (!ACCEPTED.test(file.type)) {
      ElMessage({ type: 'error', message: t('enrollment.family.badType'), showClose: true })
      return
    }
    if (file.size > MAX_UPLOAD) {
      ElMessage({ type: 'error', message: t('enrollment.family.tooBig'), showClose: true })
      return
    }
    if (!app.value) return
    uploading.value = department
    try {
      set(await uploadEvidence(app.value.id, department, file))
      ElMessage({ type: 'success', message: t('enrollment.family.uploaded'), grouping: true })
    } catch (e) {
      ElMessage({ type: 'error', message: errorText(toApiError(e)), showClose: true })
    } finally {
      uploading.value = null
    }
  }

  async function withdraw(): Promise<void> {
    if (!app.value) return
    try {
      await ElMessageBox.confirm(t('enrollment.family.withdrawAsk'), t('enrollment.family.withdraw'), {
        confirmButtonText: t('enrollment.family.withdraw'),
        cancelButtonText: t('enrollment.cancel'),
        type: 'warning',
      })
    } catch {
      return
    }
    withdrawing.value = true
    try {
      set(await withdrawApplication(app.value.id))
      ElMessage({ type: 'success', message: t('enrollment.family.withdrawn') })
    } catch (e) {
      ElMessage({ type: 'error', message: errorText(toApiError(e)), showClose: true })
    } finally {
      withdrawing.value = false
    }
  }

  async function appeal(reason: string): Promise<void> {
    if (!app.value) return
    await createAppeal(app.value.id, reason)
    ElMessage({ type: 'success', message: t('enrollment.family.appealed') })
    set(await getApplication(app.value.id))
  }

  return { ...r, app, uploading, withdrawing, appealing, factsOf, declared, pending, canWithdraw, canAppeal, upload, withdraw, appeal }
}
