import { computed, ref, shallowRef, watch, type Ref } from 'vue'
import { getStatement, type Statement } from '@/api/afterschoolOps'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'
import { currentSemester } from '@/views/afterschool/shared/semester'

/// 收费单 (GET children/{id}/statement): a child's fees for a semester — per course the class hours
/// actually taken × its rate, the gross, what is due after the month and semester caps, the hardship
/// waiver and the server's notes. The current semester unless another is chosen.
export function useStatement(childId: Ref<number | undefined>) {
  const semester = ref(currentSemester())
  const statement = shallowRef<Statement | null>(null)
  const loading = ref(false)
  const error = ref<ApiError | null>(null)
  const errorMessage = computed(() => errorText(error.value))
  /// The caps took something off (and nothing was waived).
  const capped = computed(() => !!statement.value && !statement.value.waived && statement.value.due_fen < statement.value.gross_fen)

  let seq = 0
  async function load(): Promise<void> {
    const id = childId.value
    if (id === undefined) return
    const mine = ++seq
    loading.value = true
    try {
      const answer = await getStatement(id, semester.value)
      if (mine !== seq) return
      statement.value = answer
      error.value = null
    } catch (e) {
      if (mine !== seq) return
      statement.value = null
      error.value = toApiError(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  watch([childId, semester], load, { immediate: true })

  return { semester, statement, capped, loading, errorMessage, reload: load }
}
