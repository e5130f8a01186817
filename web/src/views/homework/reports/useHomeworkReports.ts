import { computed, onMounted, ref } from 'vue'
import {
  exportReports,
  overrunAlerts,
  reportClasses,
  reportSummary,
  reportWeekly,
  type AlertsReport,
  type ClassesReport,
  type ReportQuery,
  type ReportRow,
  type Summary,
  type WeeklyReport,
} from '@/api/homeworkReports'
import { reportLoader, usePeriod, useXlsxDownload } from '@/composables/useReports'

export { failure, type Loaded } from '@/composables/useReports'

/// A step of the drill-down: where it stands (its node's name) and the query that shows it.
export interface Step {
  label: string
  query: ReportQuery
}

/// 作业负担统计 (`/homework/reports`): the summary of the node drilled into (the caller's scope at first), its
/// alerts, and — once a school or a grade is open — its classes, one of which shows its weekly averages.
export function useHomeworkReports() {
  const { period, periodQuery } = usePeriod()
  const trail = ref<Step[]>([{ label: '', query: {} }])
  const summary = reportLoader<Summary, [ReportQuery]>(reportSummary)
  const alerts = reportLoader<AlertsReport, [ReportQuery]>(overrunAlerts)
  const classes = reportLoader<ClassesReport, [ReportQuery]>(reportClasses)
  const weekly = reportLoader<WeeklyReport, [ReportQuery]>(reportWeekly)
  const classId = ref<number | null>(null)

  const query = (): ReportQuery => ({ ...trail.value[trail.value.length - 1].query, ...periodQuery() })
  const { exporting, download } = useXlsxDownload(() => exportReports(query()), 'hwReports.exported')
  const forbidden = computed(() => summary.state.error?.status === 403)
  const node = computed(() => summary.state.report?.node ?? null)
  const schoolOpen = computed(() => node.value?.level === 'school' || node.value?.level === 'grade')

  async function loadWeekly(): Promise<void> {
    if (classId.value === null) return weekly.clear()
    const q = query()
    await weekly.load({ from: q.from, to: q.to, class_id: classId.value })
  }

  async function load(): Promise<void> {
    const q = query()
    await Promise.all([summary.load(q), alerts.load(q)])
    const s = summary.state.report
    if (s) {
      // The period the server chose (term start … today) shows in the picker.
      if (!period.value) period.value = [s.from, s.to]
      const step = trail.value[trail.value.length - 1]
      if (!step.label) step.label = s.node.name  // the scope's own name; a drilled step keeps its row's
    }
    if (schoolOpen.value) {
      await classes.load(q)
      const ids = classes.state.report?.items.map((k) => k.class_id) ?? []
      if (classId.value === null || !ids.includes(classId.value)) classId.value = ids[0] ?? null
    } else {
      classes.clear()
      classId.value = null
    }
    await loadWeekly()
  }
  onMounted(load)

  /// A row of the summary was chosen: open it one level down; a class row picks it for the weekly chart.
  function drill(row: ReportRow): void {
    const s = summary.state.report
    if (!s || row.key === '') return
    let next: ReportQuery
    switch (s.row_level) {
      case 'county':
        next = { unit_code: row.key }
        break
      case 'school':
        next = { school_id: Number(row.key) }
        break
      case 'grade':
        next = { school_id: s.node.school_id ?? undefined, grade: Number(row.key) }
        break
      default:
        classId.value = Number(row.key)
        void loadWeekly()
        return
    }
    trail.value.push({ label: row.name, query: next })
    void load()
  }

  /// Back to a step of the trail.
  function up(index: number): void {
    if (index >= trail.value.length - 1) return
    trail.value.splice(index + 1)
    void load()
  }

  function pickClass(id: number | null): void {
    classId.value = id
    void loadWeekly()
  }

  return {
    period,
    trail,
    summary: summary.state,
    alerts: alerts.state,
    classes: classes.state,
    weekly: weekly.state,
    classId,
    exporting,
    forbidden,
    node,
    schoolOpen,
    load,
    drill,
    up,
    pickClass,
    download,
  }
}
