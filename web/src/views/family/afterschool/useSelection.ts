import { reactive, ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, ElMessageBox } from 'element-plus'
import { dropSeat, selectSection, type Seat } from '@/api/afterschool'
import { errorText, toApiError } from '@/utils/apiError'
import type { SectionRef } from './useFamilyAfterschool'
import { sectionTime } from '@/views/afterschool/shared/format'

/// Whether a failed request may have reached the server (no answer, a time-out or a 5xx): then the
/// same intent is retried with the same idempotency key, so it can never take a second seat.
function unanswered(status: number): boolean {
  return status === 0 || status >= 500
}

/// 实时选课: take a seat (after a confirmation), join the waitlist when the section is full, give a
/// seat up. Each intent — this child, this section, seat or waitlist — gets one idempotency key
/// (crypto.randomUUID), kept until the server has answered it, so a retry after a time-out or a lost
/// connection resends the same key and the server answers the first request's result; a new intent
/// (another section, or the same one after a drop) gets a new key. `consentRefused` is set when the
/// server asks for the after-school consent first. `schoolId` (the child's school) goes with each
/// request as the routing key of a multi-process deployment (docs/scaling.md).
export function useSelection(
  childId: Ref<number | undefined>,
  refresh: () => Promise<void>,
  schoolId?: Ref<number | undefined>,
) {
  const { t } = useI18n()
  /// `${child}:${section}:${seat|waitlist}` → the key of an intent not yet answered.
  const pending = new Map<string, string>()
  /// Section or seat ids whose request is under way.
  const busy = reactive<Record<string, boolean>>({})
  const consentRefused = ref(false)

  function keyFor(intent: string): string {
    let key = pending.get(intent)
    if (!key) {
      key = crypto.randomUUID()
      pending.set(intent, key)
    }
    return key
  }

  async function confirm(message: string, title: string, ok: string): Promise<boolean> {
    try {
      await ElMessageBox.confirm(message, title, {
        confirmButtonText: ok,
        cancelButtonText: t('org.cancel'),
        type: 'info',
        customClass: 'as-confirm',
      })
      return true
    } catch {
      return false
    }
  }

  /// One selection request for an intent; resolves to the refusal code ('' when taken or waitlisted).
  async function send(target: SectionRef, joinWaitlist: boolean): Promise<string | null> {
    const child = childId.value as number
    const intent = `${child}:${target.section.id}:${joinWaitlist ? 'waitlist' : 'seat'}`
    try {
      const answer = await selectSection(
        child,
        { section_id: target.section.id, idempotency_key: keyFor(intent), join_waitlist: joinWaitlist },
        schoolId?.value ?? target.course.school_id,
      )
      pending.delete(intent)
      const message =
        answer.status === 'confirmed'
          ? t('afterschool.family.selected', { course: target.course.title })
          : t('afterschool.family.waitlisted', { course: target.course.title, no: answer.waitlist_position })
      ElMessage({ type: 'success', message, grouping: true })
      return null
    } catch (e) {
      const err = toApiError(e)
      // Unanswered: keep the key, so pressing again is a retry of the same request.
      if (!unanswered(err.status)) pending.delete(intent)
      if (err.code === 'afterschool.consent_required') consentRefused.value = true
      if (err.code === 'afterschool.section_full' && !joinWaitlist) return err.code
      ElMessage({
        type: 'error',
        message: unanswered(err.status) ? t('afterschool.family.retryHint', { reason: errorText(err) }) : errorText(err),
        grouping: true,
        showClose: true,
        duration: 6000,
      })
      return err.code ?? 'failed'
    }
  }

  async function select(target: SectionRef): Promise<void> {
    const id = `section-${target.section.id}`
    if (busy[id] || childId.value === undefined) return
    const time = sectionTime(target.section)
    const offerWaitlist = () =>
      confirm(
        t('afterschool.family.fullOffer', { course: target.course.title, time }),
        t('afterschool.family.full'),
        t('afterschool.family.joinWaitlist'),
      )
    // A section shown full goes straight to the waitlist offer; one that filled up meanwhile is
    // refused by the server first (section_full), and then offered.
    const full = target.section.seats_left <= 0
    const asked = full
      ? await offerWaitlist()
      : await confirm(t('afterschool.family.selectConfirm', { course: target.course.title, time }), t('afterschool.family.select'), t('afterschool.family.select'))
    if (!asked) return
    busy[id] = true
    try {
      if (full) {
        await send(target, true)
      } else if ((await send(target, false)) === 'afterschool.section_full') {
        if (await offerWaitlist()) await send(target, true)
      }
      await refresh()
    } finally {
      busy[id] = false
    }
  }

  async function drop(seat: Seat, title: string): Promise<void> {
    const id = `seat-${seat.id}`
    if (busy[id] || childId.value === undefined) return
    const message = t(seat.status === 'waitlisted' ? 'afterschool.family.leaveWaitlistConfirm' : 'afterschool.family.dropConfirm', {
      course: title,
    })
    if (!(await confirm(message, t('afterschool.family.drop'), t('afterschool.family.drop')))) return
    busy[id] = true
    try {
      await dropSeat(childId.value, seat.id, schoolId?.value)
      ElMessage({ type: 'success', message: t('afterschool.family.dropped', { course: title }), grouping: true })
      await refresh()
    } catch (e) {
      ElMessage({ type: 'error', message: errorText(toApiError(e)), grouping: true, showClose: true })
    } finally {
      busy[id] = false
    }
  }

  return { busy, consentRefused, select, drop }
}
