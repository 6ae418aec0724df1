import { describe, expect, it } from 'vitest';
import type { Weekday } from '../cards/card.ts';
import {
  isServiceDay,
  isWithinServiceHours,
  serviceHoursOfDay,
  serviceIntervalOf,
  serviceMinutesBetween,
} from './service-hours.ts';
import type { ServiceHours } from './service-hours.ts';
import { DEFAULT_WORK_CALENDAR, workCalendarOf } from './working-days.ts';

const MON_FRI: Weekday[] = [1, 2, 3, 4, 5];
const EVERY_DAY: Weekday[] = [1, 2, 3, 4, 5, 6, 7];
const office: ServiceHours = { weekdays: MON_FRI, opens: '09:00', closes: '20:00' };
const allDay: ServiceHours = { weekdays: EVERY_DAY, opens: '00:00', closes: '24:00' };
const night: ServiceHours = { weekdays: EVERY_DAY, opens: '01:00', closes: '04:00' };
const dailyOffice: ServiceHours = { weekdays: EVERY_DAY, opens: '09:00', closes: '20:00' };
const saturdayDesk: ServiceHours = { weekdays: [1, 2, 3, 4, 5, 6], opens: '09:00', closes: '13:00' };
const rome = workCalendarOf({ localHolidays: [{ month: 6, day: 29, name: 'Santi Pietro e Paolo' }] });
const at = (iso: string) => new Date(iso);

describe('isWithinServiceHours (Monday–Friday 09:00–20:00, Rome)', () => {
  it.each([
    ['2026-03-27T18:59:59Z', true, 'Friday 19:59:59 CET'],
    ['2026-03-27T19:00:00Z', false, 'Friday 20:00:00 CET: the closing minute is outside'],
    ['2026-03-27T08:00:00Z', true, 'Friday 09:00:00 CET: the opening minute is inside'],
    ['2026-03-27T07:59:59Z', false, 'Friday 08:59:59 CET'],
    ['2026-07-03T17:59:59Z', true, 'Friday 19:59:59 CEST'],
    ['2026-07-03T18:00:00Z', false, 'Friday 20:00:00 CEST'],
    ['2026-07-03T18:30:00Z', false, 'Friday 20:30 CEST (still 18:30 in UTC)'],
    ['2026-03-28T10:00:00Z', false, 'Saturday'],
    ['2026-03-30T08:00:00Z', true, 'Monday after the DST change, 10:00 CEST'],
    ['2026-04-06T08:00:00Z', false, 'Easter Monday 2026, 10:00'],
    ['2027-03-29T08:00:00Z', false, 'Easter Monday 2027, 10:00'],
    ['2027-10-04T08:00:00Z', false, 'Monday 4 October 2027, 10:00'],
    ['2026-10-05T08:00:00Z', true, 'Monday 5 October 2026, 10:00: no substitute holiday'],
    ['2024-10-04T08:00:00Z', true, 'Friday 4 October 2024, 10:00'],
    ['2026-11-04T09:00:00Z', true, 'Wednesday 4 November 2026, 10:00'],
  ])('%s is within service hours: %s (%s)', (iso, expected) => {
    expect(isWithinServiceHours(at(iso), office, DEFAULT_WORK_CALENDAR)).toBe(expected);
  });

  it.each([
    ['2026-03-29T00:30:00Z', night, true, '01:30 CET, before the jump'],
    ['2026-03-29T01:00:00Z', night, true, '03:00 CEST, right after the jump'],
    ['2026-03-29T02:00:00Z', night, false, '04:00 CEST, closing'],
    ['2026-10-25T00:30:00Z', night, true, 'first 02:30 (CEST)'],
    ['2026-10-25T01:30:00Z', night, true, 'second 02:30 (CET)'],
    ['2026-10-25T03:00:00Z', night, false, '04:00 CET, closing'],
    ['2026-10-25T22:59:59Z', allDay, true, 'last second of the 25-hour day'],
    ['2026-03-29T10:00:00Z', allDay, true, 'Sunday with every-day hours'],
    ['2026-06-29T08:00:00Z', office, false, 'a local holiday of the calendar'],
  ])('on the edge %s the answer is %s (%s)', (iso, hours, expected) => {
    expect(isWithinServiceHours(at(iso), hours, rome)).toBe(expected);
  });

  it('takes the first occurrence of an opening time repeated when clocks go back, so the second run of that hour is inside', () => {
    const fromTwoThirty: ServiceHours = { weekdays: EVERY_DAY, opens: '02:30', closes: '03:00' };
    // First 02:30 is 00:30Z; 03:00 CET is 02:00Z; the second 02:15 (01:15Z) lies between them.
    expect(isWithinServiceHours(at('2026-10-25T00:15:00Z'), fromTwoThirty, DEFAULT_WORK_CALENDAR)).toBe(false);
    expect(isWithinServiceHours(at('2026-10-25T01:15:00Z'), fromTwoThirty, DEFAULT_WORK_CALENDAR)).toBe(true);
  });
});

