import { computed, onMounted, shallowRef } from 'vue'
import { useRouter } from 'vue-router'
import { useI18n } from 'vue-i18n'
import { listSchools, listUnits, type School, type Stage, type Unit } from '@/api/org'
import { queryText, usePagedList } from '@/composables/usePagedList'
import { useUserStore } from '@/stores/user'

export const STAGES: readonly Stage[] = ['primary', 'junior_middle', 'nine_year']

export interface SchoolFilters {
  [key: string]: string | number | undefined
  unit_code: string
  /// part of the name
  q: string
  stage: Stage | ''
}

export interface UnitNode {
  code: string
  label: string
  kind: string
  children: UnitNode[]
}

/// The units in scope as a tree: the city, its county-level units and functional zones. A unit
/// whose parent is outside the scope (a county bureau's own county) is a root.
export function unitTree(units: readonly Unit[], label: (u: Unit) => string): UnitNode[] {
  const nodes = new Map(units.map((u) => [u.code, { code: u.code, label: label(u), kind: u.kind, children: [] as UnitNode[] }]))
  const roots: UnitNode[] = []
  for (const u of units) {
    const node = nodes.get(u.code) as UnitNode
    const parent = nodes.get(u.parent_code)
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  return roots
}

/// The units of the user's scope (`GET units`, for roles with `org:unit:read`; a school's own staff
/// have none), named in the UI language.
export function useUnits() {
  const { locale } = useI18n()
  const user = useUserStore()
  const units = shallowRef<Unit[]>([])
  const unitLabel = (u: Unit): string => (locale.value === 'en' ? u.name_en || u.name : u.name)
  const tree = computed(() => unitTree(units.value, unitLabel))
  /// The units a school can belong to (not the city itself).
  const countyUnits = computed(() => units.value.filter((u) => u.kind !== 'city'))
  function unitName(code: string): string {
    const u = units.value.find((x) => x.code === code)
    return u ? unitLabel(u) : code
  }
  onMounted(async () => {
    if (!user.hasPermi('org:unit:read')) return
    try {
      units.value = await listUnits()
    } catch {
      // Without units the page lists schools without the tree.
    }
  })
  return { units, tree, countyUnits, unitLabel, unitName }
}

/// 学校: the unit tree (left), the filtered, paged schools of the chosen unit (right).
export function useSchools() {
  const router = useRouter()
  const unitsState = useUnits()
  const list = usePagedList<School, SchoolFilters>({
    empty: () => ({ unit_code: '', q: '', stage: '' }),
    fetch: (f, paging) =>
      listSchools({ unit_code: f.unit_code, q: f.q.trim(), stage: f.stage || undefined, ...paging }),
    query: {
      keys: ['unit_code', 'q', 'stage'],
      read: (q) => {
        const stage = queryText(q, 'stage') as Stage
        return { unit_code: queryText(q, 'unit_code'), q: queryText(q, 'q'), stage: STAGES.includes(stage) ? stage : '' }
      },
    },
  })

  /// A unit chosen in the tree; the city (a root without a school of its own) means every unit.
  function selectUnit(code: string): void {
    const unit = unitsState.units.value.find((u) => u.code === code)
    list.filters.unit_code = unit?.kind === 'city' ? '' : code
    list.search()
  }

  function open(row: School): void {
    void router.push(`/org/schools/${row.id}`)
  }

  return { ...unitsState, ...list, selectUnit, open }
}
