import { computed, onMounted, reactive, ref, shallowRef, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute, useRouter } from 'vue-router'
import { ElMessage } from 'element-plus'
import {
  checkPlan,
  createPlan,
  getPlan,
  updatePlan,
  type ContentType,
  type PlanDetail,
  type PlanInput,
  type PlanStatus,
  type Problem,
} from '@/api/custody'
import { listSchools, listUnits, type School } from '@/api/org'
import { useUserStore } from '@/stores/user'
import { isEnglish } from '@/locales'
import { type ApiError, errorText, serverMessage, toApiError } from '@/utils/apiError'
import { toFen } from '../shared/format'

/// One period as the editor holds it: the fee in yuan as typed, or free (公益).
export interface PeriodRow {
  key: number
  name: string
  start_date: string
  end_date: string
  free: boolean
  fee_yuan: number | undefined
}

/// One site: `places[i]` is the capacity in the i-th period (empty or 0: closed that period).
export interface SiteRow {
  key: number
  host_school_id: number | undefined
  name: string
  served_schools: number[]
  places: (number | undefined)[]
  content: ContentType[]
  activities: { key: number; type: ContentType; title: string }[]
}

export interface PlanForm {
  unit_code: string
  year: number
  title: string
  periods: PeriodRow[]
  sites: SiteRow[]
}

/// A problem where the editor shows it: the form's field path, the capacity's index turned into the period's.
interface Marked {
  anchor: string
  text: string
}

const FIELD_ANCHORS = [
  /^(unit_code|year|title|periods|sites)$/,
  /^periods\[\d+\](\.(name|start_date|end_date|service_fee_fen))?$/,
  /^sites\[\d+\](\.(host_school_id|name|served_schools|content|activities|places))?$/,
  /^sites\[\d+\]\.places\[\d+\]$/,
  /^sites\[\d+\]\.activities\[\d+\](\.(type|title))?$/,
]
const isAnchor = (path: string) => FIELD_ANCHORS.some((re) => re.test(path))

/// `sites[0].served_schools[2]` → `sites[0].served_schools` → `sites[0]` → ''.
function parent(path: string): string {
  const m = path.match(/^(.*?)(\.[^.[\]]+|\[\d+\])$/)
  return m ? m[1] : ''
}

let nextKey = 1
const key = () => nextKey++

/// The summer of the year ahead: after August it is next year's.
export function defaultYear(): number {
  const now = new Date()
  return now.getMonth() >= 8 ? now.getFullYear() + 1 : now.getFullYear()
}

