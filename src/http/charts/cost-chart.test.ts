import { describe, expect, it } from 'vitest';
import { renderCostChart } from './cost-chart.ts';

describe('renderCostChart', () => {
  it('renders stacked columns per year as an SVG with no inline style or script, named for screen readers', () => {
    const svg = renderCostChart({
      years: [2024, 2025],
      actual: [1_000_000, 1_100_000],
      staff: [250_000, 300_000],
      actualSeriesName: 'Costi effettivi',
      staffSeriesName: 'Costi del personale',
      formatAmount: (euro) => `${euro / 1000} mila €`,
      label: 'Grafico dei costi',
    });
    expect(svg).toMatch(/^<svg role="img" aria-label="Grafico dei costi"/);
    expect(svg).not.toMatch(/style|<script|\son[a-z]+=/i);
    expect(svg).toContain('>2025<');
    expect(svg).toContain('Costi del personale');
    expect(svg).toContain('mila €');
    // Four columns: two years, two stacked series.
    expect(svg.match(/<path d="M[^"]*" fill="#0066cc"/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
  });
});
