import type { Weekday } from '../cards/card.ts';
import { UserError } from '../shared/errors.ts';

/**
 * Local dates and wall-clock times in a named IANA time zone, independent of the process time zone.
 *
 * Local dates are 'YYYY-MM-DD' strings, local times 'HH:MM' or 'HH:MM:SS', instants are `Date` (UTC).
 * Date-string arithmetic uses only UTC setters and getters, so the machine's zone never leaks in;
 * the offset of a zone at an instant comes from `Intl.DateTimeFormat` with an explicit `timeZone`.
 */

/** The zone every misura office lives in unless told otherwise. */
export const DEFAULT_TIME_ZONE = 'Europe/Rome';

const MS_PER_DAY = 86_400_000;
const SECONDS_PER_DAY = 86_400;

/** The wall-clock reading of an instant in a time zone. */
export interface LocalParts {
  /** 'YYYY-MM-DD' */
  date: string;
  hour: number;
  minute: number;
  second: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: Weekday;
}

/** A local date split into numbers (month 1–12). */
export interface LocalDateParts {
  year: number;
  month: number;
  day: number;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Splits a 'YYYY-MM-DD' local date into numbers; throws a UserError naming the value if it is not a real date. */
export function parseLocalDate(date: string): LocalDateParts {
  const match = DATE_PATTERN.exec(date);
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) return { year, month, day };
  }
  throw new UserError(`"${date}" is not a local date: expected a real calendar date written YYYY-MM-DD`);
}

/** Seconds since local midnight for 'HH:MM' or 'HH:MM:SS' (00:00 to 24:00, the latter meaning the end of the day). */
export function parseLocalTime(time: string): number {
  const match = TIME_PATTERN.exec(time);
  if (match) {
    const hour = Number(match[1]);
    const minute = Number(match[2]);
    const second = match[3] === undefined ? 0 : Number(match[3]);
    if (hour === 24 && minute === 0 && second === 0) return SECONDS_PER_DAY;
    if (hour <= 23 && minute <= 59 && second <= 59) return hour * 3600 + minute * 60 + second;
  }
  throw new UserError(`"${time}" is not a local time: expected HH:MM or HH:MM:SS between 00:00 and 24:00`);
}

/** The local date written 'YYYY-MM-DD' from its numbers. */
export function formatLocalDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Number of days in a month (1–12) of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return new Date(utcMsOf(year, month + 1, 0)).getUTCDate();
}

/** 366 for a leap year, 365 otherwise. */
export function daysInYear(year: number): number {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365;
}

/** The date `days` days after (or before, if negative) a local date. */
export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new UserError(`cannot add ${days} days to ${date}: the number of days must be a whole number`);
  const { year, month, day } = parseLocalDate(date);
  return isoDateOfUtcMs(utcMsOf(year, month, day) + days * MS_PER_DAY);
}

/** The local date after the given one. */
export function nextLocalDate(date: string): string {
  return addDays(date, 1);
}

/** The local date before the given one. */
export function previousLocalDate(date: string): string {
  return addDays(date, -1);
}

/** Whole calendar days from one local date to another (negative if `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const a = parseLocalDate(from);
  const b = parseLocalDate(to);
  return Math.round((utcMsOf(b.year, b.month, b.day) - utcMsOf(a.year, a.month, a.day)) / MS_PER_DAY);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a local date; a calendar fact, no time zone involved. */
export function weekdayOf(date: string): Weekday {
  const { year, month, day } = parseLocalDate(date);
  const sundayZero = new Date(utcMsOf(year, month, day)).getUTCDay();
  return (sundayZero === 0 ? 7 : sundayZero) as Weekday;
}

/** Every local date of a year, 1 January to 31 December, in order. */
export function datesOfYear(year: number): string[] {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new UserError(`${year} is not a year between 1 and 9999`);
  const first = utcMsOf(year, 1, 1);
  return Array.from({ length: daysInYear(year) }, (_, i) => isoDateOfUtcMs(first + i * MS_PER_DAY));
}

