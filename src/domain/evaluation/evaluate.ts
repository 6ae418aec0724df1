import type { OpeningHours } from '../cards/card.ts';
import type { Comparator, Target, TargetUnit } from '../cards/target.ts';
import { addDays, countWorkingDays, daysBetween, isServiceDay, parseLocalDate } from '../calendar/index.ts';
import type { WorkCalendar } from '../calendar/index.ts';
import type { OpenItems } from '../measures/day-fold.ts';
import type { AvailabilityDaysMeasure, CountMeasure, Measure } from '../measures/measure.ts';
import { effectiveTargetOf } from '../measures/measure-target.ts';
import { checkMeasureFitsTarget, unitOfMeasure } from '../measures/measure-unit.ts';
import { UserError } from '../shared/errors.ts';
import type { DayRollup } from './day-rollup.ts';
import type { EvaluationNoun, EvaluationReason, EvaluationStatus, IndicatorEvaluation, Period } from './evaluation.ts';

/** Days of recent history the forecast extrapolates from (as Pyrra's 28-day base window). */
export const FORECAST_WINDOW_DAYS = 28;
/** Below this share of the period's allowance left, a target still met is flagged at risk. */
export const LOW_BUDGET_SHARE = 0.1;
const EPSILON = 1e-9;

export interface EvaluateInput {
  measure: Measure;
  /** The card's valore programmato; a qualitative one is replaced by the measure's interpretation. */
  target: Target;
  /** The indicator's day rollups (one per date; others outside the period are ignored). */
  rollups: readonly DayRollup[];
  period: Period;
  /** Last local date whose data is considered ('YYYY-MM-DD'); on or after period.to the period is complete. */
  asOf: string;
  calendar: WorkCalendar;
  /** Service hours per channel, needed by availability-days measures counted within service hours. */
  channels?: Readonly<Record<string, OpeningHours | null | undefined>>;
  /**
   * The first local date measured: days before it are no-data, never counted for or against the administration.
   * null: never measured (no declaration, no event from its sources), so every period is no-data. Absent: from the
   * period's start (callers that know nothing more, such as unit tests of a rule).
   */
  measuredFrom?: string | null;
  /** Duration measures: the items open at the end of asOf (see openItemsOf); applied to a period that is still running. */
  openItems?: OpenItems;
}

/** What a measure kind reads from the rollups; the status and explanation are then derived the same way for all. */
interface Reading {
  value: number;
  numerator: number;
  denominator: number;
  /** Sentence part stating the value, e.g. "412 of 430 calls met the condition (95.81%)". */
  said: string;
  budgetLeft: number | null;
  /** The whole period's allowance of bad items or days, against which a low budget is judged. */
  allowance: number | null;
  /** What the budget counts, plural ("unavailable days"). */
  budgetNoun: string;
  forecast: number | null;
  /** Already fails in a way the rest of the period cannot undo (a ≤ count over its maximum, a max over its limit). */
  cannotRecover: boolean;
  /** A cumulative value that only grows (count): being under a ≥ target mid-period is not yet a failure. */
  grows: boolean;
  /** What the numerator and denominator count. */
  noun: EvaluationNoun;
}

interface Span {
  period: Period;
  /** First date judged: the period's start, or the indicator's measured-from date when later. */
  from: string;
  /** Last date considered: min(asOf, period.to). */
  end: string;
  complete: boolean;
  elapsedDays: number;
  remainingDays: number;
  periodDays: number;
  byDate: Map<string, DayRollup>;
  /** Rollups of the last FORECAST_WINDOW_DAYS days (or all days so far) up to `end`. */
  windowDays: number;
  windowStart: string;
}

/**
 * Judges one indicator over one period from its day rollups: value, status, budget, forecast and a plain sentence.
 * Throws a UserError when the measure cannot give the target's unit or the target has no number to judge.
 */
