import type { OpeningHours } from '../cards/card.ts';
import {
  instantOf,
  isWithinServiceHours,
  isWorkingDay,
  localDateOf,
  nextLocalDate,
  parseLocalDate,
  serviceIntervalOf,
  startOfLocalDay,
} from '../calendar/index.ts';
import type { WorkCalendar } from '../calendar/index.ts';
import type { DayRollup } from '../evaluation/day-rollup.ts';
import type { AttributeValue, MeasureEvent } from '../events/event.ts';
import { UserError } from '../shared/errors.ts';
import { elapsedIn, isWithin, limitInMinutes } from './elapsed-time.ts';
import { matchesConditions, matchesSelector, numberOf } from './event-match.ts';
import type {
  AvailabilityDaysMeasure,
  CountMeasure,
  DurationLimit,
  DurationMeasure,
  EventSelector,
  FreshnessMeasure,
  Measure,
  RatioMeasure,
  RegisterMeasure,
  SnapshotMeasure,
} from './measure.ts';

/**
 * Register entries are events of this kind whose attribute `register` names the register; the subject is the entry's
 * number and a correction re-sends the same (source, id) with the new content.
 */
export const REGISTER_ENTRY_KIND = 'register.entry';

/** What folding needs besides the events. */
export interface FoldContext {
  /** The office's calendar: its time zone decides local dates; its holidays decide working days and service days. */
  calendar: WorkCalendar;
  /** Service hours per channel key, for withinServiceHoursOf / serviceHoursOf. */
  channels: Readonly<Record<string, OpeningHours | null | undefined>>;
  /** Duration measures: the start instant of each subject ending that day (the start may be on an earlier day). */
  startsBySubject?: ReadonlyMap<string, Date>;
  /**
   * Duration measures without `within`: the limit an item must stay within to count as good, normally
   * durationLimitOf(measure, target). Without either, every item counts as good. Changing it requires a re-fold.
   */
  durationLimit?: DurationLimit | null;
  /** When the day being folded is today: an outage still open ends now rather than at midnight. */
  now?: Date;
}

/** One ended item of a duration measure. */
export interface DurationItem {
  subject: string;
  start: Date;
  end: Date;
  /** In the measure's unit. */
  duration: number;
  withinLimit: boolean;
}

/**
 * Folds one indicator's events of ONE local date into a DayRollup (field meanings in day-rollup.ts), or null when no
 * event counts that day. Events of other dates or not picked by the measure are ignored, so the caller may pass a
 * superset. Register and other corrected events: pass only the current version of each (source, id).
 */
export function foldDay(measure: Measure, date: string, events: readonly MeasureEvent[], context: FoldContext): DayRollup | null {
  parseLocalDate(date);
  const ofDay = events.filter((event) => localDateOf(event.occurredAt, context.calendar.timeZone) === date);
  switch (measure.kind) {
    case 'ratio':
      return foldRatio(measure, date, ofDay, context);
    case 'register':
      return foldRegister(measure, date, ofDay);
    case 'availability-days':
      return foldAvailability(measure, date, ofDay, context);
    case 'duration':
      return foldDuration(measure, date, ofDay, context);
    case 'count':
      return foldCount(measure, date, ofDay, context);
    case 'snapshot':
      return foldSnapshot(measure, date, ofDay);
    case 'freshness':
      return foldFreshness(measure, date, ofDay, context);
  }
}

/** The event kinds a measure reads, without repeats, so ingestion knows which indicators an event touches. */
export function relevantKinds(measure: Measure): string[] {
  const kinds = selectorsOf(measure).flatMap((selector) => (typeof selector.kind === 'string' ? [selector.kind] : selector.kind));
  return [...new Set(kinds)];
}

/**
 * The selectors whose events change the rollup of their OWN local date: an event (one version of it) picked by one
 * of them changes its date's rollup, any other changes none. A duration start changes nothing by itself: the item
 * counts on the date of its END, so the caller pairs it and re-folds the end's date when a start arrives or is
 * corrected after its end. For a correction, the caller takes the dates of the old and the new version (the date or
 * the match may have changed). Compute them once per measure: ingestion asks for every event.
 */
export function ownDateSelectorsOf(measure: Measure): EventSelector[] {
  return measure.kind === 'duration' ? [measure.end] : selectorsOf(measure);
}

