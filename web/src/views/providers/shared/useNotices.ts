import { computed, onMounted, ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { listNotices, type ExitNotice } from '@/api/providers'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'

/// 退出通知 the caller may read (a school's, a family's children's, a county's), newest first, and each one's text in
/// the UI language.
export function useNotices() {
  const { locale } = useI18n()
  const items = shallowRef<ExitNotice[]>([])
  const loaded = ref(false)
  const loading = ref(false)
  const error = ref<ApiError | null>(null)
  const forbidden = computed(() => error.value?.status === 403)
  const errorMessage = computed(() => errorText(error.value))
  const textOf = (n: ExitNotice) => (locale.value === 'en' ? n.text_en || n.text_zh : n.text_zh || n.text_en)

  async function load(): Promise<void> {
    loading.value = true
    try {
      const list = await listNotices()
      items.value = [...list].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.id - a.id))
      error.value = null
    } catch (e) {
      items.value = []
      error.value = toApiError(e)
    } finally {
      loading.value = false
      loaded.value = true
    }
  }
  onMounted(load)
  return { items, loaded, loading, forbidden, errorMessage, textOf, load }
}
