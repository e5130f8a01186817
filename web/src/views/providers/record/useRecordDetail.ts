import { computed, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { getRecord, recordEvent, type ExitReason, type RecordDetail, type RecordEvent, type SpotCheck } from '@/api/providers'
import { useRouteRecord } from '@/composables/useRouteRecord'
import { useUserStore } from '@/stores/user'

/// The moves that ask for a written reason (reject and suspend must have one; admit and reinstate may).
export type ReasonEvent = Exclude<RecordEvent, 'exit'>

/// One provider record: the application's facts, the history, the county's moves (those the server allows the
/// caller now), spot checks and school ratings, evaluations, courses, complaints.
export function useRecordDetail() {
  const { t } = useI18n()
  const user = useUserStore()
  const r = useRouteRecord(getRecord)
  const rec = r.record
  /// The move being confirmed: a reason dialog, or the exit dialog.
  const acting = ref<ReasonEvent | null>(null)
  const exiting = ref(false)
  const spotting = ref(false)
  const rating = ref(false)
  const tab = ref<'spot' | 'eval' | 'courses' | 'complaints'>('spot')

  const allowed = computed(() => rec.value?.allowed_events ?? [])
  const onList = computed(() => rec.value?.status === 'admitted' || rec.value?.status === 'suspended')
  const canSpot = computed(() => onList.value && user.hasPermi('providers:spot-check:create'))
  const canRate = computed(() => onList.value && user.user?.role === 'school_admin' && user.hasPermi('providers:school-rating:update'))

  function done(next: RecordDetail, event: RecordEvent): void {
    rec.value = next
    ElMessage({ type: 'success', message: t('providers.detail.eventDone', { event: t(`providers.event.${event}`), name: next.name }) })
  }

  async function act(reason: string): Promise<void> {
    const event = acting.value
    if (!rec.value || !event) return
    done(await recordEvent(rec.value.id, { event, ...(reason ? { reason } : {}) }), event)
  }

  async function exit(exitReason: ExitReason): Promise<void> {
    if (!rec.value) return
    done(await recordEvent(rec.value.id, { event: 'exit', exit_reason: exitReason }), 'exit')
  }

  function spotted(s: SpotCheck): void {
    if (!rec.value) return
    rec.value = { ...rec.value, spot_checks: [s, ...rec.value.spot_checks] }
    tab.value = 'spot'
  }

  return { ...r, rec, acting, exiting, spotting, rating, tab, allowed, canSpot, canRate, act, exit, spotted }
}
