import { createRequire } from 'node:module';
import type * as EChartsModule from 'echarts';
import { sanitizeChartSvg } from './svg-sanitize.ts';

type ECharts = typeof EChartsModule;
let echartsLoaded: ECharts | undefined;

/**
 * ECharts, loaded when the first chart is drawn (a server that has not drawn one, and every CLI command, never holds
 * it) and as its one-file CommonJS bundle: the same code and the same SVG as the ES modules, but about half their
 * memory (~20 MB instead of ~40 MB resident) and a third of their load time.
 */
function echarts(): ECharts {
  echartsLoaded ??= createRequire(import.meta.url)('echarts') as ECharts;
  return echartsLoaded;
}

/** What the indicator chart draws: one value per period, and the valore programmato as a line. */
export interface IndicatorChartInput {
  /** Short period labels for the x axis ("gen", "feb"…). */
  labels: string[];
  values: (number | null)[];
  target: number | null;
  /** The unit shown on the y axis ("%", "giorni"…). */
  unitLabel: string;
  /** Percentages never go above 100. */
  percent: boolean;
  valueSeriesName: string;
  targetSeriesName: string;
  /** Axis numbers in the page's locale ("97,5"). */
  formatNumber: (value: number) => string;
  /** The accessible name of the chart; the same data must also be in a table on the page. */
  label: string;
}

const VALUE_COLOUR = '#0066cc';
const TARGET_COLOUR = '#5d7083';
const FONT = 'Titillium Web, Geneva, Tahoma, sans-serif';

/** Renders the chart server-side to an SVG string with no inline styles or scripts. */
export function renderIndicatorChart(input: IndicatorChartInput, size = { width: 720, height: 320 }): string {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: FONT, fontSize: 14, color: '#1a1a1a' },
      grid: { left: 64, right: 24, top: 40, bottom: 72 },
      legend: { bottom: 8, textStyle: { fontFamily: FONT, fontSize: 14 }, data: [input.valueSeriesName, input.targetSeriesName] },
      xAxis: { type: 'category', data: input.labels, axisLabel: { fontFamily: FONT, fontSize: 13, color: '#1a1a1a' } },
      yAxis: {
        type: 'value',
        scale: true,
        name: input.unitLabel,
        nameTextStyle: { fontFamily: FONT, fontSize: 13 },
        axisLabel: { fontFamily: FONT, fontSize: 13, color: '#1a1a1a', formatter: input.formatNumber },
        ...(input.percent ? { max: 100 } : {}),
      },
      series: [
        {
          name: input.valueSeriesName,
          type: 'line',
          data: input.values,
          color: VALUE_COLOUR,
          lineStyle: { width: 3 },
          symbol: 'circle',
          symbolSize: 8,
          silent: true,
          emphasis: { disabled: true },
        },
        {
          name: input.targetSeriesName,
          type: 'line',
          data: input.labels.map(() => input.target),
          color: TARGET_COLOUR,
          lineStyle: { width: 2, type: 'dashed' },
          symbol: 'none',
          silent: true,
          emphasis: { disabled: true },
        },
      ],
    });
    return sanitizeChartSvg(chart.renderToSVGString(), input.label);
  } finally {
    chart.dispose();
  }
}