/** The selector that picks the entries of a register measure. */
export function registerEntrySelector(measure: RegisterMeasure): EventSelector {
  return { kind: REGISTER_ENTRY_KIND, where: [{ attribute: 'register', op: '=', value: measure.register }] };
}

/**
 * The ended items of a duration measure among events: each end event (the earliest per subject) paired with its
 * subject's start. Ends without a subject, without a known start, or before their start are returned as `unpaired`
 * so the caller can report them; they are not counted.
 */
export function durationItemsOf(
  measure: DurationMeasure,
  events: readonly MeasureEvent[],
  context: FoldContext,
): { items: DurationItem[]; unpaired: MeasureEvent[] } {
  const hours = measure.serviceHoursOf === undefined ? null : channelHours(context, measure.serviceHoursOf, 'serviceHoursOf');
  const limit = measure.within ?? context.durationLimit ?? null;
  const firstEnds = new Map<string, MeasureEvent>();
  const unpaired: MeasureEvent[] = [];
  for (const event of events) {
    if (!matchesSelector(event, measure.end)) continue;
    if (event.subject === null) {
      unpaired.push(event);
      continue;
    }
    const seen = firstEnds.get(event.subject);
    if (seen === undefined || event.occurredAt.getTime() < seen.occurredAt.getTime()) firstEnds.set(event.subject, event);
  }
  const items: DurationItem[] = [];
  for (const [subject, endEvent] of firstEnds) {
    const start = context.startsBySubject?.get(subject);
    const end = endEvent.occurredAt;
    if (start === undefined || end.getTime() < start.getTime()) {
      unpaired.push(endEvent);
      continue;
    }
    const duration = elapsedIn(start, end, measure.unit, context.calendar, hours);
    const withinLimit = limit === null || isWithin(elapsedIn(start, end, limit.unit, context.calendar, hours), limit.value);
    items.push({ subject, start, end, duration, withinLimit });
  }
  return { items, unpaired };
}

function selectorsOf(measure: Measure): EventSelector[] {
  switch (measure.kind) {
    case 'ratio':
      return [measure.total];
    case 'register':
      return [registerEntrySelector(measure)];
    case 'availability-days':
      return [measure.checks];
    case 'duration':
      return [measure.start, measure.end];
    case 'count':
    case 'snapshot':
      return [measure.select];
    case 'freshness':
      return [measure.observations];
  }
}

function foldRatio(measure: RatioMeasure, date: string, events: readonly MeasureEvent[], context: FoldContext): DayRollup | null {
  const hours = measure.withinServiceHoursOf === undefined ? null : channelHours(context, measure.withinServiceHoursOf, 'withinServiceHoursOf');
  const waitLimit = measure.waitLimit === undefined ? null : limitInMinutes(measure.waitLimit);
  const counted = events.filter(
    (event) => matchesSelector(event, measure.total) && (hours === null || isWithinServiceHours(event.occurredAt, hours, context.calendar)),
  );
  if (counted.length === 0) return null;
  const good = counted.filter((event) => {
    if (!matchesConditions(event.attributes, measure.good)) return false;
    if (measure.waitAttribute === undefined || waitLimit === null) return true;
    // A missing or unreadable wait cannot prove the event was quick enough, so it is not good.
    const seconds = numberOf(event.attributes[measure.waitAttribute]);
    return seconds !== null && isWithin(seconds / 60, waitLimit);
  }).length;
  return { date, good, total: counted.length, sum: 0, max: null, lastAt: latestOf(counted) };
}

function foldRegister(measure: RegisterMeasure, date: string, events: readonly MeasureEvent[]): DayRollup | null {
  const selector = registerEntrySelector(measure);
  const counted = events.filter((event) => matchesSelector(event, selector) && matchesConditions(event.attributes, measure.total ?? []));
  if (counted.length === 0) return null;
  const good = counted.filter((event) => matchesConditions(event.attributes, measure.good)).length;
  return { date, good, total: counted.length, sum: 0, max: null, lastAt: latestOf(counted) };
}

/**
 * A day with checks: total 1; good 1 when the day's rule holds; sum = % of checks passed; max = longest outage in
 * minutes (from a failing check to the next passing one, or to the end of the day / of service hours / `now`).
 * Checks whose `ok` is not true/false are ignored.
 */
