import { use, init, type ComposeOption, type EChartsType } from 'echarts/core'
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts'
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  LegendScrollComponent,
  MarkLineComponent,
  TooltipComponent,
  type AriaComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type MarkLineComponentOption,
  type TooltipComponentOption,
} from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

/// ECharts for the whole app, tree-shaken to what the statistics pages draw: bars (grouped or stacked) and lines,
/// a (scrolling) legend, a reference or limit line, a tooltip and the accessible description, on canvas; bundled
/// with the app (no CDN). Registered once here so every chart shares one copy.
use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  LegendScrollComponent,
  MarkLineComponent,
  TooltipComponent,
  AriaComponent,
  CanvasRenderer,
])

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | AriaComponentOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
>
export type Chart = EChartsType
export { init }

/// Text for a tooltip's HTML: names come from the data (a school's name), never markup.
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c)
}

/// A bar chart's tooltip: the row's name, then each series' value, in the series' colour.
export function axisTooltip(): ChartOption['tooltip'] {
  return {
    trigger: 'axis',
    axisPointer: { type: 'shadow' },
    formatter: (params: unknown) => {
      const ps = params as { axisValue: string; seriesName: string; value: number; color: string }[]
      const lines = ps.map((p) => `<span style="color:${p.color}">●</span> ${escapeHtml(p.seriesName)}：${p.value}`)
      return `<b>${escapeHtml(ps[0]?.axisValue ?? '')}</b><br/>${lines.join('<br/>')}`
    },
  }
}
