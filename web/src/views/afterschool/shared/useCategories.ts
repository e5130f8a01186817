import { onMounted, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { listCategories, type Category } from '@/api/afterschool'

/// The course categories (GET categories), named in the UI language; the server's Chinese name
/// (`fallback`) stands in until they are loaded or for a code it does not list.
export function useCategories() {
  const { locale } = useI18n()
  const categories = shallowRef<Category[]>([])
  function categoryName(code: string, fallback = ''): string {
    const c = categories.value.find((x) => x.code === code)
    if (!c) return fallback || code
    return locale.value === 'en' ? c.name_en || c.name : c.name
  }
  onMounted(async () => {
    try {
      categories.value = await listCategories()
    } catch {
      // Names then come from the courses themselves.
    }
  })
  return { categories, categoryName }
}
