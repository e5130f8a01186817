import { computed, onMounted, ref, shallowRef, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { getFeeStandard, listFeeStandards, type FeeStandard } from '@/api/afterschool'
import { listUnits, type Unit } from '@/api/org'
import { useUserStore } from '@/stores/user'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'
import { useSchoolSemester } from '../shared/useSchoolSemester'

export interface StandardRow {
  unit: Unit
  /// The standard in force: the unit's own, or the city's (`inherited`); null when neither exists.
  standard: FeeStandard | null
}

/// 收费标准 of a semester, one row per unit of the caller's scope (the city and its counties): what is in
/// force for each — its own, the city's it inherits, or none. A unit the caller's scope covers can be
/// given its own (PUT); the server checks the provincial caps (RULES R2.1, R2.2).
export function useFeeStandards() {
  const { locale } = useI18n()
  const user = useUserStore()
  const { semester } = useSchoolSemester({ withSchool: false })
  const units = shallowRef<Unit[]>([])
  const rows = shallowRef<StandardRow[]>([])
  const loading = ref(false)
  const error = ref<ApiError | null>(null)
  const forbidden = computed(() => error.value?.status === 403)
  const errorMessage = computed(() => errorText(error.value))

  const unitLabel = (u: Unit): string => (locale.value === 'en' ? u.name_en || u.name : u.name)

  /// Whether the caller's scope (`/370800/370811/`) covers the unit: the scope's own unit or one below it.
  function covers(unit: Unit): boolean {
    const segments = user.user?.scope_path.split('/').filter(Boolean) ?? []
    const own = segments[segments.length - 1]
    for (let u: Unit | undefined = unit; u; u = units.value.find((x) => x.code === u?.parent_code)) {
      if (u.code === own) return true
    }
    return false
  }

  const editable = (unit: Unit) => user.hasPermi('afterschool:fee-standard:update') && covers(unit)

  let seq = 0
  async function load(): Promise<void> {
    const mine = ++seq
    loading.value = true
    try {
      if (units.value.length === 0) units.value = await listUnits()
      const own = new Map((await listFeeStandards(semester.value)).map((s) => [s.unit_code, s]))
      const list = await Promise.all(
        units.value.map(async (unit): Promise<StandardRow> => {
          const published = own.get(unit.code)
          if (published) return { unit, standard: published }
          // None of its own: the city's may apply (404 when there is none either).
          try {
            return { unit, standard: await getFeeStandard(unit.code, semester.value) }
          } catch {
            return { unit, standard: null }
          }
        }),
      )
      if (mine !== seq) return
      rows.value = list
      error.value = null
    } catch (e) {
      if (mine !== seq) return
      rows.value = []
      error.value = toApiError(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  watch(semester, load)
  onMounted(load)

  return { semester, rows, loading, forbidden, errorMessage, unitLabel, editable, load }
}