function foldAvailability(measure: AvailabilityDaysMeasure, date: string, events: readonly MeasureEvent[], context: FoldContext): DayRollup | null {
  const hours = measure.withinServiceHoursOf === undefined ? null : channelHours(context, measure.withinServiceHoursOf, 'withinServiceHoursOf');
  const checks = events
    .filter((event) => matchesSelector(event, measure.checks))
    .filter((event) => hours === null || isWithinServiceHours(event.occurredAt, hours, context.calendar))
    .map((event) => ({ at: event.occurredAt, ok: booleanOf(event.attributes.ok) }))
    .filter((check): check is { at: Date; ok: boolean } => check.ok !== null)
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const last = checks[checks.length - 1];
  if (last === undefined) return null;

  const passed = checks.filter((check) => check.ok).length;
  const share = (passed / checks.length) * 100;
  let dayEnd = hours === null ? startOfLocalDay(nextLocalDate(date), context.calendar.timeZone) : (serviceIntervalOf(date, hours, context.calendar)?.end ?? last.at);
  if (context.now !== undefined && context.now.getTime() < dayEnd.getTime()) dayEnd = new Date(Math.max(context.now.getTime(), last.at.getTime()));
  let longestMs = 0;
  let openedAt: Date | null = null;
  for (const check of checks) {
    if (!check.ok && openedAt === null) openedAt = check.at;
    if (check.ok && openedAt !== null) {
      longestMs = Math.max(longestMs, check.at.getTime() - openedAt.getTime());
      openedAt = null;
    }
  }
  if (openedAt !== null) longestMs = Math.max(longestMs, dayEnd.getTime() - openedAt.getTime());
  const longestMinutes = longestMs / 60_000;

  const rule = measure.dayIsAvailableWhen;
  let available: boolean;
  if ('successShareAtLeast' in rule) {
    available = share + 1e-9 >= rule.successShareAtLeast;
  } else {
    const limit = limitInMinutes(rule.longestOutageAtMost);
    if (limit === null) throw new UserError(`an outage limit must be in seconds, minutes or hours, not ${rule.longestOutageAtMost.unit}`);
    available = isWithin(longestMinutes, limit);
  }
  return { date, good: available ? 1 : 0, total: 1, sum: share, max: longestMinutes, lastAt: last.at.toISOString() };
}

function foldDuration(measure: DurationMeasure, date: string, events: readonly MeasureEvent[], context: FoldContext): DayRollup | null {
  const { items } = durationItemsOf(measure, events, context);
  if (items.length === 0) return null;
  return {
    date,
    good: items.filter((item) => item.withinLimit).length,
    total: items.length,
    sum: items.reduce((sum, item) => sum + item.duration, 0),
    max: largestOf(items.map((item) => item.duration)),
    lastAt: new Date(largestOf(items.map((item) => item.end.getTime()))).toISOString(),
  };
}

function foldCount(measure: CountMeasure, date: string, events: readonly MeasureEvent[], context: FoldContext): DayRollup | null {
  const counted = events.filter((event) => matchesSelector(event, measure.select));
  if (counted.length === 0) return null;
  const good = measure.count === 'events' ? counted.length : measure.count === 'days' || isWorkingDay(date, context.calendar) ? 1 : 0;
  return { date, good, total: counted.length, sum: 0, max: null, lastAt: latestOf(counted) };
}

/** The last value recorded that day; events without a readable number are ignored. */
function foldSnapshot(measure: SnapshotMeasure, date: string, events: readonly MeasureEvent[]): DayRollup | null {
  const attribute = measure.valueAttribute ?? 'value';
  let latest: { at: Date; value: number } | null = null;
  for (const event of events) {
    if (!matchesSelector(event, measure.select)) continue;
    const value = numberOf(event.attributes[attribute]);
    if (value === null) continue;
    if (latest === null || event.occurredAt.getTime() >= latest.at.getTime()) latest = { at: event.occurredAt, value };
  }
  if (latest === null) return null;
  return { date, good: 0, total: 1, sum: latest.value, max: latest.value, lastAt: latest.at.toISOString() };
}

/**
 * Per item (subject; an observation without subject is an item of its own), the day's latest observation: good when
 * observedAt − updatedAt ≤ maxAge. An unreadable updatedAt is not good; one after the observation counts as age 0.
 */
