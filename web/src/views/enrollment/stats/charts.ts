import { axisTooltip, type ChartOption } from '@/components/charts/echarts'

/// The chart options of the enrollment statistics page, built from the figures as the server sends them. Pie charts
/// are not registered in the app's ECharts build, so shares are horizontal bars, which read as well.

export const COLORS = {
  blue: '#4080ff',
  green: '#00b42a',
  amber: '#f7ba1e',
  red: '#f53f3f',
  grey: '#86909c',
  light: '#c9cdd4',
  purple: '#722ed1',
  cyan: '#14c9c9',
}

/// One row of a counts card: its key, the name shown, the count and its bar's colour.
export interface CountLine {
  key: string
  label: string
  count: number
  color: string
}

const AXIS = { color: '#646a73' }
const SPLIT = { lineStyle: { color: '#e5e6eb' } }

/// The height that fits one bar (or one group of bars) per row and the legend.
export function barsHeight(rows: number, perRow = 34): number {
  return Math.max(180, rows * perRow + 60)
}

/// One bar per row (a status, a category, a way of placing), each in its own colour, top to bottom in the table's
/// order.
export function countBars(labels: string[], values: number[], colors: string[], name: string, aria: string): ChartOption {
  return {
    aria: { enabled: true, label: { description: aria } },
    animationDuration: 300,
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    tooltip: axisTooltip(),
    xAxis: { type: 'value', minInterval: 1, axisLabel: AXIS, splitLine: SPLIT },
    yAxis: { type: 'category', inverse: true, data: labels, axisLabel: { color: '#1d2129', width: 120, overflow: 'truncate' } },
    series: [
      {
        name,
        type: 'bar',
        barMaxWidth: 18,
        data: values.map((v, i) => ({ value: v, itemStyle: { color: colors[i % colors.length] } })),
        label: { show: true, position: 'right', color: '#4e5969' },
      },
    ],
  }
}

/// Per school, its seats and the children placed there side by side.
export function seatBars(
  schools: { name: string; seats: number; placed: number }[],
  l: { seats: string; placed: string; aria: string },
): ChartOption {
  return {
    aria: { enabled: true, label: { description: l.aria } },
    animationDuration: 300,
    legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 10, textStyle: { color: '#4e5969' } },
    grid: { left: 8, right: 32, top: 32, bottom: 8, containLabel: true },
    tooltip: axisTooltip(),
    xAxis: { type: 'value', minInterval: 1, axisLabel: AXIS, splitLine: SPLIT },
    yAxis: {
      type: 'category',
      inverse: true,
      data: schools.map((s) => s.name),
      axisLabel: { color: '#1d2129', width: 130, overflow: 'truncate' },
    },
    series: [
      { name: l.seats, type: 'bar', color: COLORS.light, barMaxWidth: 12, data: schools.map((s) => s.seats) },
      { name: l.placed, type: 'bar', color: COLORS.blue, barMaxWidth: 12, data: schools.map((s) => s.placed) },
    ],
  }
}

/// Applications per day of submission as columns, the dates as MM-DD.
export function dayBars(days: { date: string; applications: number }[], l: { name: string; aria: string }): ChartOption {
  return {
    aria: { enabled: true, label: { description: l.aria } },
    animationDuration: 300,
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    tooltip: axisTooltip(),
    xAxis: { type: 'category', data: days.map((d) => d.date.slice(5)), axisLabel: AXIS },
    yAxis: { type: 'value', minInterval: 1, axisLabel: AXIS, splitLine: SPLIT },
    series: [{ name: l.name, type: 'bar', color: COLORS.blue, barMaxWidth: 28, data: days.map((d) => d.applications) }],
  }
}

/// 0.3333 → "33.33%"; null → "—".
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(2)}%`
}

/// part ÷ whole as a percentage for a share column; "—" when whole is 0.
export function share(part: number, whole: number): string {
  return whole > 0 ? percent(Math.round((part / whole) * 10000) / 10000) : '—'
}
