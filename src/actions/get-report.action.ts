import type { Indicator } from '../domain/cards/card.ts';
import { addDays, DEFAULT_WORK_CALENDAR, localDateOf, startOfLocalDay, type WorkCalendar } from '../domain/calendar/index.ts';
import type { DayRollup } from '../domain/evaluation/day-rollup.ts';
import { evaluateIndicator } from '../domain/evaluation/evaluate.ts';
import type { EvaluationReason, IndicatorEvaluation, Period, PeriodGranularity } from '../domain/evaluation/evaluation.ts';
import { reportHeadOf, type IndicatorReport } from '../domain/evaluation/indicator-report.ts';
import { periodsOf } from '../domain/evaluation/period.ts';
import type { Measure } from '../domain/measures/measure.ts';
import { describeMeasure } from '../domain/measures/measure-describe.ts';
import { UserError } from '../domain/shared/errors.ts';
import type { Database } from '../storage/database.ts';
import { listCards, type StoredCard } from '../storage/repositories/card.repository.ts';
import { listIndicatorFaults } from '../storage/repositories/indicator-fault.repository.ts';
import { listMeasures } from '../storage/repositories/measure.repository.ts';
import { findFirstRollupDate, findRollups, type RollupReadStats } from '../storage/repositories/rollup.repository.ts';
import { findFirstEventOfSources } from '../storage/repositories/source.repository.ts';
import { openItemsOf, relevantKinds, type OpenItems } from '../domain/measures/day-fold.ts';
import { durationLimitOf, effectiveTargetOf } from '../domain/measures/measure-target.ts';
import { findOpenStarts } from '../storage/repositories/event.repository.ts';
import type { Queryable } from '../storage/schema.ts';
import { drainRollupQueue, type DrainSummary } from './drain-rollup-queue.action.ts';
import { channelHoursOf, kindsOf } from './rebuild-rollups.action.ts';

export interface GetReportDeps {
  database: Database;
  /** The clock: data is judged up to the day before today. Tests pin it. */
  now?: () => Date;
  calendar?: WorkCalendar;
  /** Counts the rollup rows read (tests show a report reads days, not events). */
  rollupReads?: RollupReadStats;
  /** Drains the rollup queue instead of drainRollupQueue on this thread (the context's drain worker). */
  drainRollupQueue?: () => Promise<DrainSummary>;
  /**
   * 'before-reading' (the default, for the CLI): queued days are recomputed before evaluating, so the report is
   * complete. 'in-background' (a server): the report is evaluated from the rollups as they are, and the caller drains
   * the queue apart (report-cache.action.ts), so that no reader waits for a catch-up.
   */
  catchUp?: 'before-reading' | 'in-background';
}

/** Recomputes the queued rollup days: through deps.drainRollupQueue when given, else on this thread. */
export function drainQueuedRollups(deps: GetReportDeps): Promise<DrainSummary> {
  return deps.drainRollupQueue === undefined ? drainRollupQueue(deps) : deps.drainRollupQueue();
}

export interface ReportRequest {
  year: number;
  /** How `periods` cuts the year. */
  granularity: PeriodGranularity;
}

/** One indicator of the card in force, by service and indicator slug: the back office's drill-down evaluates it alone. */
export interface ReportFilter {
  service: string;
  indicator: string;
}

export const NO_MEASURE_EXPLANATION = 'no measure declared';

/** The explanation of an indicator that could not be computed; its report's `fault` says why. */
export const FAULT_EXPLANATION = 'the result could not be computed';

/**
 * Every indicator of the cards in force in `year`, evaluated from its day rollups (at most 366 rows per indicator,
 * whatever the number of events): the whole year and each started period, judged up to the day before today
 * (Europe/Rome, or the calendar's zone) or the period's end. The card in force for a service is its latest edition
 * dated `year` or earlier, else its undated one; a service with only later editions is left out. An indicator without
 * a measure, or whose measure no longer fits its target, is reported with status 'no-data' and says why.
 * Days still queued by the HTTP ingestion (say, left by a crash) are recomputed first, unless deps.catchUp says a
 * server does it in the background. An indicator that cannot be computed is reported with a `fault`, never failing
 * the report. With `only`, just that indicator is evaluated, by the very same steps.
 */
