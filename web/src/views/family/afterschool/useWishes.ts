import { computed, ref, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { putWishes, type Window } from '@/api/afterschool'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'

/// 志愿: the ranked list a guardian builds for an open lottery window — add a section, move it up or
/// down, remove it, then submit (PUT wishes replaces the saved list). Up to the window's
/// `max_wishes`; the draft starts from the saved wishes and follows them when the offer reloads.
export function useWishes(
  childId: Ref<number | undefined>,
  window: Ref<Window | null>,
  saved: Ref<readonly number[]>,
  refresh: () => Promise<void>,
) {
  const { t } = useI18n()
  const draft = ref<number[]>([])
  const saving = ref(false)
  const error = ref<ApiError | null>(null)
  const errorMessage = computed(() => errorText(error.value))
  const max = computed(() => window.value?.max_wishes ?? 0)
  const full = computed(() => draft.value.length >= max.value)
  const dirty = computed(() => draft.value.join(',') !== saved.value.join(','))

  watch(saved, (ids) => (draft.value = [...ids]), { immediate: true })

  function add(sectionId: number): void {
    if (full.value || draft.value.includes(sectionId)) return
    draft.value = [...draft.value, sectionId]
  }

  function remove(sectionId: number): void {
    draft.value = draft.value.filter((id) => id !== sectionId)
  }

  function move(index: number, by: -1 | 1): void {
    const to = index + by
    if (to < 0 || to >= draft.value.length) return
    const next = [...draft.value]
    ;[next[index], next[to]] = [next[to], next[index]]
    draft.value = next
  }

  function reset(): void {
    draft.value = [...saved.value]
    error.value = null
  }

  async function submit(): Promise<void> {
    if (saving.value || childId.value === undefined || !window.value) return
    saving.value = true
    try {
      draft.value = await putWishes(childId.value, window.value.id, draft.value)
      error.value = null
      ElMessage({ type: 'success', message: t('afterschool.wishes.saved', { n: draft.value.length }), grouping: true })
      await refresh()
    } catch (e) {
      error.value = toApiError(e)
    } finally {
      saving.value = false
    }
  }

  return { draft, saving, errorMessage, max, full, dirty, add, remove, move, reset, submit }
}
