import type { Weekday } from '../cards/card.ts';
import { UserError } from '../shared/errors.ts';
import { assertLocalHoliday, isHoliday } from './holidays.ts';
import type { LocalHoliday } from './holidays.ts';
import { addDays, assertTimeZone, DEFAULT_TIME_ZONE, localDateOf, nextLocalDate, parseLocalDate, weekdayOf } from './time-zone.ts';

/** An office's calendar: its time zone, the weekdays it works and its own holidays (patron saint…). */
export interface WorkCalendar {
  /** IANA zone in which local dates are read, e.g. 'Europe/Rome'. */
  timeZone: string;
  /** ISO weekdays the office works; the usual PA convention is Monday–Friday. */
  workingWeekdays: readonly Weekday[];
  /** Holidays of the office on top of the national ones, e.g. Rome's 29 June. */
  localHolidays: readonly LocalHoliday[];
}

/** Europe/Rome, Monday–Friday, national holidays only. */
export const DEFAULT_WORK_CALENDAR: WorkCalendar = Object.freeze({
  timeZone: DEFAULT_TIME_ZONE,
  workingWeekdays: Object.freeze([1, 2, 3, 4, 5] as Weekday[]),
  localHolidays: Object.freeze([] as LocalHoliday[]),
});

/** A work calendar from the defaults with some fields replaced, checked. */
export function workCalendarOf(overrides: Partial<WorkCalendar> = {}): WorkCalendar {
  const calendar: WorkCalendar = { ...DEFAULT_WORK_CALENDAR, ...overrides };
  assertWorkCalendar(calendar);
  return calendar;
}

/** Throws a UserError naming the field if the calendar has an unknown zone, a bad weekday or a bad local holiday. */
export function assertWorkCalendar(calendar: WorkCalendar): void {
  assertTimeZone(calendar.timeZone);
  if (calendar.workingWeekdays.length === 0) {
    throw new UserError('a work calendar needs at least one working weekday', { field: 'workingWeekdays' });
  }
  calendar.workingWeekdays.forEach((weekday, index) => {
    if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) {
      throw new UserError(`${String(weekday)} is not a weekday 1 (Monday) – 7 (Sunday)`, { field: `workingWeekdays[${index}]` });
    }
  });
  calendar.localHolidays.forEach((local, index) => assertLocalHoliday(local, index));
}

/** Whether a local date is a working day: a working weekday of the calendar that is no national or local holiday. */
export function isWorkingDay(date: string, calendar: WorkCalendar = DEFAULT_WORK_CALENDAR): boolean {
  assertWorkCalendar(calendar);
  return isWorkingDayUnchecked(date, calendar);
}

/**
 * The local date `n` working days after `date` (before it if `n` is negative); `date` itself is never counted, so
 * Friday + 1 is the next Monday and a Saturday + 1 is also that Monday. `n` = 0 returns `date` unchanged.
 */
export function addWorkingDays(date: string, n: number, calendar: WorkCalendar = DEFAULT_WORK_CALENDAR): string {
  assertWorkCalendar(calendar);
  parseLocalDate(date);
  if (!Number.isInteger(n)) throw new UserError(`cannot add ${n} working days to ${date}: the number must be a whole number`);
  const step = n < 0 ? -1 : 1;
  let current = date;
  for (let left = Math.abs(n); left > 0; ) {
    current = addDays(current, step);
    if (isWorkingDayUnchecked(current, calendar)) left -= 1;
  }
  return current;
}

/**
 * Working days elapsed from the local date `from` to the local date `to`: the working days after `from` up to and
 * including `to`. The start day is never counted (dies a quo non computatur); the end day counts if it is a working
 * day. Same date → 0. Inverse of addWorkingDays: countWorkingDays(d, addWorkingDays(d, n)) = n for n ≥ 0.
 */
export function countWorkingDays(from: string, to: string, calendar: WorkCalendar = DEFAULT_WORK_CALENDAR): number {
  assertWorkCalendar(calendar);
  parseLocalDate(from);
  parseLocalDate(to);
  if (to < from) throw new UserError(`cannot count working days from ${from} back to ${to}: the end is before the start`);
  let count = 0;
  for (let day = from; day < to; ) {
    day = nextLocalDate(day);
    if (isWorkingDayUnchecked(day, calendar)) count += 1;
  }
  return count;
}

/**
 * Working days elapsed between two instants, read as local dates in the calendar's zone and counted as in
 * countWorkingDays: a request on Friday 17:00 published on Monday 10:00 took 1 working day; within the same day, 0.
 * The time of day never matters. Throws a UserError if `end` is before `start`.
 */
export function workingDaysBetween(start: Date, end: Date, calendar: WorkCalendar = DEFAULT_WORK_CALENDAR): number {
  if (end.getTime() < start.getTime()) {
    throw new UserError(`cannot count working days from ${start.toISOString()} back to ${end.toISOString()}: the end is before the start`);
  }
  assertWorkCalendar(calendar);
  return countWorkingDays(localDateOf(start, calendar.timeZone), localDateOf(end, calendar.timeZone), calendar);
}

function isWorkingDayUnchecked(date: string, calendar: WorkCalendar): boolean {
  return calendar.workingWeekdays.includes(weekdayOf(date)) && !isHoliday(date, calendar);
}
