import type { OpeningHours } from '../cards/card.ts';
import { UserError } from '../shared/errors.ts';
import { isHoliday } from './holidays.ts';
import { instantOf, localDateOf, nextLocalDate, parseLocalDate, parseLocalTime, weekdayOf } from './time-zone.ts';
import { assertWorkCalendar, DEFAULT_WORK_CALENDAR } from './working-days.ts';
import type { WorkCalendar } from './working-days.ts';

/**
 * When a channel serves users: the same hours on each listed weekday, in the calendar's zone, never on holidays.
 *
 * A day's service is the span of instants [opens, closes): the closing minute itself is outside. The span is taken
 * between the real instants of the two wall-clock times, so on DST days it is as long as the clock actually runs
 * (01:00–04:00 lasts 2 hours on 29 March 2026 and 4 hours on 25 October 2026; times in a gap or overlap are resolved
 * as instantOf does). The weekdays of the hours decide which days are open, not the calendar's working weekdays: a
 * desk open on Saturdays serves on Saturdays. National and the calendar's local holidays are always closed.
 * Hours crossing midnight are not supported; closes may be '24:00'.
 */
export type ServiceHours = OpeningHours;

/** The service span of one local day. */
export interface ServiceInterval {
  start: Date;
  /** Excluded: the first instant the service is closed again. */
  end: Date;
}

/** Throws a UserError naming the field if the hours have no or bad weekdays, bad times, or close before they open. */
export function assertServiceHours(hours: ServiceHours): void {
  if (hours.weekdays.length === 0) throw new UserError('service hours need at least one weekday', { field: 'weekdays' });
  hours.weekdays.forEach((weekday, index) => {
    if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) {
      throw new UserError(`${String(weekday)} is not a weekday 1 (Monday) – 7 (Sunday)`, { field: `weekdays[${index}]` });
    }
  });
  const opens = parseTimeField(hours.opens, 'opens');
  const closes = parseTimeField(hours.closes, 'closes');
  if (closes <= opens) {
    throw new UserError(`service hours close at ${hours.closes}, not after they open at ${hours.opens}`, { field: 'closes' });
  }
}

/** Whether a local date is a service day: one of the hours' weekdays and no national or local holiday. */
export function isServiceDay(date: string, hours: ServiceHours, calendar: WorkCalendar = DEFAULT_WORK_CALENDAR): boolean {
  assertServiceHours(hours);
  assertWorkCalendar(calendar);
  return isServiceDayUnchecked(date, hours, calendar);
}

/** The span [opens, closes) of a local date as instants, or null when the date is no service day. */
export function serviceIntervalOf(date: string, hours: ServiceHours, calendar: WorkCalendar = DEFAULT_WORK_CALENDAR): ServiceInterval | null {
  const span = cachedServiceSpan(date, hours, calendar);
  return span === null ? null : { start: new Date(span.startMs), end: new Date(span.endMs) };
}

/** Whether an instant falls within service hours: opening minute included, closing minute excluded, holidays out. */
export function isWithinServiceHours(instant: Date, hours: ServiceHours, calendar: WorkCalendar = DEFAULT_WORK_CALENDAR): boolean {
  const span = cachedServiceSpan(localDateOf(instant, calendar.timeZone), hours, calendar);
  const ms = instant.getTime();
  return span !== null && ms >= span.startMs && ms < span.endMs;
}

interface ServiceSpan {
  startMs: number;
  endMs: number;
}

const SPAN_CACHE_LIMIT = 10_000;
const spanCache = new Map<string, ServiceSpan | null>();

/**
 * serviceIntervalUnchecked after the checks, remembered per (date, hours, calendar): folding asks it for every event,
 * and each answer costs several Intl time-zone look-ups. Only checked inputs are remembered, so a hit needs no checks.
 */
function cachedServiceSpan(date: string, hours: ServiceHours, calendar: WorkCalendar): ServiceSpan | null {
  const holidays = calendar.localHolidays.length === 0 ? '' : JSON.stringify(calendar.localHolidays);
  const key = `${date}\u0000${hours.opens}\u0000${hours.closes}\u0000${hours.weekdays.join(',')}\u0000${calendar.timeZone}\u0000${holidays}`;
  const cached = spanCache.get(key);
  if (cached !== undefined) return cached;
  assertServiceHours(hours);
  assertWorkCalendar(calendar);
  parseLocalDate(date);
  const interval = serviceIntervalUnchecked(date, hours, calendar);
  const span = interval === null ? null : { startMs: interval.start.getTime(), endMs: interval.end.getTime() };
  if (spanCache.size >= SPAN_CACHE_LIMIT) spanCache.clear();
  spanCache.set(key, span);
  return span;
}

/**
 * Service time elapsed between two instants, in minutes (fractional, exact to the millisecond: 90 s = 1.5): the part of
 * [start, end) that lies within the service span of a service day. Throws a UserError if `end` is before `start`.
 */
export function serviceMinutesBetween(start: Date, end: Date, hours: ServiceHours, calendar: WorkCalendar = DEFAULT_WORK_CALENDAR): number {
  assertServiceHours(hours);
  assertWorkCalendar(calendar);
  const firstDate = localDateOf(start, calendar.timeZone);
  const lastDate = localDateOf(end, calendar.timeZone);
  const startMs = start.getTime();
  const endMs = end.getTime();
  if (endMs < startMs) {
    throw new UserError(`cannot measure service time from ${start.toISOString()} back to ${end.toISOString()}: the end is before the start`);
  }
  let totalMs = 0;
  for (let date = firstDate; date <= lastDate; date = nextLocalDate(date)) {
    const interval = serviceIntervalUnchecked(date, hours, calendar);
    if (interval === null) continue;
    const overlap = Math.min(endMs, interval.end.getTime()) - Math.max(startMs, interval.start.getTime());
    if (overlap > 0) totalMs += overlap;
  }
  return totalMs / 60_000;
}

/** Service minutes in a local day (despite the name, minutes): 0 on non-service days and holidays. */
export function serviceHoursOfDay(date: string, hours: ServiceHours, calendar: WorkCalendar = DEFAULT_WORK_CALENDAR): number {
  const interval = serviceIntervalOf(date, hours, calendar);
  return interval === null ? 0 : (interval.end.getTime() - interval.start.getTime()) / 60_000;
}

function isServiceDayUnchecked(date: string, hours: ServiceHours, calendar: WorkCalendar): boolean {
  return hours.weekdays.includes(weekdayOf(date)) && !isHoliday(date, calendar);
}

function serviceIntervalUnchecked(date: string, hours: ServiceHours, calendar: WorkCalendar): ServiceInterval | null {
  if (!isServiceDayUnchecked(date, hours, calendar)) return null;
  const start = instantOf(date, hours.opens, calendar.timeZone);
  const end = instantOf(date, hours.closes, calendar.timeZone);
  // An opening time inside a spring-forward gap moves later and may pass the closing time: then the day has no service.
  return { start, end: end.getTime() < start.getTime() ? start : end };
}

function parseTimeField(time: string, field: 'opens' | 'closes'): number {
  try {
    return parseLocalTime(time);
  } catch (error) {
    if (error instanceof UserError) throw new UserError(error.message, { field });
    throw error;
  }
}