export function evaluateIndicator(input: EvaluateInput): IndicatorEvaluation {
  const { measure, period } = input;
  const misfit = checkMeasureFitsTarget(measure, input.target);
  const target = effectiveTargetOf(measure, input.target);
  if (misfit !== null || target === null || target.value === null || target.comparator === null) {
    throw new UserError(misfit ?? `the target "${input.target.text}" cannot be judged`, { field: 'measure' });
  }
  parseLocalDate(input.asOf);
  const unit = unitOfMeasure(measure, target);
  const measuredFrom = input.measuredFrom === undefined ? period.from : input.measuredFrom;
  const base = { period, unit, target, numerator: null, denominator: null, budgetLeft: null, forecast: null, measuredFrom: input.measuredFrom ?? null };
  const noData = (asOf: string, explanation: string, reason: EvaluationReason): IndicatorEvaluation => ({ ...base, value: null, status: 'no-data', asOf, explanation, reason });

  if (input.asOf < period.from) {
    return noData(input.asOf, `${period.key} had not started by ${input.asOf}: nothing to judge yet.`, { code: 'not-started' });
  }
  const end = input.asOf < period.to ? input.asOf : period.to;
  if (measuredFrom === null) {
    return noData(end, `Not measured yet: no event from its sources and no date it is measured from: nothing to judge in ${period.key}.`, { code: 'never-measured' });
  }
  if (measuredFrom > end) {
    return noData(end, `Measured from ${measuredFrom}: nothing to judge in ${period.key}.`, { code: 'before-measured-from', measuredFrom });
  }
  const span = spanOf(period, measuredFrom > period.from ? measuredFrom : period.from, input.asOf, input.rollups);
  const shareOfTarget = yearlyShareOf(measure, target, period);
  const judgedValue = shareOfTarget ?? target.value;
  const reading = readingOf(measure, target.comparator, judgedValue, span, input);
  if (reading === null) {
    const upTo = span.complete ? '' : ` up to ${span.end}`;
    return noData(span.end, `No observations in ${period.key}${upTo}: nothing to judge.`, { code: 'no-observations' });
  }
  const status = statusOf(reading, target.comparator, judgedValue, span.complete);
  const openItems = measure.kind === 'duration' ? openItemsIn(span, input) : undefined;
  return {
    period,
    value: reading.value,
    numerator: reading.numerator,
    denominator: reading.denominator,
    unit,
    target,
    status,
    budgetLeft: reading.budgetLeft,
    forecast: span.complete ? null : reading.forecast,
    asOf: span.end,
    explanation: explain(reading, status, span, target.comparator, judgedValue, unit, shareOfTarget !== null) + openText(openItems),
    reason: reasonOf(reading, status, span, target.comparator, judgedValue, measure),
    measuredFrom: input.measuredFrom ?? null,
    ...(shareOfTarget === null ? {} : { shareOfTarget }),
    ...(openItems === undefined ? {} : { openItems: { count: openItems.count, overLimit: openItems.overLimit } }),
  };
}

/**
 * A count limited per year and judged over a month or a quarter is judged against that period's pro-rata share of
 * the yearly value (15 days a year → 15 × 31 / 365 in January), not against the whole year's; null otherwise.
 */
function yearlyShareOf(measure: Measure, target: { value: number | null; period: Target['period'] }, period: Period): number | null {
  if (measure.kind !== 'count' || period.granularity === 'year' || target.value === null) return null;
  if (target.period !== null && target.period !== 'year') return null;
  const year = period.from.slice(0, 4);
  const yearDays = daysBetween(`${year}-01-01`, `${year}-12-31`) + 1;
  return (target.value * (daysBetween(period.from, period.to) + 1)) / yearDays;
}

/** Whether a value satisfies a comparator against a target value (with floating-point tolerance). */
export function meetsTarget(value: number, comparator: Comparator, target: number): boolean {
  if (comparator === '>=') return value + EPSILON >= target;
  if (comparator === '<=') return value <= target + EPSILON;
  return Math.abs(value - target) <= EPSILON;
}

