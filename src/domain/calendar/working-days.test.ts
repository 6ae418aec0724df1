import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  countWorkingDays,
  DEFAULT_WORK_CALENDAR,
  isWorkingDay,
  workCalendarOf,
  workingDaysBetween,
} from './working-days.ts';
import type { WorkCalendar } from './working-days.ts';

const rome = workCalendarOf({ localHolidays: [{ month: 6, day: 29, name: 'Santi Pietro e Paolo' }] });
const sixDays = workCalendarOf({ workingWeekdays: [1, 2, 3, 4, 5, 6] });
const at = (iso: string) => new Date(iso);

describe('isWorkingDay', () => {
  it.each([
    ['2027-10-04', false, 'Monday 4 October 2027, San Francesco'],
    ['2026-10-04', false, 'Sunday 4 October 2026, San Francesco'],
    ['2026-10-05', true, 'Monday 5 October 2026: the Sunday holiday is not moved'],
    ['2024-10-04', true, 'Friday 4 October 2024, before L. 151/2025'],
    ['2025-10-03', true, 'Friday 3 October 2025'],
    ['2026-11-04', true, 'Wednesday 4 November 2026'],
    ['2027-11-04', true, 'Thursday 4 November 2027'],
    ['2026-04-06', false, 'Easter Monday 2026'],
    ['2024-04-01', false, 'Easter Monday 2024'],
    ['2027-03-29', false, 'Easter Monday 2027'],
    ['2026-04-07', true, 'Tuesday after Easter 2026'],
    ['2026-04-25', false, 'Saturday 25 April 2026'],
    ['2026-04-27', true, 'Monday 27 April 2026: no substitute for 25 April'],
    ['2026-03-27', true, 'a plain Friday'],
    ['2026-03-28', false, 'a Saturday'],
    ['2026-03-29', false, 'a Sunday (and the DST change)'],
    ['2026-06-29', true, 'Rome patron day, without local holidays'],
    ['2026-12-24', true, 'Christmas Eve is a working day'],
    ['2026-12-25', false, 'Christmas'],
  ])('%s is a working day: %s (%s)', (date, expected) => {
    expect(isWorkingDay(date, DEFAULT_WORK_CALENDAR)).toBe(expected);
  });

  it.each([
    ['2026-06-29', rome, false],
    ['2026-06-30', rome, true],
    ['2026-03-28', sixDays, true],
    ['2026-04-25', sixDays, false],
    ['2026-03-29', sixDays, false],
  ])('%s with calendar %j is a working day: %s', (date, calendar, expected) => {
    expect(isWorkingDay(date, calendar)).toBe(expected);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['2026-03-27', 1, '2026-03-30', 'Friday + 1 is Monday'],
    ['2026-03-28', 1, '2026-03-30', 'Saturday + 1 is Monday'],
    ['2026-03-30', 0, '2026-03-30', '+ 0 is the same day'],
    ['2026-03-28', 0, '2026-03-28', '+ 0 is the same day even when not working'],
    ['2026-04-03', 1, '2026-04-07', 'Good Friday + 1 skips Easter Monday'],
    ['2026-04-02', 5, '2026-04-10', 'across Easter 2026'],
    ['2027-10-01', 1, '2027-10-05', 'Friday 1 October 2027 + 1 skips San Francesco'],
    ['2026-10-02', 1, '2026-10-05', 'Friday 2 October 2026 + 1 is Monday 5 October'],
    ['2024-10-03', 1, '2024-10-04', '4 October 2024 was working'],
    ['2026-12-23', 3, '2026-12-29', 'over Christmas and Santo Stefano'],
    ['2026-03-30', -1, '2026-03-27', 'Monday − 1 is Friday'],
    ['2026-04-07', -1, '2026-04-03', 'Tuesday after Easter − 1 is Good Friday'],
    ['2026-03-02', 20, '2026-03-30', 'four working weeks'],
  ])('%s + %i working days = %s (%s)', (date, n, expected) => {
    expect(addWorkingDays(date, n, DEFAULT_WORK_CALENDAR)).toBe(expected);
  });

  it('skips a local holiday of the calendar', () => {
    expect(addWorkingDays('2026-06-26', 1, rome)).toBe('2026-06-30');
    expect(addWorkingDays('2026-06-26', 1, DEFAULT_WORK_CALENDAR)).toBe('2026-06-29');
  });

  it('refuses a fractional number of days', () => {
    expect(() => addWorkingDays('2026-03-27', 1.5, DEFAULT_WORK_CALENDAR)).toThrow(/whole number/);
  });
});

