import type { Command } from 'commander';
import type { Target, TargetUnit } from '../domain/cards/target.ts';
import type { IndicatorEvaluation, PeriodGranularity } from '../domain/evaluation/evaluation.ts';
import type { IndicatorReport } from '../domain/evaluation/indicator-report.ts';
import { UserError } from '../domain/shared/errors.ts';
import { parseYearOption } from './card-files.ts';
import type { CliIo } from './cli-io.ts';
import { openEventsContext, type OpenEventsContext } from './events-context.ts';

const GRANULARITIES: readonly PeriodGranularity[] = ['month', 'quarter', 'year'];

/** `misura report --year Y`: every indicator of the cards in force, judged against its valore programmato. */
export function registerReportCommand(program: Command, io: CliIo, _setExit: (code: number) => void, open: OpenEventsContext = openEventsContext): void {
  program
    .command('report')
    .description('Evaluate every indicator of the cards in force in a year: value, target, status, budget left and forecast.')
    .requiredOption('--year <year>', 'the year to report on')
    .option('--period <period>', 'month, quarter or year: how the JSON "periods" cut the year', 'month')
    .option('--json', 'print {"year", "asOf", "indicators":[…]} as JSON (documented in docs/events.md)')
    .action(async (options: { year: string; period: string; json?: boolean }) => {
      const year = parseYearOption(options.year) ?? 0;
      const granularity = GRANULARITIES.find((g) => g === options.period);
      if (granularity === undefined) throw new UserError(`--period must be month, quarter or year, got "${options.period}"`);
      const context = await open(io.env);
      try {
        const reports = await context.actions.getReport({ year, granularity });
        if (options.json) io.out(JSON.stringify(reportJson(reports, year, granularity), null, 2));
        else io.out(reportTable(reports, year));
      } finally {
        await context.close();
      }
    });
}

/** The JSON contract of `misura report --json`. */
export interface ReportJson {
  year: number;
  granularity: PeriodGranularity;
  /** The last local date judged ('YYYY-MM-DD'), or null when no indicator is in force. */
  asOf: string | null;
  indicators: IndicatorJson[];
}

export interface EvaluationJson {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  unit: TargetUnit | null;
  target: Pick<Target, 'text' | 'comparator' | 'value' | 'unit'>;
  status: IndicatorEvaluation['status'];
  budgetLeft: number | null;
  forecast: number | null;
  asOf: string;
  explanation: string;
}

export interface IndicatorJson extends EvaluationJson {
  /** The indicator's slug, unique within its card. */
  indicator: string;
  description: string | null;
  /** The card the indicator belongs to: service slug and edition ("2021" or "undated"). */
  card: { service: string; edition: string; year: number | null };
  service: { slug: string; name: string };
  position: number;
  dimension: string;
  subdimension: string | null;
  measure: { kind: string; description: { it: string; en: string } };
  periods: (EvaluationJson & { period: string; from: string; to: string })[];
}

/** Reports as the JSON contract: one flat object per indicator with its year's evaluation and its periods. */
export function reportJson(reports: readonly IndicatorReport[], year: number, granularity: PeriodGranularity): ReportJson {
  return {
    year,
    granularity,
    asOf: reports[0]?.year.asOf ?? null,
    indicators: reports.map((report) => ({
      indicator: report.indicator.slug,
      description: report.indicator.description,
      card: { service: report.service.slug, edition: report.card.edition, year: report.card.year },
      service: report.service,
      position: report.indicator.position,
      dimension: report.indicator.dimension,
      subdimension: report.indicator.subdimension,
      measure: { kind: report.measureKind, description: report.measureDescription },
      ...evaluationJson(report.year),
      periods: report.periods.map((evaluation) => ({ period: evaluation.period.key, from: evaluation.period.from, to: evaluation.period.to, ...evaluationJson(evaluation) })),
    })),
  };
}

function evaluationJson(evaluation: IndicatorEvaluation): EvaluationJson {
  const { target } = evaluation;
  return {
    value: evaluation.value,
    numerator: evaluation.numerator,
    denominator: evaluation.denominator,
    unit: evaluation.unit,
    target: { text: target.text, comparator: target.comparator, value: target.value, unit: target.unit },
    status: evaluation.status,
    budgetLeft: evaluation.budgetLeft,
    forecast: evaluation.forecast,
    asOf: evaluation.asOf,
    explanation: evaluation.explanation,
  };
}

/** A plain-text table: service, indicator, value, target, status, budget, forecast. */
export function reportTable(reports: readonly IndicatorReport[], year: number): string {
  if (reports.length === 0) return `No card is in force in ${year}: import cards with \`misura import <files…>\`.`;
  const header = ['service', 'indicator', 'value', 'target', 'status', 'budget', 'forecast'];
  const lines = reports.map((report) => {
    const { year: evaluation } = report;
    return [
      `${report.service.slug} (${report.card.edition})`,
      report.indicator.slug,
      amount(evaluation.value, evaluation.unit),
      targetText(evaluation.target),
      evaluation.status,
      evaluation.budgetLeft === null ? '—' : String(evaluation.budgetLeft),
      amount(evaluation.forecast, evaluation.unit),
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)));
  const render = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  const asOf = reports[0]?.year.asOf;
  return [`Report ${year}${asOf ? `, data up to ${asOf}` : ''}`, render(header), render(widths.map((w) => '-'.repeat(w))), ...lines.map(render)].join('\n');
}

const UNIT_SUFFIX: Record<TargetUnit, string> = { percent: '%', days: ' days', 'working-days': ' working days', hours: ' h', minutes: ' min', count: '' };

function amount(value: number | null, unit: TargetUnit | null): string {
  if (value === null) return '—';
  const rounded = String(Math.round(value * 100) / 100);
  if (unit === null) return rounded;
  // "1 day", not "1 days".
  const suffix = value === 1 && (unit === 'days' || unit === 'working-days') ? UNIT_SUFFIX[unit].slice(0, -1) : UNIT_SUFFIX[unit];
  return `${rounded}${suffix}`;
}

function targetText(target: Target): string {
  if (target.comparator === null || target.value === null) return target.text;
  const symbol = target.comparator === '>=' ? '≥' : target.comparator === '<=' ? '≤' : '=';
  return `${symbol} ${amount(target.value, target.unit)}`;
}
