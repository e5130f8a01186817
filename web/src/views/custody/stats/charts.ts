import { axisTooltip, type ChartOption } from '@/components/charts/echarts'

/// The chart of the custody statistics: per county, the children who asked, signed up and were served, side by side.
export function servedBars(
  rows: { name: string; requested: number; signed_up: number; served: number }[],
  l: { requested: string; signedUp: string; served: string; aria: string },
): ChartOption {
  const series = [
    { name: l.requested, color: '#c9cdd4', key: 'requested' as const },
    { name: l.signedUp, color: '#4080ff', key: 'signed_up' as const },
    { name: l.served, color: '#00b42a', key: 'served' as const },
  ]
  return {
    aria: { enabled: true, label: { description: l.aria } },
    animationDuration: 300,
    legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 10, textStyle: { color: '#4e5969' } },
    grid: { left: 8, right: 40, top: 32, bottom: 8, containLabel: true },
    tooltip: axisTooltip(),
    xAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#646a73' }, splitLine: { lineStyle: { color: '#eef0f3' } } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => r.name),
      axisTick: { show: false },
      axisLabel: { color: '#1f2329', width: 120, overflow: 'truncate' },
      triggerEvent: true,
    },
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      barMaxWidth: 12,
      itemStyle: { color: s.color },
      data: rows.map((r) => r[s.key]),
      label: { show: true, position: 'right', color: '#4e5969', fontSize: 11 },
    })),
  }
}

/// The height that fits one group of three bars per county and the legend.
export function chartHeight(rows: number): number {
  return Math.max(200, rows * 60 + 60)
}
