import { computed, ref, shallowRef, watch, type Ref } from 'vue'
import { issuePickupCode, type PickupCode } from '@/api/afterschoolOps'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'

/// 接送码 (POST children/{id}/pickup-code): today's 6-digit code for the gate, with the child's batch.
/// Only its hash is stored, so it is shown once: asking again makes a new code and the old one stops
/// working. Kept in memory only. A guardian who is not a registered pickup person gets 403
/// `afterschool.not_pickup_person` (`notPickupPerson`), with the school's instruction in its text.
export function usePickupCode(childId: Ref<number | undefined>) {
  const code = shallowRef<PickupCode | null>(null)
  const issuedAt = ref<number | null>(null)
  const busy = ref(false)
  const error = ref<ApiError | null>(null)
  const errorMessage = computed(() => errorText(error.value))
  const notPickupPerson = computed(() => error.value?.code === 'afterschool.not_pickup_person')
  /// The code in two groups of three, as read aloud at the gate.
  const digits = computed(() => (code.value ? `${code.value.code.slice(0, 3)} ${code.value.code.slice(3)}` : ''))

  async function issue(): Promise<void> {
    const id = childId.value
    if (id === undefined || busy.value) return
    busy.value = true
    try {
      const answer = await issuePickupCode(id)
      if (id !== childId.value) return
      code.value = answer
      issuedAt.value = Date.now()
      error.value = null
    } catch (e) {
      code.value = null
      error.value = toApiError(e)
    } finally {
      busy.value = false
    }
  }

  watch(childId, () => {
    code.value = null
    error.value = null
  })

  return { code, digits, issuedAt, busy, errorMessage, notPickupPerson, issue }
}