function foldFreshness(measure: FreshnessMeasure, date: string, events: readonly MeasureEvent[], context: FoldContext): DayRollup | null {
  const latestByItem = new Map<string, MeasureEvent>();
  for (const event of events) {
    if (!matchesSelector(event, measure.observations)) continue;
    const key = event.subject ?? `\u0000${event.source}\u0000${event.id}`;
    const seen = latestByItem.get(key);
    if (seen === undefined || event.occurredAt.getTime() >= seen.occurredAt.getTime()) latestByItem.set(key, event);
  }
  if (latestByItem.size === 0) return null;
  const latest = [...latestByItem.values()];
  const good = latest.filter((event) => {
    const updatedAt = instantOfAttribute(event.attributes.updatedAt, context.calendar.timeZone);
    if (updatedAt === null) return false;
    if (updatedAt.getTime() >= event.occurredAt.getTime()) return true;
    return isWithin(elapsedIn(updatedAt, event.occurredAt, measure.maxAge.unit, context.calendar), measure.maxAge.value);
  }).length;
  return { date, good, total: latest.length, sum: 0, max: null, lastAt: latestOf(latest) };
}

function channelHours(context: FoldContext, key: string, field: string): OpeningHours {
  const hours = context.channels[key];
  if (!hours) {
    const known = Object.keys(context.channels);
    throw new UserError(
      `the measure counts service hours of channel "${key}", but ${known.length === 0 ? 'no channel has' : `only ${known.map((k) => `"${k}"`).join(', ')} have`} service hours`,
      { field },
    );
  }
  return hours;
}

function latestOf(events: readonly MeasureEvent[]): string | null {
  if (events.length === 0) return null;
  return new Date(largestOf(events.map((event) => event.occurredAt.getTime()))).toISOString();
}

/** The largest number of a non-empty list. Not Math.max(...list): a busy day's 150 000 events overflow the call stack. */
function largestOf(numbers: readonly number[]): number {
  return numbers.reduce((largest, value) => (value > largest ? value : largest), -Infinity);
}

function booleanOf(value: AttributeValue | undefined): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return null;
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const ISO_LOCAL = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?))?$/;

/** An ISO 8601 attribute as an instant; without an offset it is read as local time in the zone (a date: midnight). */
function instantOfAttribute(value: AttributeValue | undefined, timeZone: string): Date | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (ISO_WITH_OFFSET.test(text)) {
    const instant = new Date(text);
    return Number.isNaN(instant.getTime()) ? null : instant;
  }
  const local = ISO_LOCAL.exec(text);
  if (local === null) return null;
  try {
    return instantOf(local[1] ?? '', local[2] ?? '00:00', timeZone);
  } catch {
    return null;
  }
}

/** Items of a duration measure started and not ended by an instant: how many, and how many already over the limit. */
export interface OpenItems {
  count: number;
  /** Open items whose time so far already exceeds the limit: each is a miss, whenever it ends. */
  overLimit: number;
  /** The time so far of the oldest open item, in the measure's unit (null when none is open). */
  longest: number | null;
}

/**
 * The open items of a duration measure among start events with no end yet (`starts`, as the storage finds them):
 * the earliest start per subject that matches the measure's start, timed up to `at`. An item is over the limit when
 * its time so far already exceeds it (the measure's `within`, else context.durationLimit).
 */
export function openItemsOf(measure: DurationMeasure, starts: readonly MeasureEvent[], at: Date, context: FoldContext): OpenItems {
  const hours = measure.serviceHoursOf === undefined ? null : channelHours(context, measure.serviceHoursOf, 'serviceHoursOf');
  const limit = measure.within ?? context.durationLimit ?? null;
  const earliest = new Map<string, Date>();
  for (const event of starts) {
    if (event.subject === null || !matchesSelector(event, measure.start) || event.occurredAt.getTime() > at.getTime()) continue;
    const seen = earliest.get(event.subject);
    if (seen === undefined || event.occurredAt.getTime() < seen.getTime()) earliest.set(event.subject, event.occurredAt);
  }
  let overLimit = 0;
  let longest: number | null = null;
  for (const start of earliest.values()) {
    const soFar = elapsedIn(start, at, measure.unit, context.calendar, hours);
    if (longest === null || soFar > longest) longest = soFar;
    if (limit !== null && !isWithin(elapsedIn(start, at, limit.unit, context.calendar, hours), limit.value)) overLimit += 1;
  }
  return { count: earliest.size, overLimit, longest };
}