/** The local date of an instant in a time zone. */
export function localDateOf(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  const ms = instantMs(instant);
  if (ms < CACHE_FROM_MS) return localPartsOf(instant, timeZone).date;
  return dateOfDayNumber(Math.floor((ms + cachedOffsetMs(ms, timeZone)) / MS_PER_DAY));
}

const dayNames = new Map<number, string>();

/** 'YYYY-MM-DD' of a day counted from 1970-01-01 (no zone involved), remembered: ingestion asks it for every event. */
function dateOfDayNumber(dayNumber: number): string {
  let name = dayNames.get(dayNumber);
  if (name === undefined) {
    if (dayNames.size > 100_000) dayNames.clear();
    name = isoDateOfUtcMs(dayNumber * MS_PER_DAY);
    dayNames.set(dayNumber, name);
  }
  return name;
}

/** The wall-clock reading (date, time, weekday) of an instant in a time zone. */
export function localPartsOf(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): LocalParts {
  const ms = instantMs(instant);
  const fields = cachedWallClockFieldsOf(ms, timeZone);
  const date = formatLocalDate(fields.year, fields.month, fields.day);
  return { date, hour: fields.hour, minute: fields.minute, second: fields.second, weekday: weekdayOf(date) };
}

/** Minutes the zone is ahead of UTC at an instant (Europe/Rome: 60 in winter, 120 in summer). */
export function utcOffsetMinutesAt(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): number {
  return offsetMsAt(instantMs(instant), timeZone) / 60_000;
}

/**
 * The instant at which the wall clock of `timeZone` shows `time` on `date`.
 *
 * DST is resolved like Temporal's 'compatible' disambiguation, so the answer never depends on the machine:
 * - a time skipped by a spring-forward gap (Rome, 29 March 2026, 02:00–02:59) moves forward by the gap's
 *   length: 02:30 gives 03:30 CEST (01:30Z);
 * - a time repeated by a fall-back overlap (Rome, 25 October 2026, 02:00–02:59) takes its first occurrence,
 *   still in summer time: 02:30 gives 02:30 CEST (00:30Z).
 * '24:00' means the start of the next day.
 */
export function instantOf(date: string, time: string, timeZone: string = DEFAULT_TIME_ZONE): Date {
  const { year, month, day } = parseLocalDate(date);
  const wallMs = utcMsOf(year, month, day) + parseLocalTime(time) * 1000;
  // Zones change offset at most once in a couple of days, so the offsets a day either side cover both candidates.
  const before = offsetMsAt(wallMs - MS_PER_DAY, timeZone);
  const after = offsetMsAt(wallMs + MS_PER_DAY, timeZone);
  const matches = [before, after].map((offset) => wallMs - offset).filter((ms) => wallMs - offsetMsAt(ms, timeZone) === ms);
  if (matches.length > 0) return new Date(Math.min(...matches));
  // In a gap: read the wall time with the offset in force before the jump, which lands after it.
  return new Date(wallMs - before);
}

/** The first instant of a local day (local midnight, or the end of a DST gap covering midnight). */
export function startOfLocalDay(date: string, timeZone: string = DEFAULT_TIME_ZONE): Date {
  return instantOf(date, '00:00', timeZone);
}

/** Length of a local day in minutes: 1440, or 1380/1500 on the days clocks change. */
export function minutesInLocalDay(date: string, timeZone: string = DEFAULT_TIME_ZONE): number {
  return (startOfLocalDay(nextLocalDate(date), timeZone).getTime() - startOfLocalDay(date, timeZone).getTime()) / 60_000;
}

