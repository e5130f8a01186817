import { escapeHtml, type ChartOption } from '@/components/charts/echarts'

/// One stacked part of the bars: its name in the legend, its colour and a value per bar.
export interface Part {
  name: string
  color: string
  values: number[]
}

export interface BarsSpec {
  /// The bars' names (counties, categories, states), top to bottom.
  labels: string[]
  parts: Part[]
  /// The accessible description.
  aria: string
  /// A value as shown on the axis and in the tooltip.
  format?: (v: number) => string
  /// A dashed reference line (the scope's total rate) and its label.
  reference?: { value: number; label: string }
  /// A value on the axis, when it is to be shorter than `format` (whole yuan).
  axisFormat?: (v: number) => string
  /// The axis ends here (100 for a percentage).
  max?: number
}

const ROW = 30

/// The height that fits the bars and the legend.
export function barsHeight(bars: number): number {
  return Math.max(180, bars * ROW + 90)
}

/// Horizontal bars, one per label (names stay readable), the parts stacked; a legend when there is more
/// than one part; the tooltip lists every part of the bar.
export function stackedBars(spec: BarsSpec): ChartOption {
  const fmt = spec.format ?? ((v: number) => String(v))
  const legend = spec.parts.length > 1
  return {
    aria: { enabled: true, label: { description: spec.aria } },
    animationDuration: 300,
    legend: legend ? { type: 'scroll', top: 0, left: 0, right: 0, itemWidth: 12, itemHeight: 10, textStyle: { color: '#4e5969' } } : undefined,
    grid: { left: 8, right: 56, top: legend ? 32 : spec.reference ? 24 : 12, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const ps = params as { axisValue: string; seriesName: string; value: number; color: string }[]
        const lines = ps.map((p) => `<span style="color:${p.color}">●</span> ${escapeHtml(p.seriesName)}：${fmt(p.value)}`)
        return `<b>${escapeHtml(ps[0]?.axisValue ?? '')}</b><br/>${lines.join('<br/>')}`
      },
    },
    xAxis: {
      type: 'value',
      max: spec.max,
      minInterval: spec.format ? undefined : 1,
      axisLabel: { color: '#646a73', formatter: (v: number) => (spec.axisFormat ?? fmt)(v) },
      splitLine: { lineStyle: { color: '#eef0f3' } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: spec.labels,
      axisTick: { show: false },
      axisLine: { lineStyle: { color: '#c9cdd4' } },
      axisLabel: { color: '#1f2329', width: 150, overflow: 'truncate' },
      triggerEvent: true,
    },
    series: spec.parts.map((p, i) => ({
      type: 'bar',
      name: p.name,
      stack: 'all',
      barMaxWidth: 20,
      itemStyle: { color: p.color },
      data: p.values,
      label:
        spec.parts.length === 1
          ? { show: true, position: 'right', color: '#1f2329', formatter: (x: unknown) => fmt((x as { value: number }).value) }
          : undefined,
      markLine:
        i === 0 && spec.reference
          ? {
              symbol: 'none',
              silent: true,
              lineStyle: { color: '#d03050', type: 'dashed', width: 1.5 },
              label: { position: 'start', formatter: spec.reference.label, color: '#d03050', fontWeight: 'bold' },
              data: [{ xAxis: spec.reference.value }],
            }
          : undefined,
    })),
  }
}

/// 7692 basis points → "76.92%"; null → null.
export function percent(bp: number | null): string | null {
  if (bp === null) return null
  const a = Math.abs(bp)
  return `${bp < 0 ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}%`
}

export const COLORS = {
  green: '#52a86b',
  blue: '#2b6fd6',
  amber: '#e6a23c',
  red: '#d03050',
  grey: '#909399',
  light: '#c0c4cc',
  teal: '#2a9d8f',
  purple: '#8e6bd6',
}

/// A column of a report's table: a figure of the row, right-aligned.
export interface Column {
  key: string
  label: string
  format?: (v: unknown, row: Record<string, unknown>) => string
  width?: number
}

/// A row of a report's table: its name (a county, a category, a state), its figures; a total is bold,
/// a county row with `code` links into the county.
export interface Line {
  label: string
  isTotal?: boolean
  code?: string
  [key: string]: unknown
}
