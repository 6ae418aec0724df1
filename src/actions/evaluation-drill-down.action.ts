import { addDays, DEFAULT_WORK_CALENDAR, holidaysOf, isWorkingDay, localDateOf, parseLocalDate } from '../domain/calendar/index.ts';
import { evaluateIndicator } from '../domain/evaluation/evaluate.ts';
import type { EvaluationStatus, IndicatorEvaluation } from '../domain/evaluation/evaluation.ts';
import type { IndicatorReport } from '../domain/evaluation/indicator-report.ts';
import { dayPeriod } from '../domain/evaluation/period.ts';
import type { MeasureEvent } from '../domain/events/event.ts';
import { ownDateSelectorsOf } from '../domain/measures/day-fold.ts';
import { matchesAnySelector } from '../domain/measures/event-match.ts';
import type { EventSelector, Measure } from '../domain/measures/measure.ts';
import { UserError } from '../domain/shared/errors.ts';
import { findEventsBySubjects, findEventsOnDatePage } from '../storage/repositories/event.repository.ts';
import { findRollups } from '../storage/repositories/rollup.repository.ts';
import type { Queryable } from '../storage/schema.ts';
import { getReport, type GetReportDeps } from './get-report.action.ts';
import { findIndicatorInForce } from './indicator-in-force.ts';
import { channelHoursOf } from './rebuild-rollups.action.ts';

export type DrillDownDeps = GetReportDeps;

/** Which indicator, year and (optionally) day to drill into. */
export interface DrillDownRequest {
  service: string;
  indicator: string;
  year: number;
  /** A local date of that year: its events are listed. */
  day?: string;
}

/** One day of a month, judged alone by the same rules as its month. */
export interface DrillDownDay {
  date: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: EvaluationStatus;
  workingDay: boolean;
  /** The holiday's name, when the day is a national or local holiday. */
  holiday: string | null;
}

export interface DrillDownMonth {
  /** The month as the report gives it. */
  evaluation: IndicatorEvaluation;
  /** Its days up to the report's "as of" date. */
  days: DrillDownDay[];
}

/** The events the measure reads on one day: the first DAY_EVENTS_SHOWN of them and how many there are. */
export interface DrillDownDayEvents {
  date: string;
  events: MeasureEvent[];
  total: number;
}

export interface DrillDown {
  /** The indicator's year and months, exactly as the report gives them. */
  report: IndicatorReport;
  months: DrillDownMonth[];
  /**
   * Whether the days' numerators and denominators add up to their month's and the year's (shares, available days,
   * counts); a longest or average item, or a latest value, is not a sum of days.
   */
  additive: boolean;
  day?: DrillDownDayEvents;
}

/** Events listed on the day view; the CSV has them all. */
export const DAY_EVENTS_SHOWN = 200;
/** Events read per round trip, so a busy day is never held whole. */
const EVENT_PAGE = 1000;

/**
 * The drill-down of one indicator of the card in force: its year and months from getReport (the numbers `misura
 * report` gives), each month's days judged by the same evaluation over a one-day period from the same rollups, and for
 * a chosen day the events its measure reads. undefined when the card in force has no such indicator.
 */
export async function getEvaluationDrillDown(deps: DrillDownDeps, request: DrillDownRequest): Promise<DrillDown | undefined> {
  const [report] = await getReport(deps, { year: request.year, granularity: 'month' }, { service: request.service, indicator: request.indicator });
  if (report === undefined) return undefined;
  const { db } = deps.database;
  const calendar = deps.calendar ?? DEFAULT_WORK_CALENDAR;
  const found = await findIndicatorInForce(db, request.year, request.service, request.indicator);
  const measure = found?.measure;
  const day = request.day === undefined ? undefined : checkedDay(request.day, request.year);
  if (found === undefined || measure === undefined) return { report, months: report.periods.map((evaluation) => ({ evaluation, days: [] })), additive: false };

  const judged = report.fault === undefined && report.year.reason?.code !== 'misfit';
  const rollups = judged ? await findRollups(db, found.indicatorId, `${request.year}-01-01`, `${request.year}-12-31`) : [];
  const holidays = new Map(holidaysOf(request.year, { localHolidays: calendar.localHolidays }).map((h) => [h.date, h.name]));
  const yesterday = addDays(localDateOf(deps.now?.() ?? new Date(), calendar.timeZone), -1);
  const channels = channelHoursOf(found.service);
  const measuredFrom = report.year.measuredFrom ?? null;
  const months = report.periods.map((evaluation) => {
    const days: DrillDownDay[] = [];
    const last = evaluation.period.to < yesterday ? evaluation.period.to : yesterday;
    for (let date = evaluation.period.from; date <= last; date = addDays(date, 1)) {
      const base = { date, workingDay: isWorkingDay(date, calendar), holiday: holidays.get(date) ?? null };
      if (!judged) {
        days.push({ ...base, value: null, numerator: null, denominator: null, status: 'no-data' });
        continue;
      }
      const judgedDay = judgeDay(() => evaluateIndicator({ measure, target: found.indicator.target, rollups, period: dayPeriod(date), asOf: date, calendar, channels, measuredFrom }));
      days.push({ ...base, value: judgedDay?.value ?? null, numerator: judgedDay?.numerator ?? null, denominator: judgedDay?.denominator ?? null, status: judgedDay?.status ?? 'no-data' });
    }
    return { evaluation, days };
  });
  const drillDown: DrillDown = { report, months, additive: isAdditive(measure) };
  if (day !== undefined) drillDown.day = await listDayEvents(db, measure, day);
  return drillDown;
}

