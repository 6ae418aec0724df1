import { describe, expect, it } from 'vitest';
import { renderIndicatorChart } from './indicator-chart.ts';
import { renderSparkline } from './sparkline.ts';
import { sanitizeChartSvg } from './svg-sanitize.ts';

describe('sanitizeChartSvg', () => {
  it('drops <style>, turns style attributes into presentation attributes and names the chart', () => {
    const svg =
      '<svg width="640" height="300" viewBox="0 0 640 300"><text style="font-size:12px;font-family:sans-serif;" ecmeta_series_index="0">x</text><style ><![CDATA[.a:hover{fill:red}]]></style></svg>';
    expect(sanitizeChartSvg(svg, 'Grafico "A" <b>')).toBe(
      '<svg role="img" aria-label="Grafico &#34;A&#34; &lt;b>" focusable="false" class="chart" viewBox="0 0 640 300"><text font-size="12px" font-family="sans-serif">x</text></svg>',
    );
  });
});

describe('renderIndicatorChart', () => {
  it('renders an SVG with no inline style or script, the axis numbers in the locale and the target line', () => {
    const svg = renderIndicatorChart({
      labels: ['gen', 'feb', 'mar'],
      values: [96.5, null, 98],
      target: 95,
      unitLabel: '%',
      percent: true,
      valueSeriesName: 'Valore misurato',
      targetSeriesName: 'Valore programmato',
      label: 'Grafico',
      formatNumber: (n) => `${n}`.replace('.', ','),
    });
    expect(svg).toMatch(/^<svg role="img" aria-label="Grafico"/);
    expect(svg).not.toMatch(/style|<script|\son[a-z]+=/i);
    expect(svg).toContain('Valore programmato');
    expect(svg).toContain('stroke-dasharray');
    expect(svg).toContain('>gen<');
  });
});

describe('renderSparkline', () => {
  it('draws a line through the values, breaking at missing ones, and the target dashed', () => {
    const svg = renderSparkline([1, 2, null, 4, 5], 3, 'trend');
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).toContain('stroke-dasharray="3 2"');
    expect(svg).toContain('aria-label="trend"');
  });

  it('draws nothing but keeps its name when there are no values', () => {
    expect(renderSparkline([null, null], 95, 'vuoto')).not.toContain('<polyline');
  });

  it('puts higher values higher up', () => {
    const points = /points="([^"]+)"/.exec(renderSparkline([10, 20], null, 't'))![1]!.split(' ').map((p) => Number(p.split(',')[1]));
    expect(points[1]).toBeLessThan(points[0]!);
  });
});