export async function getReport(deps: GetReportDeps, request: ReportRequest, only?: ReportFilter): Promise<IndicatorReport[]> {
  if (deps.catchUp !== 'in-background') await drainQueuedRollups(deps);
  const { db } = deps.database;
  const calendar = deps.calendar ?? DEFAULT_WORK_CALENDAR;
  const [yearPeriod] = periodsOf(request.year, 'year');
  if (yearPeriod === undefined) throw new UserError(`no period for ${request.year}`);
  const periods = periodsOf(request.year, request.granularity);
  const yesterday = addDays(localDateOf(deps.now?.() ?? new Date(), calendar.timeZone), -1);
  const asOfIn = (period: Period) => (yesterday < period.to ? yesterday : period.to);

  const measures = new Map((await listMeasures(db)).map((stored) => [stored.indicatorId, stored.measure]));
  const faults = new Map((await listIndicatorFaults(db)).map((fault) => [fault.indicatorId, fault]));
  const reports: IndicatorReport[] = [];
  for (const stored of cardsInForce(await listCards(db, { statuses: ['published'] }), request.year)) {
    const channels = channelHoursOf(stored.card.service);
    if (only !== undefined && stored.card.service.slug !== only.service) continue;
    for (const [index, indicator] of stored.card.indicators.entries()) {
      if (only !== undefined && indicator.slug !== only.indicator) continue;
      const id = stored.indicatorIds[index];
      const measure = id === undefined ? undefined : measures.get(id);
      const head = reportHeadOf(stored.card, indicator);
      if (id === undefined || measure === undefined) {
        reports.push({
          ...head,
          measureDescription: { it: 'Nessuna misura dichiarata.', en: 'No measure declared.' },
          measureKind: 'none',
          year: unjudged(indicator, yearPeriod, asOfIn(yearPeriod), NO_MEASURE_EXPLANATION, { code: 'no-measure' }),
          periods: [],
        });
        continue;
      }
      const reading = targetReadingOf(indicator, measure);
      const described = {
        measureDescription: { it: describeMeasure(measure, 'it'), en: describeMeasure(measure, 'en') },
        measureKind: measure.kind,
        ...(reading === undefined ? {} : { targetReading: reading }),
      };
      const recorded = faults.get(id);
      if (recorded !== undefined) {
        // Its rollups may lack the days that failed: no number is better than a wrong one.
        reports.push(faultyReport(head, described, indicator, yearPeriod, asOfIn(yearPeriod), { reason: recorded.reason, since: recorded.since }));
        continue;
      }
      const rollups = await findRollups(db, id, yearPeriod.from, yearPeriod.to, deps.rollupReads);
      const measuredFrom = await findMeasuredFrom(db, id, measure, calendar);
      const openItems = await findOpenItems(db, measure, indicator, yearPeriod, asOfIn(yearPeriod), calendar, channels);
      const evaluate = (period: Period): IndicatorEvaluation =>
        judge(measure, indicator, rollups, period, asOfIn(period), calendar, channels, measuredFrom, openItems);
      try {
        reports.push({
          ...head,
          ...described,
          year: evaluate(yearPeriod),
          periods: periods.filter((period) => period.from <= yesterday).map(evaluate),
        });
      } catch (error) {
        // A failure of one indicator degrades that indicator, never the whole report (and the site with it).
        const reason = error instanceof Error ? error.message : String(error);
        reports.push(faultyReport(head, described, indicator, yearPeriod, asOfIn(yearPeriod), { reason, since: null }));
      }
    }
  }
  return reports;
}

/**
 * A duration's items started this year and not ended by the end of `asOf` (a request asked on 1 September and never
 * answered): the evaluation counts those already over the limit. Starts of an earlier year are not looked at.
 */
