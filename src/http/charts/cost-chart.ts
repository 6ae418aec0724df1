import { createRequire } from 'node:module';
import type * as EChartsModule from 'echarts';
import { sanitizeChartSvg } from './svg-sanitize.ts';

/** What the cost chart draws: per year, the actual and the staff costs stacked, so a column's height is the total. */
export interface CostChartInput {
  years: number[];
  /** Euro (not cents): the axis reads in euro. */
  actual: number[];
  staff: number[];
  actualSeriesName: string;
  staffSeriesName: string;
  /** Axis amounts in the page's locale ("1,2 Mln €" is left to Intl). */
  formatAmount: (euro: number) => string;
  /** The accessible name of the chart; the same data are in a table on the page. */
  label: string;
}

const ACTUAL_COLOUR = '#0066cc';
const STAFF_COLOUR = '#5d7083';
const FONT = 'Titillium Web, Geneva, Tahoma, sans-serif';

/**
 * Renders the chart server-side to an SVG with no inline styles or scripts (as the indicator chart). ECharts is loaded
 * on the first chart drawn; require's cache makes it the same instance the indicator chart uses.
 */
export function renderCostChart(input: CostChartInput, size = { width: 720, height: 320 }): string {
  const echarts = createRequire(import.meta.url)('echarts') as typeof EChartsModule;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  const bar = (name: string, data: number[], color: string) => ({ name, type: 'bar' as const, stack: 'total', data, color, barMaxWidth: 56, silent: true, emphasis: { disabled: true } });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: FONT, fontSize: 14, color: '#1a1a1a' },
      grid: { left: 110, right: 24, top: 24, bottom: 72 },
      legend: { bottom: 8, textStyle: { fontFamily: FONT, fontSize: 14 }, data: [input.actualSeriesName, input.staffSeriesName] },
      xAxis: { type: 'category', data: input.years.map(String), axisLabel: { fontFamily: FONT, fontSize: 13, color: '#1a1a1a' } },
      yAxis: { type: 'value', min: 0, axisLabel: { fontFamily: FONT, fontSize: 13, color: '#1a1a1a', formatter: input.formatAmount } },
      series: [bar(input.actualSeriesName, input.actual, ACTUAL_COLOUR), bar(input.staffSeriesName, input.staff, STAFF_COLOUR)],
    });
    return sanitizeChartSvg(chart.renderToSVGString(), input.label);
  } finally {
    chart.dispose();
  }
}
