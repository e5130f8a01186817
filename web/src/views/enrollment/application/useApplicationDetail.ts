import { computed, ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import {
  getApplication,
  rejectApplication,
  reviewSource,
  type Application,
  type ApplicationSource,
  type Department,
} from '@/api/enrollment'
import { useRouteRecord } from '@/composables/useRouteRecord'
import { useUserStore } from '@/stores/user'

/// A reviewer's view of one application: the dossier, each source's state, the papers, and the decisions
/// (accept a source with its fields, return it with a note, reject the whole application).
export function useApplicationDetail() {
  const { t } = useI18n()
  const user = useUserStore()
  const r = useRouteRecord(getApplication)
  const app = r.record
  const accepting = shallowRef<ApplicationSource | null>(null)
  const returning = shallowRef<ApplicationSource | null>(null)
  const rejecting = ref(false)

  const canReview = computed(() => user.hasPermi('enrollment:review:create'))
  const open = computed(() => !!app.value && ['awaiting_upload', 'in_review'].includes(app.value.status))
  /// A source a reviewer can decide on: papers sent, or the departments disagreeing; not yet accepted.
  const reviewable = (s: ApplicationSource) =>
    canReview.value && open.value && (s.uploads.length > 0 || s.status === 'mismatch') && s.review?.decision !== 'accepted'
  const factsOf = (d: Department) => app.value?.facts.filter((f) => f.department === d) ?? []

  function set(a: Application): void {
    app.value = a
  }
  function accepted(a: Application): void {
    set(a)
    ElMessage({ type: 'success', message: t('enrollment.review.acceptedDone') })
  }
  async function returnSource(note: string): Promise<void> {
    if (!app.value || !returning.value) return
    set(await reviewSource(app.value.id, { department: returning.value.department, decision: 'returned', note }))
    ElMessage({ type: 'success', message: t('enrollment.review.returnedDone') })
  }
  async function reject(note: string): Promise<void> {
    if (!app.value) return
    set(await rejectApplication(app.value.id, note))
    ElMessage({ type: 'success', message: t('enrollment.review.rejectedDone') })
  }

  return { ...r, app, accepting, returning, rejecting, canReview, open, reviewable, factsOf, accepted, returnSource, reject }
}
