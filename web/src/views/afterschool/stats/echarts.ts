import { use, init, type ComposeOption, type EChartsType } from 'echarts/core'
import { BarChart, type BarSeriesOption } from 'echarts/charts'
import {
  AriaComponent,
  GridComponent,
  type AriaComponentOption,
  MarkLineComponent,
  TooltipComponent,
  type GridComponentOption,
  type MarkLineComponentOption,
  type TooltipComponentOption,
} from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

/// ECharts, tree-shaken: only what the statistics charts draw (bars on a grid, a reference line, a
/// tooltip, the accessible description) and the canvas renderer, bundled with the app (no CDN).
use([BarChart, GridComponent, MarkLineComponent, TooltipComponent, AriaComponent, CanvasRenderer])

export type ChartOption = ComposeOption<
  BarSeriesOption | AriaComponentOption | GridComponentOption | MarkLineComponentOption | TooltipComponentOption
>
export type Chart = EChartsType
export { init }
