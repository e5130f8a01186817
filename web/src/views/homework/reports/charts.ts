import type { ReportRow, WeekFigures } from '@/api/homeworkReports'
import { axisTooltip, type ChartOption } from '@/components/charts/echarts'

/// The chart options of the homework-load page, built from the report rows as the server sends them.

const COLORS = { estimated: '#4080ff', reported: '#f7ba1e', limit: '#86909c', over: '#f53f3f' }

export interface Labels {
  estimated: string
  reported: string
  limit: string
  aria: string
}

/// The height that fits one group of bars per unit and the legend.
export function unitBarsHeight(units: number): number {
  return Math.max(200, units * 44 + 70)
}

/// Per unit, three bars side by side: the mean estimated written minutes, the families' mean, and the limit (rows
/// of one grade only); horizontal so the names stay readable, top to bottom in the table's order.
export function unitBars(rows: ReportRow[], l: Labels): ChartOption {
  const names = rows.map((r) => r.name)
  const value = (v: number | null) => v ?? 0
  const hasLimit = rows.some((r) => r.limit !== null)
  const series: ChartOption['series'] = [
    { name: l.estimated, type: 'bar', color: COLORS.estimated, data: rows.map((r) => value(r.avg_estimated)), barMaxWidth: 12 },
    { name: l.reported, type: 'bar', color: COLORS.reported, data: rows.map((r) => value(r.avg_reported)), barMaxWidth: 12 },
  ]
  if (hasLimit) series.push({ name: l.limit, type: 'bar', color: COLORS.limit, data: rows.map((r) => value(r.limit)), barMaxWidth: 12 })
  return {
    aria: { enabled: true, label: { description: l.aria } },
    animationDuration: 300,
    legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 10, textStyle: { color: '#4e5969' } },
    grid: { left: 8, right: 32, top: 32, bottom: 8, containLabel: true },
    tooltip: axisTooltip(),
    xAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#646a73' }, splitLine: { lineStyle: { color: '#e5e6eb' } } },
    yAxis: { type: 'category', inverse: true, data: names, triggerEvent: true, axisLabel: { color: '#1d2129', width: 110, overflow: 'truncate' } },
    series,
  }
}

/// The class's weeks as lines: daily estimated written and reported minutes, with the school-day limit dashed.
export function weekLines(weeks: WeekFigures[], limit: number | null, l: Labels): ChartOption {
  const markLine =
    limit === null
      ? undefined
      : {
          silent: true,
          symbol: 'none',
          lineStyle: { color: COLORS.over, type: 'dashed' as const },
          label: { formatter: `${l.limit} ${limit}`, color: COLORS.over, position: 'insideEndTop' as const },
          data: [{ yAxis: limit }],
        }
  return {
    aria: { enabled: true, label: { description: l.aria } },
    animationDuration: 300,
    legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 8, textStyle: { color: '#4e5969' } },
    grid: { left: 8, right: 56, top: 36, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: weeks.map((w) => w.week_start.slice(5)), axisLabel: { color: '#646a73' } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#646a73' }, splitLine: { lineStyle: { color: '#e5e6eb' } } },
    series: [
      { name: l.estimated, type: 'line', color: COLORS.estimated, data: weeks.map((w) => w.avg_estimated), connectNulls: true, markLine },
      { name: l.reported, type: 'line', color: COLORS.reported, data: weeks.map((w) => w.avg_reported), connectNulls: true },
    ],
  }
}
