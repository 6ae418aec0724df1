import { escapeHtml } from '@kitajs/html';

/**
 * A tiny trend line (one point per period, gaps where there is no value) with the target dashed.
 * Hand-drawn rather than ECharts: a card page shows one per indicator, and this costs microseconds.
 */
export function renderSparkline(values: readonly (number | null)[], target: number | null, label: string, size = { width: 96, height: 28 }): string {
  const { width, height } = size;
  const pad = 3;
  const numbers = values.filter((v): v is number => v !== null);
  const open = `<svg role="img" aria-label="${escapeHtml(label)}" focusable="false" class="sparkline" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">`;
  if (numbers.length === 0) return `${open}</svg>`;
  const all = target === null ? numbers : [...numbers, target];
  let low = Math.min(...all);
  let high = Math.max(...all);
  if (high === low) {
    low -= 1;
    high += 1;
  }
  const x = (index: number) => (values.length === 1 ? width / 2 : pad + (index * (width - 2 * pad)) / (values.length - 1));
  const y = (value: number) => height - pad - ((value - low) * (height - 2 * pad)) / (high - low);
  const round = (n: number) => Math.round(n * 10) / 10;

  const parts: string[] = [];
  if (target !== null) {
    parts.push(`<line x1="0" x2="${width}" y1="${round(y(target))}" y2="${round(y(target))}" stroke="#5d7083" stroke-width="1" stroke-dasharray="3 2"/>`);
  }
  let run: string[] = [];
  const flush = () => {
    if (run.length > 1) parts.push(`<polyline points="${run.join(' ')}" fill="none" stroke="#0066cc" stroke-width="2"/>`);
    run = [];
  };
  values.forEach((value, index) => {
    if (value === null) return flush();
    run.push(`${round(x(index))},${round(y(value))}`);
  });
  flush();
  const lastIndex = values.findLastIndex((v) => v !== null);
  const last = values[lastIndex];
  if (last !== null && last !== undefined) parts.push(`<circle cx="${round(x(lastIndex))}" cy="${round(y(last))}" r="2.5" fill="#0066cc"/>`);
  return `${open}${parts.join('')}</svg>`;
}