async function findOpenItems(
  db: Queryable,
  measure: Measure,
  indicator: Indicator,
  year: Period,
  asOf: string,
  calendar: WorkCalendar,
  channels: ReturnType<typeof channelHoursOf>,
): Promise<OpenItems | undefined> {
  if (measure.kind !== 'duration' || asOf < year.from) return undefined;
  const startKinds = kindsOf(measure.start);
  const endKinds = kindsOf(measure.end);
  // A start that is also an end kind would count as its own end: such a measure has no open items to find.
  if (startKinds.some((kind) => endKinds.includes(kind))) return undefined;
  const starts = await findOpenStarts(db, startKinds, endKinds, year.from, asOf);
  const target = effectiveTargetOf(measure, indicator.target);
  const context = { calendar, channels, durationLimit: durationLimitOf(measure, target) };
  return openItemsOf(measure, starts.map((stored) => stored.event), startOfLocalDay(addDays(asOf, 1), calendar.timeZone), context);
}

/** The measure's reading of a valore programmato that is not a number, when that is what is judged. */
function targetReadingOf(indicator: Indicator, measure: Measure): IndicatorReport['targetReading'] {
  const { target } = indicator;
  if (target.measurable && target.value !== null && target.comparator !== null) return undefined;
  return measure.interpretation;
}

/**
 * The first local date an indicator is measured: the measure's own measuredFrom when declared; for a count, the day
 * its sources began sending anything (a count of rare events is measured while its feeds speak, even when they have
 * nothing to count); else the first day with a rollup (its first check, call, request…). null: never measured.
 */
async function findMeasuredFrom(db: Queryable, indicatorId: number, measure: Measure, calendar: WorkCalendar): Promise<string | null> {
  if (measure.measuredFrom !== undefined) return measure.measuredFrom;
  if (measure.kind === 'count') {
    const first = await findFirstEventOfSources(db, relevantKinds(measure), measure.select.source);
    return first === null ? null : localDateOf(new Date(first), calendar.timeZone);
  }
  return findFirstRollupDate(db, indicatorId);
}

/** Per service, the card in force in `year`, keeping listCards' order (organisation, service). */
export function cardsInForce(cards: readonly StoredCard[], year: number): StoredCard[] {
  const byService = new Map<number, StoredCard>();
  const undated = new Map<number, StoredCard>();
  for (const card of cards) {
    const { year: edition } = card.card;
    if (edition === null) {
      undated.set(card.serviceId, card);
    } else if (edition <= year) {
      const best = byService.get(card.serviceId);
      if (best === undefined || (best.card.year ?? -Infinity) < edition) byService.set(card.serviceId, card);
    }
  }
  const services = [...new Set(cards.map((card) => card.serviceId))];
  return services.flatMap((serviceId) => {
    const card = byService.get(serviceId) ?? undated.get(serviceId);
    return card === undefined ? [] : [card];
  });
}

function judge(
  measure: Measure,
  indicator: Indicator,
  rollups: readonly DayRollup[],
  period: Period,
  asOf: string,
  calendar: WorkCalendar,
  channels: ReturnType<typeof channelHoursOf>,
  measuredFrom: string | null,
  openItems: OpenItems | undefined,
): IndicatorEvaluation {
  try {
    return evaluateIndicator({ measure, target: indicator.target, rollups, period, asOf, calendar, channels, measuredFrom, ...(openItems === undefined ? {} : { openItems }) });
  } catch (error) {
    // A card re-imported with another target can leave a measure that no longer fits: report it, do not fail the page.
    if (error instanceof UserError) return unjudged(indicator, period, asOf, error.message, { code: 'misfit', detail: error.message });
    throw error;
  }
}

function faultyReport(
  head: ReturnType<typeof reportHeadOf>,
  described: Pick<IndicatorReport, 'measureDescription' | 'measureKind' | 'targetReading'>,
  indicator: Indicator,
  yearPeriod: Period,
  asOf: string,
  fault: NonNullable<IndicatorReport['fault']>,
): IndicatorReport {
  return { ...head, ...described, year: unjudged(indicator, yearPeriod, asOf, FAULT_EXPLANATION, { code: 'fault' }), periods: [], fault };
}

function unjudged(indicator: Indicator, period: Period, asOf: string, explanation: string, reason: EvaluationReason): IndicatorEvaluation {
  return {
    period,
    value: null,
    numerator: null,
    denominator: null,
    unit: indicator.target.unit,
    target: indicator.target,
    status: 'no-data',
    budgetLeft: null,
    forecast: null,
    asOf,
    explanation,
    reason,
  };
}

