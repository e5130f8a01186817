import { use, init, type ComposeOption, type EChartsType } from 'echarts/core'
import { BarChart, type BarSeriesOption } from 'echarts/charts'
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

/// ECharts, tree-shaken, for the supervision statistics: (stacked) bars with a legend, a reference line,
/// a tooltip and the accessible description, drawn on canvas; bundled with the app (no CDN).
use([BarChart, GridComponent, LegendComponent, LegendScrollComponent, MarkLineComponent, TooltipComponent, AriaComponent, CanvasRenderer])

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | AriaComponentOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
>
export type Chart = EChartsType
export { init }