describe('serviceHoursOfDay (minutes of service in a local day)', () => {
  it.each([
    ['2026-03-27', office, 660, 'a Friday'],
    ['2026-03-28', office, 0, 'a Saturday'],
    ['2026-03-29', allDay, 1380, 'the 23-hour day, open all day'],
    ['2026-10-25', allDay, 1500, 'the 25-hour day, open all day'],
    ['2026-03-28', allDay, 1440, 'an ordinary day, open all day'],
    ['2026-03-29', night, 120, '01:00–04:00 loses the skipped hour'],
    ['2026-10-25', night, 240, '01:00–04:00 gains the repeated hour'],
    ['2026-03-29', dailyOffice, 660, '09:00–20:00 is untouched by the change at 02:00'],
    ['2026-10-25', dailyOffice, 660, '09:00–20:00 is untouched by the change at 03:00'],
    ['2026-03-29', { weekdays: EVERY_DAY, opens: '02:30', closes: '03:15' }, 0, 'hours that only exist in the skipped hour'],
    ['2026-04-06', office, 0, 'Easter Monday 2026'],
    ['2027-10-04', office, 0, 'Monday 4 October 2027'],
    ['2026-10-04', allDay, 0, 'Sunday 4 October 2026 is a holiday even for an every-day service'],
    ['2026-04-25', saturdayDesk, 0, 'Saturday 25 April 2026'],
    ['2026-05-02', saturdayDesk, 240, 'a Saturday for a desk open on Saturdays'],
    ['2026-06-29', office, 660, 'Rome patron day, with no local holidays'],
  ])('%s has %i service minutes with %j (%s)', (date, hours, minutes) => {
    expect(serviceHoursOfDay(date, hours, DEFAULT_WORK_CALENDAR)).toBe(minutes);
  });

  it('is 0 on a local holiday of the calendar', () => {
    expect(serviceHoursOfDay('2026-06-29', office, rome)).toBe(0);
    expect(isServiceDay('2026-06-29', office, rome)).toBe(false);
  });

  it('gives the span of a day as instants, null when closed', () => {
    expect(serviceIntervalOf('2026-03-30', office, DEFAULT_WORK_CALENDAR)).toEqual({ start: at('2026-03-30T07:00:00Z'), end: at('2026-03-30T18:00:00Z') });
    expect(serviceIntervalOf('2026-04-06', office, DEFAULT_WORK_CALENDAR)).toBeNull();
  });
});

