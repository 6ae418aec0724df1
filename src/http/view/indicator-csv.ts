import type { IndicatorEvaluation } from '../../domain/evaluation/evaluation.ts';
import type { IndicatorReport } from '../../domain/evaluation/indicator-report.ts';

const COLUMNS = [
  'service',
  'indicator',
  'edition',
  'period',
  'granularity',
  'from',
  'to',
  'value',
  'unit',
  'numerator',
  'denominator',
  'target',
  'target_comparator',
  'target_value',
  'status',
  'budget_left',
  'forecast',
  'as_of',
] as const;

/**
 * A cell per RFC 4180. Text that a spreadsheet would run as a formula (leading =, +, -, @) gets a
 * leading apostrophe: target texts come from files people edit.
 */
function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function rowOf(report: IndicatorReport, evaluation: IndicatorEvaluation): string {
  const cells: (string | number | null)[] = [
    report.service.slug,
    report.indicator.slug,
    report.card.edition,
    evaluation.period.key,
    evaluation.period.granularity,
    evaluation.period.from,
    evaluation.period.to,
    evaluation.value,
    evaluation.unit,
    evaluation.numerator,
    evaluation.denominator,
    evaluation.target.text,
    evaluation.target.comparator,
    evaluation.target.value,
    evaluation.status,
    evaluation.budgetLeft,
    evaluation.forecast,
    evaluation.asOf,
  ];
  return cells.map(csvCell).join(',');
}

/** The indicator's periods, then the whole year, as CSV with a header row (CRLF line ends, as RFC 4180 says). */
export function indicatorReportToCsv(report: IndicatorReport | undefined): string {
  const lines: string[] = [COLUMNS.join(',')];
  if (report !== undefined) {
    for (const period of report.periods) lines.push(rowOf(report, period));
    lines.push(rowOf(report, report.year));
  }
  return `${lines.join('\r\n')}\r\n`;
}
