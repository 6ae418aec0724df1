import {
  addDays,
  addWorkingDays,
  DEFAULT_WORK_CALENDAR,
  daysBetween,
  formatLocalDate,
  instantOf,
  isWorkingDay,
  nextLocalDate,
  parseLocalDate,
  startOfLocalDay,
  type WorkCalendar,
} from '../domain/calendar/index.ts';
import { UserError } from '../domain/shared/errors.ts';

/** The dates a demo covers: 1 January of `year` up to `lastDate` included, in the office's calendar. */
export interface DemoSpan {
  year: number;
  /** 'YYYY-01-01'. */
  from: string;
  /** Last local date with events (the day before "today"). */
  lastDate: string;
  /** Every date from `from` to `lastDate`, in order. */
  dates: string[];
  /** The first instant after the span: no event may happen at or after it. */
  end: Date;
  calendar: WorkCalendar;
  /** Start of each local hour already computed ('YYYY-MM-DDTHH' → epoch ms): the time-zone arithmetic is the costly part. */
  hourStarts: Map<string, number>;
}

/** The span of a demo year; a UserError when lastDate is not a date of that year. */
export function demoSpanOf(year: number, lastDate: string, calendar: WorkCalendar = DEFAULT_WORK_CALENDAR): DemoSpan {
  const parts = parseLocalDate(lastDate);
  if (parts.year !== year) throw new UserError(`the demo's last date ${lastDate} is not in ${year}`, { field: 'lastDate' });
  const from = formatLocalDate(year, 1, 1);
  const dates: string[] = [];
  for (let date = from; date <= lastDate; date = nextLocalDate(date)) dates.push(date);
  return { year, from, lastDate, dates, end: startOfLocalDay(nextLocalDate(lastDate), calendar.timeZone), calendar, hourStarts: new Map() };
}

/** How many days the span has. */
export function spanDays(span: DemoSpan): number {
  return span.dates.length;
}

/** The date at a fraction (0 = first day, 1 = last day) of the span. */
export function dateAt(span: DemoSpan, fraction: number): string {
  const index = Math.min(span.dates.length - 1, Math.max(0, Math.floor(fraction * (span.dates.length - 1))));
  return span.dates[index] ?? span.from;
}

/** The first working day on or after `date` within the span, else the last working day before it, else null. */
export function workingDayNear(span: DemoSpan, date: string): string | null {
  for (let day = date; day <= span.lastDate; day = nextLocalDate(day)) if (isWorkingDay(day, span.calendar)) return day;
  for (let day = addDays(date, -1); day >= span.from; day = addDays(day, -1)) if (isWorkingDay(day, span.calendar)) return day;
  return null;
}

/** The working days of the span, in order. */
export function workingDaysOf(span: DemoSpan): string[] {
  return span.dates.filter((date) => isWorkingDay(date, span.calendar));
}

/** `n` working days after `date` (0: the date itself). */
export function workingDaysAfter(span: DemoSpan, date: string, n: number): string {
  return addWorkingDays(date, n, span.calendar);
}

/** Calendar days from one local date to another. */
export function daysFrom(from: string, to: string): number {
  return daysBetween(from, to);
}

/** The instant of a wall-clock time on a date; minutes may run past 60 (9:75 is 10:15). */
export function at(span: DemoSpan, date: string, hour: number, minute = 0, second = 0): Date {
  const time = `${String(hour).padStart(2, '0')}:00`;
  const key = `${date}T${time}`;
  let base = span.hourStarts.get(key);
  if (base === undefined) {
    base = instantOf(date, time, span.calendar.timeZone).getTime();
    span.hourStarts.set(key, base);
  }
  return new Date(base + (minute * 60 + second) * 1000);
}

/** Whether an instant is inside the span (before its end). */
export function isInSpan(span: DemoSpan, instant: Date): boolean {
  return instant.getTime() < span.end.getTime();
}

/** Compact date for ids: '2026-03-02' → '20260302'. */
export function compactDate(date: string): string {
  return date.replaceAll('-', '');
}
