import { computed, ref, shallowRef, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import {
  getClassDay,
  listAssignments,
  listHomeworkClasses,
  type Assignment,
  type ClassDay,
  type HomeworkClass,
} from '@/api/homework'
import { type ApiError, toApiError } from '@/utils/apiError'
import { COMMON_SUBJECTS, todayText } from '../shared/format'

/// The server's largest page; the day's homework of a school is a few hundred rows at most.
const PAGE_SIZE = 200
/// Class-day look-ups in flight at once (one per class shown).
const MAX_IN_FLIGHT = 4
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/

/// One class on the board: its published homework of the day and, once fetched, its class-day (the limit).
export interface BoardRow {
  class_id: number
  class_name: string
  grade: number
  school_id: number
  /// The published homework, by subject.
  items: Assignment[]
  /// Σ counted_minutes of the published homework: the written total the families see.
  written: number
  /// The class-day (limit, written_total incl. pending homework); null until fetched or when it failed.
  day: ClassDay | null
  dayFailed: boolean
}

/// The class number within its grade ("三年级12班" → 12), for the order grade then class number.
export function classNumber(name: string): number {
  const m = name.match(/(\d+)\s*班/) ?? name.match(/(\d+)(?!.*\d)/)
  return m ? Number(m[1]) : Number.MAX_SAFE_INTEGER
}

/// 语文, 数学, 英语 … first, as a timetable lists them; other subjects after, by name.
function subjectRank(s: string): number {
  const i = COMMON_SUBJECTS.indexOf(s)
  return i < 0 ? COMMON_SUBJECTS.length : i
}

function bySubject(x: Assignment, y: Assignment): number {
  return subjectRank(x.subject) - subjectRank(y.subject) || x.subject.localeCompare(y.subject, 'zh-CN') || x.id - y.id
}

function byGradeThenNumber(a: BoardRow, b: BoardRow): number {
  return (
    a.school_id - b.school_id ||
    a.grade - b.grade ||
    classNumber(a.class_name) - classNumber(b.class_name) ||
    a.class_name.localeCompare(b.class_name, 'zh-CN')
  )
}

/// Every page of the day's published homework.
async function fetchDay(date: string): Promise<Assignment[]> {
  const query = { from: date, to: date, status: 'published' as const, page_size: PAGE_SIZE }
  const first = await listAssignments({ ...query, page: 1 })
  const items = [...first.items]
  const pages = Math.ceil(first.total / PAGE_SIZE)
  for (let page = 2; page <= pages; page++) items.push(...(await listAssignments({ ...query, page })).items)
  return items
}

/// Runs `work` over `items`, at most `limit` at a time.
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++])
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

/// 作业公示: the day's published homework of every class the caller sees (the school's for an administrator,
/// their own classes for a teacher), one row per class in grade then class order — with each class's limit from
/// its class-day, fetched a few at a time for the classes shown. The date and grade live in the URL, so a board
/// can be shared.
export function useBoard() {
  const route = useRoute()
  const router = useRouter()
  const q = (k: string) => (typeof route.query[k] === 'string' ? (route.query[k] as string) : '')

  const date = ref(DATE_RE.test(q('date')) ? q('date') : todayText())
  const grade = ref<number | null>(Number(q('grade')) > 0 ? Number(q('grade')) : null)

  const classes = shallowRef<HomeworkClass[]>([])
  const assignments = shallowRef<Assignment[]>([])
  const days = ref<Record<number, ClassDay | 'failed'>>({})
  const loading = ref(false)
  const loaded = ref(false)
  const error = ref<ApiError | null>(null)
  const forbidden = computed(() => error.value?.status === 403)
  let request = 0
  /// Class-days being fetched for the current request, so a grade change mid-way asks for none twice.
  const inFlight = new Set<number>()

  /// Every class the caller may see — those without homework too (a principal wants to see who set none).
  const allRows = computed<BoardRow[]>(() => {
    const rows = new Map<number, BoardRow>()
    const row = (id: number, name: string, g: number, school: number): BoardRow => {
      let r = rows.get(id)
      if (!r) {
        r = { class_id: id, class_name: name, grade: g, school_id: school, items: [], written: 0, day: null, dayFailed: false }
        rows.set(id, r)
      }
      return r
    }
    for (const c of classes.value) row(c.id, c.name, c.grade, c.school_id)
    for (const a of assignments.value) {
      const r = row(a.class_id, a.class_name, a.grade, a.school_id)
      r.items.push(a)
      r.written += a.counted_minutes
    }
    for (const r of rows.values()) {
      r.items.sort(bySubject)
      const d = days.value[r.class_id]
      r.day = d && d !== 'failed' ? d : null
      r.dayFailed = d === 'failed'
    }
    return [...rows.values()].sort(byGradeThenNumber)
  })

  const grades = computed(() => [...new Set(allRows.value.map((r) => r.grade))].sort((a, b) => a - b))
  const rows = computed(() => (grade.value === null ? allRows.value : allRows.value.filter((r) => r.grade === grade.value)))
  const summary = computed(() => ({
    classes: rows.value.length,
    withHomework: rows.value.filter((r) => r.items.length > 0).length,
    homework: rows.value.reduce((n, r) => n + r.items.length, 0),
    over: rows.value.filter((r) => r.day && r.written > r.day.limit).length,
  }))
  /// Any class-day's kind (they share the date; one school's calendar).
  const dayKind = computed(() => rows.value.find((r) => r.day)?.day?.day_kind ?? null)
  const failedDays = computed(() => rows.value.filter((r) => r.dayFailed).length)

  /// The class-days of the rows shown that are not known yet, at most MAX_IN_FLIGHT at once.
  async function loadDays(): Promise<void> {
    const mine = request
    const forDate = date.value
    const todo = rows.value
      .map((r) => r.class_id)
      .filter((id) => !inFlight.has(id) && (!(id in days.value) || days.value[id] === 'failed'))
    todo.forEach((id) => inFlight.add(id))
    await eachLimited(todo, MAX_IN_FLIGHT, async (classId) => {
      if (mine !== request) return
      let d: ClassDay | 'failed'
      try {
        d = await getClassDay(classId, forDate)
      } catch {
        d = 'failed'
      }
      if (mine !== request) return
      inFlight.delete(classId)
      days.value = { ...days.value, [classId]: d }
    })
  }

  async function load(): Promise<void> {
    const mine = ++request
    loading.value = true
    days.value = {}
    inFlight.clear()
    try {
      const [cls, items] = await Promise.all([
        classes.value.length ? Promise.resolve(classes.value) : listHomeworkClasses(),
        fetchDay(date.value),
      ])
      if (mine !== request) return
      classes.value = cls
      assignments.value = items
      error.value = null
      loaded.value = true
    } catch (e) {
      if (mine === request) error.value = toApiError(e)
      return
    } finally {
      if (mine === request) loading.value = false
    }
    if (grade.value !== null && !grades.value.includes(grade.value)) grade.value = null
    void loadDays()
  }

  function syncUrl(): void {
    const query: Record<string, string> = {}
    if (date.value !== todayText()) query.date = date.value
    if (grade.value !== null) query.grade = String(grade.value)
    void router.replace({ query })
  }

  watch(date, () => {
    syncUrl()
    void load()
  })
  watch(grade, () => {
    syncUrl()
    if (loaded.value) void loadDays()
  })

  void load()
  return { date, grade, grades, rows, summary, dayKind, failedDays, loading, loaded, error, forbidden, load, loadDays }
}