function spanOf(period: Period, from: string, asOf: string, rollups: readonly DayRollup[]): Span {
  const end = asOf < period.to ? asOf : period.to;
  const byDate = new Map<string, DayRollup>();
  for (const rollup of rollups) if (rollup.date >= from && rollup.date <= end) byDate.set(rollup.date, rollup);
  const elapsedDays = daysBetween(from, end) + 1;
  const periodDays = daysBetween(from, period.to) + 1;
  const windowDays = Math.min(FORECAST_WINDOW_DAYS, elapsedDays);
  return {
    period,
    from,
    end,
    complete: end === period.to,
    elapsedDays,
    remainingDays: periodDays - elapsedDays,
    periodDays,
    byDate,
    windowDays,
    windowStart: addDays(end, 1 - windowDays),
  };
}

function readingOf(measure: Measure, comparator: Comparator, target: number, span: Span, input: EvaluateInput): Reading | null {
  switch (measure.kind) {
    case 'ratio':
      // Lower is better ("complaints ≤ 1%"): the events counted are the bad ones, and are said to be counted.
      if (comparator === '<=') return readShare(span, comparator, target, 'events', 'were counted', 'events-counted');
      return readShare(span, comparator, target, 'events', 'met the condition', 'events-met');
    case 'register':
      return readShare(span, comparator, target, 'register entries', 'met the condition', 'register-entries');
    case 'freshness':
      return readShare(span, comparator, target, 'item observations', 'were up to date', 'observations-up-to-date');
    case 'availability-days':
      return readAvailability(measure, span, comparator, target, input);
    case 'duration': {
      const open = openItemsIn(span, input);
      if (measure.statistic === 'share-within') return readShare(span, comparator, target, 'items', 'were completed within the limit', 'items-within-limit', open?.overLimit ?? 0);
      if (measure.statistic === 'max') return readMax(span, comparator, target, unitOfMeasure(measure), open);
      return readMean(span, unitOfMeasure(measure));
    }
    case 'count':
      return readCount(measure, span, comparator, target, input.calendar);
    case 'snapshot':
      return readSnapshot(span, unitOfMeasure(measure, input.target));
  }
}

/** The open items, when the period is still running as of asOf (items open now belong to the period they are open in). */
function openItemsIn(span: Span, input: EvaluateInput): OpenItems | undefined {
  return span.complete || span.end !== input.asOf ? undefined : input.openItems;
}

function sums(span: Span, from: string = span.from): { good: number; total: number; sum: number; days: number } {
  let good = 0;
  let total = 0;
  let sum = 0;
  let days = 0;
  for (const rollup of span.byDate.values()) {
    if (rollup.date < from) continue;
    good += rollup.good;
    total += rollup.total;
    sum += rollup.sum;
    days += 1;
  }
  return { good, total, sum, days };
}

/** good / total as a percentage; the budget extrapolates the period's total from the daily rate so far (Kibana). */
function readShare(span: Span, comparator: Comparator, target: number, noun: string, verb: string, nounKey: EvaluationNoun, openMisses = 0): Reading | null {
  const summed = sums(span);
  const good = summed.good;
  // Open items already over their limit are misses now, whenever they end.
  const total = summed.total + openMisses;
  if (total === 0) return null;
  const value = (good / total) * 100;
  const expectedTotal = span.complete ? total : (total / span.elapsedDays) * span.periodDays;
  let allowance: number | null = null;
  let budgetLeft: number | null = null;
  let budgetNoun = `${noun} not meeting the condition`;
  if (comparator === '>=') {
    allowance = expectedTotal * (1 - target / 100);
    budgetLeft = Math.floor(allowance - (total - good) + EPSILON);
  } else if (comparator === '<=') {
    // Lower is better: the counted items are the bad ones ("complaints ≤ 1%").
    allowance = expectedTotal * (target / 100);
    budgetLeft = Math.floor(allowance - good + EPSILON);
    budgetNoun = `${noun} meeting the condition`;
  }
  const recent = sums(span, span.windowStart);
  const goodRate = recent.good / span.windowDays;
  const totalRate = recent.total / span.windowDays;
  const forecast = ((good + goodRate * span.remainingDays) / (total + totalRate * span.remainingDays)) * 100;
  return {
    value,
    numerator: good,
    denominator: total,
    said: `${good} of ${total} ${noun} ${verb} (${formatNumber(value)}%)`,
    budgetLeft,
    allowance,
    budgetNoun,
    forecast,
    cannotRecover: false,
    grows: false,
    noun: nounKey,
  };
}