describe('serviceMinutesBetween', () => {
  it.each([
    ['2026-03-27T18:00:00Z', '2026-03-30T08:00:00Z', office, 120, 'Friday 19:00 → Monday 10:00 over the DST weekend'],
    ['2026-03-27T18:59:30Z', '2026-03-30T07:00:30Z', office, 1, 'Friday 19:59:30 → Monday 09:00:30: seconds count'],
    ['2026-03-27T18:59:59.500Z', '2026-03-27T19:30:00Z', office, 0.5 / 60, 'half a second before closing'],
    ['2026-03-23T09:00:00Z', '2026-03-23T10:30:00Z', office, 90, 'within one morning'],
    ['2026-03-23T10:00:00Z', '2026-03-23T10:00:00Z', office, 0, 'no time at all'],
    ['2026-03-23T05:00:00Z', '2026-03-23T21:00:00Z', office, 660, 'a day from before opening to after closing'],
    ['2026-03-22T23:00:00Z', '2026-03-27T23:00:00Z', office, 3300, 'a working week'],
    ['2026-03-27T20:00:00Z', '2026-03-30T06:59:59Z', office, 0, 'the whole weekend, closed'],
    ['2026-04-03T17:00:00Z', '2026-04-07T08:00:00Z', office, 120, 'Good Friday 19:00 → Tuesday 10:00 over Easter Monday 2026'],
    ['2027-03-26T18:00:00Z', '2027-03-30T08:00:00Z', office, 120, 'Friday 19:00 → Tuesday 10:00 over Easter Monday 2027'],
    ['2027-10-01T17:00:00Z', '2027-10-05T08:00:00Z', office, 120, 'Friday 19:00 → Tuesday 10:00 over Monday 4 October 2027'],
    ['2026-10-02T17:00:00Z', '2026-10-05T08:00:00Z', office, 120, 'Friday 19:00 → Monday 10:00 over Sunday 4 October 2026'],
    ['2024-10-03T17:00:00Z', '2024-10-07T08:00:00Z', office, 780, 'over Friday 4 October 2024, a working day'],
    ['2026-03-27T23:00:00Z', '2026-03-29T22:00:00Z', allDay, 2820, 'Saturday and the 23-hour Sunday, open all day'],
    ['2026-10-23T22:00:00Z', '2026-10-25T23:00:00Z', allDay, 2940, 'Saturday and the 25-hour Sunday, open all day'],
    ['2026-10-24T23:30:00Z', '2026-10-25T02:30:00Z', night, 180, 'through the repeated hour, real minutes'],
    ['2026-06-26T17:00:00Z', '2026-06-30T08:00:00Z', office, 780, 'over Rome patron day without local holidays'],
  ])('%s → %s gives %d service minutes with %j (%s)', (start, end, hours, minutes) => {
    expect(serviceMinutesBetween(at(start), at(end), hours, DEFAULT_WORK_CALENDAR)).toBeCloseTo(minutes, 9);
  });

  it('skips a local holiday of the calendar', () => {
    expect(serviceMinutesBetween(at('2026-06-26T17:00:00Z'), at('2026-06-30T08:00:00Z'), office, rome)).toBe(120);
  });

  it('equals the sum of the day lengths over a whole year', () => {
    let sum = 0;
    for (let ms = Date.parse('2026-01-01T00:00:00Z'); ms < Date.parse('2027-01-01T00:00:00Z'); ms += 86_400_000) {
      sum += serviceHoursOfDay(new Date(ms).toISOString().slice(0, 10), office, DEFAULT_WORK_CALENDAR);
    }
    expect(sum).toBe(254 * 660);
    expect(serviceMinutesBetween(at('2025-12-31T23:00:00Z'), at('2026-12-31T23:00:00Z'), office, DEFAULT_WORK_CALENDAR)).toBe(sum);
  });

  it('refuses an end before the start, naming both', () => {
    expect(() => serviceMinutesBetween(at('2026-03-27T19:00:00Z'), at('2026-03-27T18:00:00Z'), office)).toThrow(
      /from 2026-03-27T19:00:00.000Z back to 2026-03-27T18:00:00.000Z/,
    );
  });
});

describe('service hours checks', () => {
  it.each([
    [{ weekdays: [], opens: '09:00', closes: '20:00' }, /field "weekdays".*at least one weekday/],
    [{ weekdays: [0], opens: '09:00', closes: '20:00' }, /field "weekdays\[0\]".*0 is not a weekday/],
    [{ weekdays: MON_FRI, opens: '9:00', closes: '20:00' }, /field "opens".*"9:00" is not a local time/],
    [{ weekdays: MON_FRI, opens: '09:00', closes: '25:00' }, /field "closes".*"25:00" is not a local time/],
    [{ weekdays: MON_FRI, opens: '20:00', closes: '09:00' }, /field "closes".*close at 09:00, not after they open at 20:00/],
    [{ weekdays: MON_FRI, opens: '09:00', closes: '09:00' }, /field "closes"/],
  ] as [ServiceHours, RegExp][])('rejects %j saying which field', (hours, message) => {
    expect(() => serviceHoursOfDay('2026-03-27', hours)).toThrow(message);
    expect(() => isWithinServiceHours(at('2026-03-27T10:00:00Z'), hours)).toThrow(message);
  });
});

describe('serviceIntervalOf, remembered per date, hours and calendar', () => {
  it('answers again the same, even after a caller changed the Dates it was given', () => {
    const first = serviceIntervalOf('2026-03-27', office);
    first?.start.setTime(0);
    expect(serviceIntervalOf('2026-03-27', office)).toEqual({ start: at('2026-03-27T08:00:00Z'), end: at('2026-03-27T19:00:00Z') });
  });

  it('keeps calendars and hours apart: a local holiday or other hours give another answer for the same date', () => {
    expect(serviceIntervalOf('2026-06-29', office, DEFAULT_WORK_CALENDAR)).not.toBeNull();
    expect(serviceIntervalOf('2026-06-29', office, rome)).toBeNull();
    expect(isWithinServiceHours(at('2026-06-29T10:00:00Z'), office, rome)).toBe(false);
    expect(serviceIntervalOf('2026-06-29', { ...office, closes: '12:00' })?.end).toEqual(at('2026-06-29T10:00:00Z'));
  });

  it('still checks the input of a date it has answered for', () => {
    expect(serviceIntervalOf('2026-03-27', office)).not.toBeNull();
    expect(() => serviceIntervalOf('2026-03-27', { ...office, weekdays: [] })).toThrow(/weekday/);
  });
});