describe('workingDaysBetween', () => {
  it.each([
    ['2026-03-27T16:00:00Z', '2026-03-30T08:00:00Z', 1, 'Friday 17:00 → Monday 10:00 (Rome)'],
    ['2026-03-30T07:00:00Z', '2026-03-30T16:00:00Z', 0, 'same day'],
    ['2026-03-30T21:30:00Z', '2026-03-30T22:30:00Z', 1, 'Monday 23:30 → Tuesday 00:30 in Rome, though the same UTC day'],
    ['2026-03-27T16:00:00Z', '2026-03-31T08:00:00Z', 2, 'Friday → Tuesday'],
    ['2026-03-28T10:00:00Z', '2026-03-30T08:00:00Z', 1, 'Saturday → Monday'],
    ['2026-03-28T10:00:00Z', '2026-03-29T10:00:00Z', 0, 'Saturday → Sunday'],
    ['2026-04-03T10:00:00Z', '2026-04-07T10:00:00Z', 1, 'Good Friday → Tuesday, over Easter Monday 2026'],
    ['2027-03-26T10:00:00Z', '2027-03-30T10:00:00Z', 1, 'over Easter Monday 2027'],
    ['2024-03-29T10:00:00Z', '2024-04-02T10:00:00Z', 1, 'over Easter Monday 2024'],
    ['2027-10-01T10:00:00Z', '2027-10-05T10:00:00Z', 1, 'over Monday 4 October 2027'],
    ['2026-10-02T10:00:00Z', '2026-10-05T10:00:00Z', 1, 'over Sunday 4 October 2026'],
    ['2024-10-03T10:00:00Z', '2024-10-07T10:00:00Z', 2, 'over Friday 4 October 2024'],
    ['2026-04-24T10:00:00Z', '2026-04-27T10:00:00Z', 1, 'over Saturday 25 April 2026'],
    ['2026-10-30T10:00:00Z', '2026-11-05T10:00:00Z', 4, 'over 1 November (Sunday) to Thursday 5 November'],
    ['2026-01-01T00:00:00Z', '2026-12-31T12:00:00Z', 254, 'the whole of 2026'],
  ])('%s → %s is %i working days (%s)', (start, end, expected) => {
    expect(workingDaysBetween(at(start), at(end), DEFAULT_WORK_CALENDAR)).toBe(expected);
  });

  it.each([
    ['2026-03-27', 1],
    ['2026-03-28', 3],
    ['2026-04-02', 5],
    ['2027-09-30', 4],
    ['2026-12-23', 10],
  ])('undoes addWorkingDays from %s over %i days', (date, n) => {
    expect(countWorkingDays(date, addWorkingDays(date, n, DEFAULT_WORK_CALENDAR), DEFAULT_WORK_CALENDAR)).toBe(n);
  });

  it('reads the local dates in the calendar time zone', () => {
    const utc: WorkCalendar = workCalendarOf({ timeZone: 'UTC' });
    // Friday 23:30 UTC is already Saturday in Rome.
    expect(workingDaysBetween(at('2026-03-27T23:30:00Z'), at('2026-03-30T08:00:00Z'), DEFAULT_WORK_CALENDAR)).toBe(1);
    expect(workingDaysBetween(at('2026-03-26T23:30:00Z'), at('2026-03-27T08:00:00Z'), DEFAULT_WORK_CALENDAR)).toBe(0);
    expect(workingDaysBetween(at('2026-03-26T23:30:00Z'), at('2026-03-27T08:00:00Z'), utc)).toBe(1);
  });

  it('refuses an end before the start, naming both', () => {
    expect(() => workingDaysBetween(at('2026-03-30T08:00:00Z'), at('2026-03-27T16:00:00Z'))).toThrow(
      /from 2026-03-30T08:00:00.000Z back to 2026-03-27T16:00:00.000Z: the end is before the start/,
    );
  });
});

describe('work calendar checks', () => {
  it.each([
    [{ timeZone: 'Mars/Olympus' }, /timeZone.*"Mars\/Olympus" is not a known IANA time zone/],
    [{ workingWeekdays: [] }, /workingWeekdays.*at least one working weekday/],
    [{ workingWeekdays: [1, 8] }, /workingWeekdays\[1\].*8 is not a weekday/],
    [{ localHolidays: [{ month: 2, day: 30, name: 'x' }] }, /localHolidays\[0\]\.day/],
  ] as [Partial<WorkCalendar>, RegExp][])('rejects %j saying which field', (overrides, message) => {
    expect(() => workCalendarOf(overrides)).toThrow(message);
    expect(() => isWorkingDay('2026-03-27', { ...DEFAULT_WORK_CALENDAR, ...overrides })).toThrow(message);
  });
});