/**
 * Available days / judged days. Judged: every day of the period so far, except days with no data when the rule
 * excludes them, and days that are not service days when checks count only within service hours.
 */
function readAvailability(measure: AvailabilityDaysMeasure, span: Span, comparator: Comparator, target: number, input: EvaluateInput): Reading | null {
  // A period without any check still counts its days as unavailable when the rule says so (after the measured-from
  // date): the year and its months then count the same days.
  let hours: OpeningHours | null = null;
  if (measure.withinServiceHoursOf !== undefined) {
    hours = input.channels?.[measure.withinServiceHoursOf] ?? null;
    if (hours === null) throw new UserError(`channel "${measure.withinServiceHoursOf}" has no service hours to judge its days by`, { field: 'withinServiceHoursOf' });
  }
  const isJudgedDay = (date: string): boolean => hours === null || isServiceDay(date, hours, input.calendar);
  let available = 0;
  let unavailable = 0;
  let recentAvailable = 0;
  let recentJudged = 0;
  for (let date = span.from; date <= span.end; date = addDays(date, 1)) {
    if (!isJudgedDay(date)) continue;
    const rollup = span.byDate.get(date);
    let state: 'available' | 'unavailable' | 'excluded';
    if (rollup === undefined || rollup.total === 0) state = measure.daysWithoutData === 'unavailable' ? 'unavailable' : 'excluded';
    else state = rollup.good > 0 ? 'available' : 'unavailable';
    if (state === 'excluded') continue;
    if (state === 'available') available += 1;
    else unavailable += 1;
    if (date >= span.windowStart) {
      recentJudged += 1;
      if (state === 'available') recentAvailable += 1;
    }
  }
  const judged = available + unavailable;
  if (judged === 0) return null;
  let futureDays = 0;
  for (let date = addDays(span.end, 1); date <= span.period.to; date = addDays(date, 1)) if (isJudgedDay(date)) futureDays += 1;
  const expected = judged + futureDays;
  const value = (available / judged) * 100;
  let allowance: number | null = null;
  let budgetLeft: number | null = null;
  if (comparator === '>=') {
    allowance = Math.floor(expected * (1 - target / 100) + EPSILON);
    budgetLeft = allowance - unavailable;
  } else if (comparator === '<=') {
    allowance = Math.floor(expected * (target / 100) + EPSILON);
    budgetLeft = allowance - available;
  }
  const best = ((available + futureDays) / expected) * 100;
  const worst = (available / expected) * 100;
  const cannotRecover = comparator === '>=' ? !meetsTarget(best, comparator, target) : comparator === '<=' ? !meetsTarget(worst, comparator, target) : false;
  const rate = recentJudged > 0 ? recentAvailable / recentJudged : available / judged;
  const forecast = ((available + rate * futureDays) / expected) * 100;
  return {
    value,
    numerator: available,
    denominator: judged,
    said: `${available} of ${judged} days were available (${formatNumber(value)}%)`,
    budgetLeft,
    allowance,
    budgetNoun: comparator === '<=' ? 'available days' : 'unavailable days',
    forecast,
    cannotRecover,
    grows: false,
    noun: 'available-days',
  };
}

/** The longest item; with a ≤ target no item may exceed it, so the budget is 0 or minus the items over. */
function readMax(span: Span, comparator: Comparator, target: number, unit: TargetUnit, open?: OpenItems): Reading | null {
  const summed = sums(span);
  // An open item already over the limit is the longest so far: the maximum is already missed.
  const openOver = open !== undefined && open.overLimit > 0 && open.longest !== null ? open : undefined;
  const good = summed.good;
  const total = summed.total + (openOver?.overLimit ?? 0);
  if (total === 0) return null;
  const value = Math.max(...[...span.byDate.values()].map((rollup) => rollup.max ?? 0), openOver?.longest ?? 0);
  const over = comparator === '<=' && !meetsTarget(value, comparator, target);
  return {
    value,
    numerator: value,
    denominator: total,
    said: `the longest of ${total} items took ${formatAmount(value, unit)}`,
    budgetLeft: comparator === '<=' ? (over ? -Math.max(1, total - good) : 0) : null,
    allowance: comparator === '<=' ? 0 : null,
    budgetNoun: 'items over the limit',
    forecast: null,
    cannotRecover: over,
    grows: false,
    noun: 'longest-item',
  };
}