/**
 * Every event the indicator's measure reads on one local date (the day view's CSV), page by page: memory stays flat
 * whatever the day holds. Throws a UserError when the card in force has no such indicator with a measure.
 */
export async function* streamDayEvents(deps: DrillDownDeps, request: DrillDownRequest & { day: string }): AsyncGenerator<MeasureEvent> {
  const { db } = deps.database;
  const found = await findIndicatorInForce(db, request.year, request.service, request.indicator);
  if (found?.measure === undefined) throw new UserError(`no indicator "${request.indicator}" with a measure in the card of service "${request.service}" in force in ${request.year}`, { field: 'indicator' });
  const day = checkedDay(request.day, request.year);
  for await (const event of eventsOfDay(db, found.measure, day)) yield event;
}

async function listDayEvents(db: Queryable, measure: Measure, date: string): Promise<DrillDownDayEvents> {
  const events: MeasureEvent[] = [];
  let total = 0;
  for await (const event of eventsOfDay(db, measure, date)) {
    total += 1;
    if (events.length < DAY_EVENTS_SHOWN) events.push(event);
  }
  return { date, events, total };
}

/**
 * The events behind the day's rollup: those the measure's own-date selectors pick, in the order they were stored; for a
 * duration these are the ends of the items counted that day, followed by the starts of the same subjects (a start may
 * lie on an earlier day).
 */
async function* eventsOfDay(db: Queryable, measure: Measure, date: string): AsyncGenerator<MeasureEvent> {
  const selectors: EventSelector[] = ownDateSelectorsOf(measure);
  const subjects = new Set<string>();
  let after = 0;
  for (;;) {
    const page = await findEventsOnDatePage(db, kindsOfAll(selectors), date, after, EVENT_PAGE);
    for (const stored of page) {
      if (!matchesAnySelector(stored.event, selectors)) continue;
      if (measure.kind === 'duration' && stored.event.subject !== null) subjects.add(stored.event.subject);
      yield stored.event;
    }
    const lastRow = page.at(-1);
    if (lastRow === undefined || page.length < EVENT_PAGE) break;
    after = lastRow.rowId;
  }
  if (measure.kind !== 'duration' || subjects.size === 0) return;
  for (const stored of await findEventsBySubjects(db, kindsOfAll([measure.start]), [...subjects])) {
    if (matchesAnySelector(stored.event, [measure.start])) yield stored.event;
  }
}

function kindsOfAll(selectors: readonly EventSelector[]): string[] {
  return [...new Set(selectors.flatMap((selector) => (typeof selector.kind === 'string' ? [selector.kind] : selector.kind)))];
}

/** A day's evaluation, or undefined when the measure cannot judge it (as the report marks such an indicator no-data). */
function judgeDay(evaluate: () => IndicatorEvaluation): IndicatorEvaluation | undefined {
  try {
    return evaluate();
  } catch (error) {
    if (error instanceof UserError) return undefined;
    throw error;
  }
}

function isAdditive(measure: Measure): boolean {
  if (measure.kind === 'snapshot') return false;
  if (measure.kind === 'duration') return measure.statistic === 'share-within';
  return true;
}

function checkedDay(day: string, year: number): string {
  try {
    parseLocalDate(day);
  } catch {
    throw new UserError(`"${day}" is not a date written YYYY-MM-DD`, { field: 'giorno' });
  }
  if (!day.startsWith(`${year}-`)) throw new UserError(`${day} is not in ${year}`, { field: 'giorno' });
  return day;
}