/// 托管方案编辑: a county's plan as rows of periods and cards of sites, checked by the server (POST /plans/check)
/// so every problem is marked on its field at once, then created (POST) or saved (PUT, drafts only).
export function usePlanEditor() {
  const { t } = useI18n()
  const route = useRoute()
  const router = useRouter()
  const user = useUserStore()
  const id = computed(() => (route.params.id ? Number(route.params.id) : null))
  const ownUnit = user.user?.scope_path.split('/').filter(Boolean)[1] ?? ''
  const form = reactive<PlanForm>({ unit_code: ownUnit, year: defaultYear(), title: '', periods: [], sites: [] })
  const schools = shallowRef<School[]>([])
  const countyName = ref('')
  const loading = ref(false)
  const loadError = ref<ApiError | null>(null)
  const status = ref<PlanStatus>('draft')
  const saving = ref(false)
  const checking = ref(false)
  /// The last check's problems (null: not checked yet) and a refusal of the save that names no field.
  const problems = shallowRef<Problem[] | null>(null)
  const failure = ref<ApiError | null>(null)
  /// Body index of each site's capacity entries → the period's index, from the last body sent.
  let capacityPeriods: number[][] = []

  const editable = computed(() => status.value === 'draft')
  const schoolName = (sid: number | undefined) => schools.value.find((s) => s.id === sid)?.name ?? ''

  function addPeriod(): void {
    const i = form.periods.length + 1
    // 第一期, 第二期 in Chinese (as the seed writes them); Period 1, Period 2 in English.
    const n = isEnglish() ? String(i) : ('一二三四五六七八九十'[i - 1] ?? String(i))
    form.periods.push({ key: key(), name: t('custody.editor.periodN', { n }), start_date: '', end_date: '', free: true, fee_yuan: undefined })
    for (const s of form.sites) s.places.push(s.places.find((p) => p) ?? undefined)
  }
  function removePeriod(i: number): void {
    form.periods.splice(i, 1)
    for (const s of form.sites) s.places.splice(i, 1)
  }
  function addSite(): void {
    form.sites.push({
      key: key(),
      host_school_id: undefined,
      name: '',
      served_schools: [],
      places: form.periods.map(() => 80),
      content: ['reading', 'homework_help', 'sport', 'art', 'games'],
      activities: [],
    })
  }
  function removeSite(i: number): void {
    form.sites.splice(i, 1)
  }
  /// Choosing the host school serves it and names the site after it.
  function hostChosen(site: SiteRow): void {
    const sid = site.host_school_id
    if (sid === undefined) return
    if (!site.served_schools.includes(sid)) site.served_schools = [sid, ...site.served_schools]
    if (!site.name.trim()) site.name = t('custody.editor.siteName', { school: schoolName(sid) })
  }
  function addActivity(site: SiteRow): void {
    site.activities.push({ key: key(), type: site.content[0] ?? 'reading', title: '' })
  }

  function body(): PlanInput {
    capacityPeriods = []
    return {
      unit_code: form.unit_code,
      year: form.year,
      title: form.title.trim(),
      periods: form.periods.map((p) => ({
        name: p.name.trim(),
        start_date: p.start_date ?? '',
        end_date: p.end_date ?? '',
        service_fee_fen: p.free ? null : toFen(p.fee_yuan ?? 0),
      })),
      sites: form.sites.map((s) => {
        const capacity: { period: number; places: number }[] = []
        const map: number[] = []
        s.places.forEach((places, i) => {
          if (places) {
            map.push(i)
            capacity.push({ period: i, places })
          }
        })
        capacityPeriods.push(map)
        return {
          host_school_id: s.host_school_id ?? 0,
          name: s.name.trim(),
          served_schools: [...s.served_schools],
          capacity,
          content: [...s.content],
          activities: s.activities.map((a) => ({ type: a.type, title: a.title.trim() })),
        }
      }),
    }
  }

  /// `sites[1].capacity[0].places` → `sites[1].places[<period index>]`, then up to the nearest field shown.
  function anchorOf(field: string | null | undefined): string {
    let path = (field ?? '').replace(/^sites\[(\d+)\]\.capacity\[(\d+)\](\.places)?/, (_whole, s: string, j: string) => {
      const p = capacityPeriods[Number(s)]?.[Number(j)]
      return p === undefined ? `sites[${s}].places` : `sites[${s}].places[${p}]`
    })
    path = path.replace(/^sites\[(\d+)\]\.capacity$/, 'sites[$1].places')
    while (path && !isAnchor(path)) path = parent(path)
    return path
  }

  const problemText = (p: Problem) => (isEnglish() ? p.message_en || p.message : p.message || p.message_en || '') ?? ''
  const marked = computed<Marked[]>(() => {
    const list: Marked[] = (problems.value ?? []).map((p) => ({ anchor: anchorOf(p.field), text: problemText(p) }))
    const f = failure.value
    if (f && (f.status === 422 || f.status === 409) && f.field) list.push({ anchor: anchorOf(f.field), text: serverMessage(f.payload) ?? f.message })
    return list
  })
  /// What to show under the field at `path` ('' for nothing).
  function errorAt(path: string): string {
    return marked.value
      .filter((m) => m.anchor === path)
      .map((m) => m.text)
      .join('；')
  }
  const general = computed(() => marked.value.filter((m) => m.anchor === '').map((m) => m.text))
  const failureText = computed(() => (failure.value && !(failure.value.field && [422, 409].includes(failure.value.status)) ? errorText(failure.value) : ''))
  const problemCount = computed(() => marked.value.length)

  async function check(): Promise<boolean> {
    checking.value = true
    try {
      problems.value = await checkPlan(body())
      failure.value = null
      return problems.value.length === 0
    } catch (e) {
      failure.value = toApiError(e)
      return false
    } finally {
      checking.value = false
    }
  }

  // The suggested title follows the year until the county writes its own.
  watch(
    () => form.year,
    (year, before) => {
      if (!id.value && form.title === t('custody.editor.defaultTitle', { year: before })) form.title = t('custody.editor.defaultTitle', { year })
    },
  )

  // Once checked, every edit is checked again (a moment after the typing stops), so marks go as they are fixed.
  let timer: ReturnType<typeof setTimeout> | undefined
  watch(
    form,
    () => {
      if (problems.value === null || !editable.value) return
      clearTimeout(timer)
      timer = setTimeout(() => void check(), 500)
    },
    { deep: true },
  )

  async function save(): Promise<void> {
    if (saving.value || !editable.value) return
    saving.value = true
    try {
      if (!(await check())) {
        ElMessage({ type: 'warning', message: t('custody.editor.fixFirst', { n: problemCount.value }), grouping: true })
        return
      }
      const saved: PlanDetail = id.value ? await updatePlan(id.value, body()) : await createPlan(body())
      ElMessage({ type: 'success', message: t('custody.editor.saved') })
      await router.replace(`/custody/plans/${saved.id}`)
    } catch (e) {
      failure.value = toApiError(e)
    } finally {
      saving.value = false
    }
  }

  function fill(p: PlanDetail): void {
    status.value = p.status
    Object.assign(form, {
      unit_code: p.unit_code,
      year: p.year,
      title: p.title,
      periods: p.periods.map((x) => ({
        key: key(),
        name: x.name,
        start_date: x.start_date,
        end_date: x.end_date,
        free: x.service_fee_fen === null,
        fee_yuan: x.service_fee_fen === null ? undefined : x.service_fee_fen / 100,
      })),
      sites: p.sites.map((s) => ({
        key: key(),
        host_school_id: s.host_school_id,
        name: s.name,
        served_schools: s.served_schools.map((x) => x.id),
        places: p.periods.map((x) => s.capacity.find((c) => c.period_id === x.id)?.places),
        content: [...s.content],
        activities: s.activities.map((a) => ({ key: key(), type: a.type, title: a.title })),
      })),
    })
  }

  onMounted(async () => {
    loading.value = true
    try {
      if (id.value) fill(await getPlan(id.value))
      else {
        form.title = t('custody.editor.defaultTitle', { year: form.year })
        addPeriod()
        addSite()
      }
      schools.value = (await listSchools({ unit_code: form.unit_code || undefined, page: 1, page_size: 200 })).items
      countyName.value = (await listUnits().catch(() => [])).find((u) => u.code === form.unit_code)?.name ?? form.unit_code
    } catch (e) {
      loadError.value = toApiError(e)
    } finally {
      loading.value = false
    }
  })

  return {
    id,
    form,
    schools,
    countyName,
    loading,
    loadError,
    status,
    editable,
    saving,
    checking,
    problems,
    general,
    failureText,
    problemCount,
    schoolName,
    errorAt,
    addPeriod,
    removePeriod,
    addSite,
    removeSite,
    hostChosen,
    addActivity,
    check,
    save,
  }
}