/** The average item; the forecast adds the recent daily rates of items and of their durations. */
function readMean(span: Span, unit: TargetUnit): Reading | null {
  const { total, sum } = sums(span);
  if (total === 0) return null;
  const value = sum / total;
  const recent = sums(span, span.windowStart);
  const forecast = (sum + (recent.sum / span.windowDays) * span.remainingDays) / (total + (recent.total / span.windowDays) * span.remainingDays);
  return {
    value,
    numerator: value,
    denominator: total,
    said: `the ${total} items took ${formatAmount(value, unit)} on average`,
    budgetLeft: null,
    allowance: null,
    budgetNoun: '',
    forecast,
    cannotRecover: false,
    grows: false,
    noun: 'average-item',
  };
}

/** Counted days (or events) so far; zero when nothing was recorded, which for a count is a real value. */
function readCount(measure: CountMeasure, span: Span, comparator: Comparator, target: number, calendar: WorkCalendar): Reading {
  const all = sums(span);
  const recent = sums(span, span.windowStart);
  const counted = measure.count === 'events' ? all.total : all.good;
  const recentCounted = measure.count === 'events' ? recent.total : recent.good;
  let forecast: number;
  if (measure.count === 'working-days') {
    const windowWorkingDays = countWorkingDays(addDays(span.windowStart, -1), span.end, calendar);
    const remainingWorkingDays = countWorkingDays(span.end, span.period.to, calendar);
    forecast = counted + (windowWorkingDays > 0 ? recentCounted / windowWorkingDays : 0) * remainingWorkingDays;
  } else {
    forecast = counted + (recentCounted / span.windowDays) * span.remainingDays;
  }
  const noun = measure.count === 'events' ? 'events' : measure.count === 'days' ? 'days' : 'working days';
  const unit: TargetUnit = measure.count === 'events' ? 'count' : measure.count;
  return {
    value: counted,
    numerator: counted,
    denominator: all.days,
    said: `${formatAmount(counted, unit)} ${measure.count === 'events' ? 'events were' : 'were'} counted`,
    budgetLeft: comparator === '<=' ? target - counted : null,
    allowance: comparator === '<=' ? target : null,
    budgetNoun: `counted ${noun}`,
    forecast,
    // A count never goes down: once over a maximum (or past an exact value) it stays there.
    cannotRecover: (comparator === '<=' || comparator === '=') && counted > target + EPSILON,
    grows: true,
    noun: measure.count === 'events' ? 'counted-events' : measure.count === 'days' ? 'counted-days' : 'counted-working-days',
  };
}

function readSnapshot(span: Span, unit: TargetUnit): Reading | null {
  const rollups = [...span.byDate.values()].filter((rollup) => rollup.total > 0);
  if (rollups.length === 0) return null;
  const latest = rollups.reduce((a, b) => (b.date > a.date ? b : a));
  return {
    value: latest.sum,
    numerator: latest.sum,
    denominator: rollups.length,
    said: `the latest value, recorded on ${latest.date}, is ${formatAmount(latest.sum, unit)}`,
    budgetLeft: null,
    allowance: null,
    budgetNoun: '',
    forecast: null,
    cannotRecover: false,
    grows: false,
    noun: 'latest-value',
  };
}

function statusOf(reading: Reading, comparator: Comparator, target: number, complete: boolean): EvaluationStatus {
  const meets = meetsTarget(reading.value, comparator, target);
  if (complete) return meets ? 'met' : 'missed';
  if (reading.cannotRecover) return 'missed';
  const forecastFails = reading.forecast !== null && !meetsTarget(reading.forecast, comparator, target);
  if (!meets) {
    // A ≥ count still short of its minimum can grow: it is at risk only if the trend will not get there.
    if (reading.grows && comparator === '>=') return forecastFails ? 'at-risk' : 'met';
    // Not met now, but the rest of the period can still make it: not yet missed.
    return 'below-target';
  }
  if (forecastFails || isBudgetLow(reading)) return 'at-risk';
  return 'met';
}

