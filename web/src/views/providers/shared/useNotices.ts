import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { listNotices, type ExitNotice } from '@/api/providers'
import { useLoaded } from '@/composables/useLoaded'

/// 退出通知 the caller may read (a school's, a family's children's, a county's), newest first, and each one's text in
/// the UI language.
export function useNotices() {
  const { locale } = useI18n()
  const newestFirst = async (): Promise<ExitNotice[]> =>
    [...(await listNotices())].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.id - a.id))
  const { data: items, loaded, loading, error, failure: errorMessage, load } = useLoaded(newestFirst, [], { clearOnError: true })
  const forbidden = computed(() => error.value?.status === 403)
  const textOf = (n: ExitNotice) => (locale.value === 'en' ? n.text_en || n.text_zh : n.text_zh || n.text_en)
  return { items, loaded, loading, forbidden, errorMessage, textOf, load }
}
