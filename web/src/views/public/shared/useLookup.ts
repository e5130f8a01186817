import { ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { lookupInstitutions, type PublicInstitution } from '@/api/complaints'
import { errorText, toApiError } from '@/utils/apiError'

/// What the look-up accepts: two characters of a name or a credit code, spaces ignored (as the server does).
export function lookupQuery(text: string): string | null {
  const q = text.replace(/\s+/g, '')
  return [...q].length >= 2 ? q : null
}

/// The public look-up (名称或信用代码 → at most 20 institutions): the answers, the query they answer, and why
/// a search failed — too short, too many searches from here (429), or the server's own words.
export function useLookup() {
  const { t } = useI18n()
  const items = shallowRef<PublicInstitution[]>([])
  /// The query of the answers on screen; null before the first search.
  const searched = ref<string | null>(null)
  const loading = ref(false)
  const error = ref('')
  let seq = 0

  async function search(text: string): Promise<boolean> {
    const q = lookupQuery(text)
    if (!q) {
      error.value = t('pub.lookup.tooShort')
      return false
    }
    const mine = ++seq
    error.value = ''
    loading.value = true
    try {
      const found = await lookupInstitutions(q)
      if (mine !== seq) return false
      items.value = found
      searched.value = q
      return true
    } catch (e) {
      if (mine !== seq) return false
      const err = toApiError(e)
      error.value = err.status === 429 ? t('pub.lookup.tooMany') : errorText(err)
      return false
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  function clear(): void {
    seq++
    items.value = []
    searched.value = null
    error.value = ''
    loading.value = false
  }

  return { items, searched, loading, error, search, clear }
}
