import type { IndicatorEvaluation } from '../domain/evaluation/evaluation.ts';
import type { IndicatorReport } from '../domain/evaluation/indicator-report.ts';
import type { OpenDataCell, OpenDataColumn, OpenDataTable } from './opendata-table.ts';

/** The columns of the "risultati" dataset, in file order. */
export const RESULT_COLUMNS: readonly OpenDataColumn[] = [
  { name: 'year', kind: 'integer' },
  { name: 'service', kind: 'text' },
  { name: 'service_name', kind: 'text' },
  { name: 'edition', kind: 'text' },
  { name: 'indicator', kind: 'text' },
  { name: 'period', kind: 'text' },
  { name: 'granularity', kind: 'text' },
  { name: 'from', kind: 'date' },
  { name: 'to', kind: 'date' },
  { name: 'value', kind: 'number' },
  { name: 'unit', kind: 'text' },
  { name: 'numerator', kind: 'number' },
  { name: 'denominator', kind: 'number' },
  { name: 'target', kind: 'text' },
  { name: 'target_comparator', kind: 'text' },
  { name: 'target_value', kind: 'number' },
  { name: 'status', kind: 'text' },
  { name: 'budget_left', kind: 'number' },
  { name: 'forecast', kind: 'number' },
  { name: 'as_of', kind: 'date' },
  /** The first local date measured: before it nothing is judged (no-data). */
  { name: 'measured_from', kind: 'date' },
  /** A yearly count judged over a month or quarter: the period's share of the yearly value it is judged against. */
  { name: 'target_share', kind: 'number' },
  /** How the measure reads a valore programmato that is not a number, in its own words. */
  { name: 'target_reading', kind: 'text' },
  /** Why the status, as a code (never-measured, before-measured-from, no-observations, judged…). */
  { name: 'reason', kind: 'text' },
];

function rowOf(year: number, report: IndicatorReport, evaluation: IndicatorEvaluation): Record<string, OpenDataCell> {
  return {
    year,
    service: report.service.slug,
    service_name: report.service.name,
    edition: report.card.edition,
    indicator: report.indicator.slug,
    period: evaluation.period.key,
    granularity: evaluation.period.granularity,
    from: evaluation.period.from,
    to: evaluation.period.to,
    value: evaluation.value,
    unit: evaluation.unit,
    numerator: evaluation.numerator,
    denominator: evaluation.denominator,
    target: evaluation.target.text,
    target_comparator: evaluation.target.comparator,
    target_value: evaluation.target.value,
    status: evaluation.status,
    budget_left: evaluation.budgetLeft,
    forecast: evaluation.forecast,
    as_of: evaluation.asOf,
    measured_from: evaluation.measuredFrom ?? null,
    target_share: evaluation.shareOfTarget ?? null,
    target_reading: report.targetReading?.text ?? null,
    reason: evaluation.reason?.code ?? null,
  };
}

/**
 * The "risultati" dataset of `year`: for each indicator of the cards in force, its periods (months or quarters) in
 * order and then the whole year, as the evaluation reports them.
 */
export function resultsTableOf(year: number, reports: readonly IndicatorReport[]): OpenDataTable {
  const rows = reports.flatMap((report) => [...report.periods.map((period) => rowOf(year, report, period)), rowOf(year, report, report.year)]);
  return { columns: RESULT_COLUMNS, rows };
}