/** Throws a UserError unless the name is an IANA time zone this runtime knows. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

/** Milliseconds of UTC midnight of a date (month 1–12; day may overflow). Unlike Date.UTC, years 0–99 stay as given. */
function utcMsOf(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

function isoDateOfUtcMs(ms: number): string {
  const d = new Date(ms);
  return formatLocalDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function instantMs(instant: Date): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new UserError(`${String(instant)} is not a valid instant`);
  return ms;
}

interface WallClockFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        era: 'short',
      });
    } catch {
      throw new UserError(`"${timeZone}" is not a known IANA time zone (for example Europe/Rome)`, { field: 'timeZone' });
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const QUARTER_HOUR_MS = 900_000;
/**
 * From 1972 on, every zone's offsets are whole minutes, change only at quarter-hour-aligned instants, and change
 * at most once in a UTC day.
 */
const CACHE_FROM_MS = Date.UTC(1972, 0, 1);
/** Zone → UTC day number → the offset all that day, or null when it changes within the day. */
const dayOffsetCache = new Map<string, Map<number, number | null>>();
/** Zone → quarter hour → offset, for the days on which the offset changes. */
const quarterOffsetCache = new Map<string, Map<number, number>>();

/**
 * The zone's offset at an instant from 1972 on, asked of Intl (by far the slowest step of a local date) once per UTC
 * day, or per quarter hour on the days the offset changes: ingestion asks this for every event.
 */
function cachedOffsetMs(ms: number, timeZone: string): number {
  let days = dayOffsetCache.get(timeZone);
  if (days === undefined) dayOffsetCache.set(timeZone, (days = new Map<number, number | null>()));
  const day = Math.floor(ms / MS_PER_DAY);
  let offset = days.get(day);
  if (offset === undefined) {
    if (days.size > 100_000) days.clear();
    const first = offsetMsAt(day * MS_PER_DAY, timeZone);
    offset = first === offsetMsAt((day + 1) * MS_PER_DAY - QUARTER_HOUR_MS, timeZone) ? first : null;
    days.set(day, offset);
  }
  if (offset !== null) return offset;
  let quarters = quarterOffsetCache.get(timeZone);
  if (quarters === undefined) quarterOffsetCache.set(timeZone, (quarters = new Map<number, number>()));
  const bucket = Math.floor(ms / QUARTER_HOUR_MS);
  let exact = quarters.get(bucket);
  if (exact === undefined) {
    if (quarters.size > 100_000) quarters.clear();
    exact = offsetMsAt(bucket * QUARTER_HOUR_MS, timeZone);
    quarters.set(bucket, exact);
  }
  return exact;
}

/** The wall clock of an instant, from the zone's cached offset. */
function cachedWallClockFieldsOf(ms: number, timeZone: string): WallClockFields {
  if (ms < CACHE_FROM_MS) return wallClockFieldsOf(ms, timeZone);
  const wall = new Date(ms + cachedOffsetMs(ms, timeZone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate(), hour: wall.getUTCHours(), minute: wall.getUTCMinutes(), second: wall.getUTCSeconds() };
}

function wallClockFieldsOf(ms: number, timeZone: string): WallClockFields {
  const fields: WallClockFields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  let beforeCommonEra = false;
  for (const part of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (part.type === 'era') beforeCommonEra = part.value.startsWith('B');
    else if (part.type in fields) fields[part.type as keyof WallClockFields] = Number(part.value);
  }
  if (beforeCommonEra) fields.year = 1 - fields.year;
  // Some ICU versions print midnight as 24 even with h23.
  if (fields.hour === 24) fields.hour = 0;
  return fields;
}

/** Offset of the zone at an instant, in ms, at whole-second precision (zones have never used finer offsets since 1972). */
function offsetMsAt(ms: number, timeZone: string): number {
  const flooredMs = Math.floor(ms / 1000) * 1000;
  const f = wallClockFieldsOf(flooredMs, timeZone);
  const wallMs = utcMsOf(f.year, f.month, f.day) + (f.hour * 3600 + f.minute * 60 + f.second) * 1000;
  return wallMs - flooredMs;
}
