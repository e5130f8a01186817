import { computed, ref, shallowRef, watch } from 'vue'
import { getCalendar, type CalendarDay, type CalendarView, type DayKind } from '@/api/institutionsOps'
import { useUserStore } from '@/stores/user'
import { type ApiError, errorText, toApiError } from '@/utils/apiError'
import { useUnits } from '@/views/org/schools/useSchools'
import { todayText } from '../shared/format'
import { runsOf } from './dates'

/// The unit code at the end of a scope path: /370800/370811/ → 370811.
function scopeUnit(scopePath: string | undefined): string {
  return (scopePath ?? '').split('/').filter(Boolean).pop() ?? ''
}

/// Consecutive days grouped into runs, days of different names apart; each run with its name.
function namedRuns(days: readonly CalendarDay[]): { from: string; to: string; days: number; name: string }[] {
  const byName = new Map<string, string[]>()
  for (const d of days) byName.set(d.name, [...(byName.get(d.name) ?? []), d.date])
  return [...byName].flatMap(([name, dates]) => runsOf(dates).map((r) => ({ ...r, name }))).sort((a, b) => a.from.localeCompare(b.from))
}

/// 节假日与寒暑假 (`/institutions/calendar`): the State Council's arrangement as the city keeps it
/// (holidays, 调休 working days) and a county's school vacations, for one year at a time. The city bureau
/// sets a day; a county bureau replaces its own vacations (an empty list: the city's defaults).
export function useCalendar() {
  const user = useUserStore()
  const units = useUnits()
  const own = scopeUnit(user.user?.scope_path)
  /// The unit whose vacations are shown: a county user's own county, the city for the city bureau.
  const unitCode = ref(own)
  const year = ref(Number(todayText().slice(0, 4)))
  const view = shallowRef<CalendarView | null>(null)
  const loading = ref(false)
  const error = ref<ApiError | null>(null)
  const forbidden = computed(() => error.value?.status === 403)
  const errorMessage = computed(() => errorText(error.value))

  /// The city bureau alone keeps the holiday arrangement (the server refuses anyone else).
  const canSetDay = computed(() => user.user?.role === 'city_admin' && user.hasPermi('institutions:calendar:update'))
  /// A county bureau edits its own county's vacations.
  const canEditVacations = computed(
    () => user.hasPermi('institutions:vacation:update') && unitCode.value !== '' && unitCode.value === own && user.user?.role !== 'city_admin',
  )
  /// The city and its counties to choose from (only for those who may read the unit tree and see more than one).
  const choices = computed(() => units.units.value)
  const unitName = computed(() => {
    const u = units.units.value.find((x) => x.code === unitCode.value)
    return u ? units.unitLabel(u) : unitCode.value
  })

  const kinds = computed(() => new Map<string, DayKind>((view.value?.days ?? []).map((d) => [d.date, d.kind])))
  /// The day's name (国庆节…) where the city gave one.
  const names = computed(() => new Map<string, string>((view.value?.days ?? []).filter((d) => d.name).map((d) => [d.date, d.name])))
  const inYear = (d: string) => d.startsWith(`${year.value}-`)
  const ofYear = (kind: DayKind) => (view.value?.days ?? []).filter((d) => d.kind === kind && inYear(d.date))
  /// The year's holidays, a run of consecutive days of one name a line.
  const holidayRuns = computed(() => namedRuns(ofYear('holiday')))
  const workdays = computed(() => [...ofYear('workday')].sort((a, b) => a.date.localeCompare(b.date)))
  /// Vacations that touch the year shown.
  const vacations = computed(() =>
    (view.value?.vacations ?? []).filter((v) => v.from <= `${year.value}-12-31` && v.to >= `${year.value}-01-01`),
  )
  const years = computed(() => {
    const set = new Set<number>([year.value - 1, year.value, year.value + 1])
    for (const d of view.value?.days ?? []) set.add(Number(d.date.slice(0, 4)))
    return [...set].sort()
  })

  let seq = 0
  async function load(): Promise<void> {
    if (!unitCode.value) return
    const mine = ++seq
    loading.value = true
    try {
      const answer = await getCalendar(unitCode.value)
      if (mine !== seq) return
      view.value = answer
      error.value = null
    } catch (e) {
      if (mine !== seq) return
      view.value = null
      error.value = toApiError(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }
  watch(unitCode, load, { immediate: true })

  /// The calendar after a write (the vacations' answer is the county's calendar).
  function replaced(v: CalendarView): void {
    view.value = v
  }

  return {
    unitCode,
    unitName,
    choices,
    unitLabel: units.unitLabel,
    year,
    years,
    view,
    kinds,
    names,
    holidayRuns,
    workdays,
    vacations,
    loading,
    forbidden,
    errorMessage,
    canSetDay,
    canEditVacations,
    load,
    replaced,
  }
}
