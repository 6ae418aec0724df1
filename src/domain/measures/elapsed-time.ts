import type { OpeningHours } from '../cards/card.ts';
import { daysBetween, localDateOf, serviceMinutesBetween, workingDaysBetween } from '../calendar/index.ts';
import type { WorkCalendar } from '../calendar/index.ts';
import { UserError } from '../shared/errors.ts';
import type { DurationLimit } from './measure.ts';

export type ElapsedUnit = DurationLimit['unit'];

/**
 * Time from `start` to `end` in a unit:
 * - seconds, minutes, hours: real elapsed time (a DST night is 23 or 25 hours long);
 * - days: calendar days between the two local dates, the start day not counted (same day = 0, as for working days);
 * - working-days: working days after the start date up to the end date, per the work calendar;
 * - service-minutes, service-hours: time within the channel's service hours (fractional).
 * `end` before `start` is a UserError; service units without hours too.
 */
export function elapsedIn(start: Date, end: Date, unit: ElapsedUnit, calendar: WorkCalendar, hours?: OpeningHours | null): number {
  const ms = end.getTime() - start.getTime();
  if (ms < 0) throw new UserError(`the end ${end.toISOString()} is before the start ${start.toISOString()}`);
  switch (unit) {
    case 'seconds':
      return ms / 1000;
    case 'minutes':
      return ms / 60_000;
    case 'hours':
      return ms / 3_600_000;
    case 'days':
      return daysBetween(localDateOf(start, calendar.timeZone), localDateOf(end, calendar.timeZone));
    case 'working-days':
      return workingDaysBetween(start, end, calendar);
    case 'service-minutes':
    case 'service-hours': {
      if (!hours) throw new UserError(`${unit} need the service hours of a channel, and none were given`);
      const minutes = serviceMinutesBetween(start, end, hours, calendar);
      return unit === 'service-hours' ? minutes / 60 : minutes;
    }
  }
}

/** A limit given in seconds, minutes or hours as minutes; null for units that are not plain elapsed time. */
export function limitInMinutes(limit: DurationLimit): number | null {
  if (limit.unit === 'seconds') return limit.value / 60;
  if (limit.unit === 'minutes') return limit.value;
  if (limit.unit === 'hours') return limit.value * 60;
  return null;
}

/** Whether a measured amount stays within a limit, tolerant of floating-point noise (5.000000001 ≤ 5). */
export function isWithin(amount: number, limit: number): boolean {
  return amount <= limit + 1e-9;
}