/** Under a tenth of the allowance left; a period that cannot absorb even one bad item is judged by its value alone. */
function isBudgetLow(reading: Reading): boolean {
  return reading.budgetLeft !== null && reading.allowance !== null && reading.allowance >= 1 && reading.budgetLeft < LOW_BUDGET_SHARE * reading.allowance;
}

function explain(reading: Reading, status: EvaluationStatus, span: Span, comparator: Comparator, target: number, unit: TargetUnit, isShare: boolean): string {
  const since = span.from > span.period.from ? ` (measured from ${span.from})` : '';
  const when = span.complete ? `In ${span.period.key}${since}` : `In ${span.period.key}${since} up to ${span.end}`;
  const share = isShare ? ` (the period's share of the yearly value)` : '';
  const against = `against a target of ${comparatorSymbol(comparator)} ${formatAmount(target, unit)}${share}`;
  const start = `${when}, ${reading.said}, ${against}`;
  if (span.complete) return `${start}: the target was ${status === 'met' ? 'met' : 'missed'}.`;
  const forecastText = reading.forecast === null ? '' : `; at this pace the period would end at ${formatAmount(reading.forecast, unit)}`;
  const budgetText = reading.budgetLeft === null || reading.budgetLeft < 0 ? '' : `; ${formatNumber(reading.budgetLeft)} more ${reading.budgetNoun} can be absorbed`;
  if (status === 'missed') return `${start}: the target can no longer be met in this period.`;
  if (status === 'below-target') return `${start}: the target is not met at present, but can still be met in this period${forecastText}.`;
  if (status === 'at-risk') {
    const forecastFails = reading.forecast !== null && !meetsTarget(reading.forecast, comparator, target);
    const why = forecastFails ? `${forecastText}, which would miss it` : `${budgetText}, under ${LOW_BUDGET_SHARE * 100}% of the period's allowance`;
    return `${start}: the target is at risk${why}.`;
  }
  return `${start}: on track${forecastText}${budgetText}.`;
}

function openText(open: OpenItems | undefined): string {
  if (open === undefined || open.count === 0) return '';
  return ` ${open.count} ${open.count === 1 ? 'item is' : 'items are'} still open, ${open.overLimit} of them already over the limit.`;
}

/** The explanation as data: what the numbers count and why the status, for each locale to word. */
function reasonOf(reading: Reading, status: EvaluationStatus, span: Span, comparator: Comparator, target: number, measure: Measure): EvaluationReason {
  const forecastFails = reading.forecast !== null && !meetsTarget(reading.forecast, comparator, target);
  let why: Extract<EvaluationReason, { code: 'judged' }>['why'];
  if (span.complete) why = 'over';
  else if (status === 'missed') why = 'cannot-recover';
  else if (status === 'below-target') why = 'can-recover';
  else if (status === 'at-risk') why = forecastFails ? 'forecast-fails' : 'budget-low';
  else why = 'on-track';
  return { code: 'judged', noun: reading.noun, complete: span.complete, why, ...(measure.names === undefined ? {} : { names: measure.names }) };
}

function comparatorSymbol(comparator: Comparator): string {
  return comparator === '>=' ? '≥' : comparator === '<=' ? '≤' : '=';
}

function formatAmount(value: number, unit: TargetUnit): string {
  const n = formatNumber(value);
  const one = Math.abs(value - 1) < EPSILON;
  switch (unit) {
    case 'percent':
      return `${n}%`;
    case 'days':
      return `${n} ${one ? 'day' : 'days'}`;
    case 'working-days':
      return `${n} ${one ? 'working day' : 'working days'}`;
    case 'hours':
      return `${n} ${one ? 'hour' : 'hours'}`;
    case 'minutes':
      return `${n} ${one ? 'minute' : 'minutes'}`;
    case 'count':
      return n;
  }
}

/** At most two decimals, no trailing zeros: 95.8139… → "95.81", 7 → "7". */
function formatNumber(value: number): string {
  return String(Math.round(value * 100) / 100);
}
