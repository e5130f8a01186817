import { onMounted, ref, shallowRef, watch } from 'vue'
import { getSchool, listSchools, type School } from '@/api/org'

const OPTIONS = 50

/// The choices of a school picker: the first schools in scope, then those whose name contains what
/// is typed (`GET schools?q=`). The chosen school stays among the options even when a search
/// leaves it out, so its name stays shown. `only`: the scope holds exactly this one school
/// (a school's own staff), known after the first load.
export function useSchoolOptions(value: () => number | undefined) {
  const options = shallowRef<School[]>([])
  const loading = ref(false)
  const only = shallowRef<School | null>(null)
  let chosen: School | null = null
  let seq = 0

  function withChosen(list: School[]): School[] {
    return chosen && !list.some((s) => s.id === chosen?.id) ? [chosen, ...list] : list
  }

  async function search(q: string): Promise<void> {
    const mine = ++seq
    loading.value = true
    try {
      const page = await listSchools({ q: q.trim() || undefined, page: 1, page_size: OPTIONS })
      if (mine !== seq) return
      options.value = withChosen(page.items)
      if (!q.trim() && page.total === 1) only.value = page.items[0]
    } catch {
      // No list (no permission, network): the picker stays empty; the page says what failed.
      if (mine === seq) options.value = withChosen([])
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  /// A value set from outside (the address): make sure its name can be shown.
  async function remember(id: number | undefined): Promise<void> {
    if (id === undefined) {
      chosen = null
      return
    }
    chosen = options.value.find((s) => s.id === id) ?? chosen
    if (chosen?.id === id) return
    try {
      chosen = await getSchool(id)
      options.value = withChosen(options.value)
    } catch {
      chosen = null
    }
  }

  watch(value, (id) => void remember(id))
  onMounted(async () => {
    await search('')
    await remember(value())
  })

  return { options, loading, only, search }
}
