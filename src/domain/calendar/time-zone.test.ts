import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../shared/errors.ts';
import {
  addDays,
  datesOfYear,
  daysBetween,
  daysInYear,
  instantOf,
  localDateOf,
  localPartsOf,
  minutesInLocalDay,
  nextLocalDate,
  parseLocalDate,
  parseLocalTime,
  previousLocalDate,
  startOfLocalDay,
  utcOffsetMinutesAt,
  weekdayOf,
} from './time-zone.ts';

const at = (iso: string) => new Date(iso);

describe('localDateOf', () => {
  it.each([
    ['2026-03-28T22:59:59Z', 'Europe/Rome', '2026-03-28'],
    ['2026-03-28T23:00:00Z', 'Europe/Rome', '2026-03-29'],
    ['2026-06-30T21:59:59.999Z', 'Europe/Rome', '2026-06-30'],
    ['2026-06-30T22:00:00Z', 'Europe/Rome', '2026-07-01'],
    ['2026-12-31T22:59:59Z', 'Europe/Rome', '2026-12-31'],
    ['2026-12-31T23:00:00Z', 'Europe/Rome', '2027-01-01'],
    ['2026-01-01T04:59:59Z', 'America/New_York', '2025-12-31'],
    ['2026-01-01T05:00:00Z', 'America/New_York', '2026-01-01'],
    ['2026-06-30T23:30:00Z', 'UTC', '2026-06-30'],
  ])('reads %s as local date in %s: %s', (iso, zone, expected) => {
    expect(localDateOf(at(iso), zone)).toBe(expected);
  });

  it('uses Europe/Rome when no zone is given', () => {
    expect(localDateOf(at('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
  });

  it('rejects an unknown time zone with a message naming it', () => {
    expect(() => localDateOf(at('2026-01-01T00:00:00Z'), 'Europe/Roma')).toThrow(/"Europe\/Roma" is not a known IANA time zone/);
  });

  it('rejects an invalid instant', () => {
    expect(() => localDateOf(new Date('not a date'))).toThrow(UserError);
  });

  // The offset is remembered per UTC day (per quarter hour on the days it changes): it must read like Intl itself.
  it.each([
    ['Europe/Rome', '2026-03-28', '2026-03-30'],
    ['Europe/Rome', '2026-10-24', '2026-10-26'],
    ['Australia/Adelaide', '2026-04-04', '2026-04-06'],
    ['America/Santiago', '2026-04-04', '2026-04-06'],
    ['Asia/Kolkata', '2026-01-01', '2026-01-02'],
  ])('reads every quarter hour and its last minute in %s from %s to %s as Intl does', (zone, from, to) => {
    const intl = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    for (let ms = Date.parse(`${from}T00:00:00Z`); ms < Date.parse(`${to}T00:00:00Z`); ms += 900_000) {
      for (const instant of [new Date(ms), new Date(ms + 899_999)]) expect(localDateOf(instant, zone), instant.toISOString()).toBe(intl.format(instant));
    }
  });
});

describe('localPartsOf across the DST changes of 2026 in Rome', () => {
  it.each([
    ['2026-03-29T00:59:59Z', '2026-03-29', 1, 59, 59, 7, 60],
    ['2026-03-29T01:00:00Z', '2026-03-29', 3, 0, 0, 7, 120],
    ['2026-03-29T01:30:00Z', '2026-03-29', 3, 30, 0, 7, 120],
    ['2026-10-25T00:30:00Z', '2026-10-25', 2, 30, 0, 7, 120],
    ['2026-10-25T00:59:59Z', '2026-10-25', 2, 59, 59, 7, 120],
    ['2026-10-25T01:00:00Z', '2026-10-25', 2, 0, 0, 7, 60],
    ['2026-10-25T01:30:00Z', '2026-10-25', 2, 30, 0, 7, 60],
    ['2026-10-04T10:00:00Z', '2026-10-04', 12, 0, 0, 7, 120],
    ['2027-10-03T22:00:00Z', '2027-10-04', 0, 0, 0, 1, 120],
    ['2026-01-01T00:00:00Z', '2026-01-01', 1, 0, 0, 4, 60],
  ])('%s is %s %i:%i:%i, weekday %i, UTC+%i min', (iso, date, hour, minute, second, weekday, offset) => {
    expect(localPartsOf(at(iso), 'Europe/Rome')).toEqual({ date, hour, minute, second, weekday });
    expect(utcOffsetMinutesAt(at(iso), 'Europe/Rome')).toBe(offset);
  });

  it('reports midnight as hour 0, never 24', () => {
    expect(localPartsOf(at('2026-07-01T22:00:00Z'), 'Europe/Rome')).toMatchObject({ date: '2026-07-02', hour: 0 });
  });
});

describe('instantOf', () => {
  it.each([
    ['2026-01-15', '09:00', 'Europe/Rome', '2026-01-15T08:00:00.000Z'],
    ['2026-07-15', '09:00', 'Europe/Rome', '2026-07-15T07:00:00.000Z'],
    ['2026-07-15', '09:00:30', 'Europe/Rome', '2026-07-15T07:00:30.000Z'],
    ['2026-07-15', '00:00', 'UTC', '2026-07-15T00:00:00.000Z'],
    ['2026-07-15', '24:00', 'Europe/Rome', '2026-07-15T22:00:00.000Z'],
    // spring forward, 29 March 2026: 02:00–02:59 do not exist and move forward by one hour
    ['2026-03-29', '01:59:59', 'Europe/Rome', '2026-03-29T00:59:59.000Z'],
    ['2026-03-29', '02:00', 'Europe/Rome', '2026-03-29T01:00:00.000Z'],
    ['2026-03-29', '02:30', 'Europe/Rome', '2026-03-29T01:30:00.000Z'],
    ['2026-03-29', '03:00', 'Europe/Rome', '2026-03-29T01:00:00.000Z'],
    ['2026-03-29', '03:30', 'Europe/Rome', '2026-03-29T01:30:00.000Z'],
    // fall back, 25 October 2026: 02:00–02:59 happen twice; the first (summer time) is taken
    ['2026-10-25', '01:59', 'Europe/Rome', '2026-10-24T23:59:00.000Z'],
    ['2026-10-25', '02:00', 'Europe/Rome', '2026-10-25T00:00:00.000Z'],
    ['2026-10-25', '02:30', 'Europe/Rome', '2026-10-25T00:30:00.000Z'],
    ['2026-10-25', '03:00', 'Europe/Rome', '2026-10-25T02:00:00.000Z'],
    ['2026-03-08', '02:30', 'America/New_York', '2026-03-08T07:30:00.000Z'],
    ['2026-11-01', '01:30', 'America/New_York', '2026-11-01T05:30:00.000Z'],
    ['2026-07-15', '12:00', 'Asia/Kolkata', '2026-07-15T06:30:00.000Z'],
  ])('%s %s in %s is %s', (date, time, zone, expected) => {
    expect(instantOf(date, time, zone).toISOString()).toBe(expected);
  });

  it('gives back the same instant for every quarter hour around both DST changes, except the repeated hour', () => {
    const mismatches: string[] = [];
    for (const [from, to] of [
      ['2026-03-27T00:00:00Z', '2026-03-31T00:00:00Z'],
      ['2026-10-23T00:00:00Z', '2026-10-27T00:00:00Z'],
    ] as const) {
      for (let ms = Date.parse(from); ms < Date.parse(to); ms += 15 * 60_000) {
        const parts = localPartsOf(new Date(ms), 'Europe/Rome');
        const time = `${String(parts.hour).padStart(2, '0')}:${String(parts.minute).padStart(2, '0')}`;
        const back = instantOf(parts.date, time, 'Europe/Rome').getTime();
        if (back !== ms) mismatches.push(new Date(ms).toISOString());
      }
    }
    // Only the second run of 02:00–02:59 on 25 October (01:00Z–01:45Z) maps to its first occurrence.
    expect(mismatches).toEqual(['2026-10-25T01:00:00.000Z', '2026-10-25T01:15:00.000Z', '2026-10-25T01:30:00.000Z', '2026-10-25T01:45:00.000Z']);
  });

  it.each([
    ['2026-02-30', '09:00', /"2026-02-30" is not a local date/],
    ['2026-2-3', '09:00', /"2026-2-3" is not a local date/],
    ['2026-01-01', '9:00', /"9:00" is not a local time/],
    ['2026-01-01', '24:01', /"24:01" is not a local time/],
    ['2026-01-01', '12:60', /"12:60" is not a local time/],
  ])('rejects %s %s with a clear message', (date, time, message) => {
    expect(() => instantOf(date, time, 'Europe/Rome')).toThrow(message);
  });
});

describe('local days of 23, 24 and 25 hours', () => {
  it.each([
    ['2026-03-28', 'Europe/Rome', '2026-03-27T23:00:00.000Z', 1440],
    ['2026-03-29', 'Europe/Rome', '2026-03-28T23:00:00.000Z', 1380],
    ['2026-03-30', 'Europe/Rome', '2026-03-29T22:00:00.000Z', 1440],
    ['2026-10-25', 'Europe/Rome', '2026-10-24T22:00:00.000Z', 1500],
    ['2026-10-26', 'Europe/Rome', '2026-10-25T23:00:00.000Z', 1440],
    ['2026-03-29', 'UTC', '2026-03-29T00:00:00.000Z', 1440],
  ])('%s in %s starts at %s and lasts %i minutes', (date, zone, start, minutes) => {
    expect(startOfLocalDay(date, zone).toISOString()).toBe(start);
    expect(minutesInLocalDay(date, zone)).toBe(minutes);
  });
});

describe('date-string arithmetic', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2000-02-28', 1, '2000-02-29'],
    ['2100-02-28', 1, '2100-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-28', 2, '2026-03-30'],
    ['2026-01-01', 365, '2027-01-01'],
    ['2024-01-01', 365, '2024-12-31'],
    ['2026-10-25', 0, '2026-10-25'],
  ])('%s plus %i days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
    expect(daysBetween(date, expected)).toBe(days);
  });

  it('steps to the next and previous date over a year end', () => {
    expect(nextLocalDate('2026-12-31')).toBe('2027-01-01');
    expect(previousLocalDate('2027-01-01')).toBe('2026-12-31');
  });

  it('refuses a fractional number of days', () => {
    expect(() => addDays('2026-01-01', 1.5)).toThrow(/whole number/);
  });

  it.each([
    ['2026-03-29', 7],
    ['2026-03-30', 1],
    ['2026-10-04', 7],
    ['2027-10-04', 1],
    ['2024-10-04', 5],
    ['2026-04-25', 6],
    ['2026-04-06', 1],
    ['2000-01-01', 6],
  ])('%s falls on ISO weekday %i', (date, weekday) => {
    expect(weekdayOf(date)).toBe(weekday);
  });

  it.each([
    [2024, 366],
    [2026, 365],
    [2000, 366],
    [1900, 365],
    [2100, 365],
  ])('year %i has %i days, and datesOfYear lists each once in order', (year, days) => {
    expect(daysInYear(year)).toBe(days);
    const dates = datesOfYear(year);
    expect(dates).toHaveLength(days);
    expect(dates[0]).toBe(`${year}-01-01`);
    expect(dates.at(-1)).toBe(`${year}-12-31`);
    expect(new Set(dates).size).toBe(days);
    expect(dates.every((date, i) => i === 0 || dates[i - 1]! < date)).toBe(true);
    expect(dates.includes(`${year}-02-29`)).toBe(days === 366);
  });

  it.each([
    ['2026-01-01', { year: 2026, month: 1, day: 1 }],
    ['0050-12-31', { year: 50, month: 12, day: 31 }],
  ])('parses %s', (date, parts) => {
    expect(parseLocalDate(date)).toEqual(parts);
  });

  it('keeps two-digit years as given instead of shifting them to the 1900s', () => {
    expect(addDays('0050-12-31', 1)).toBe('0051-01-01');
  });

  it.each([
    ['00:00', 0],
    ['09:30', 34_200],
    ['19:59:59', 71_999],
    ['24:00', 86_400],
  ])('reads %s as %i seconds after midnight', (time, seconds) => {
    expect(parseLocalTime(time)).toBe(seconds);
  });
});

describe('independence from the process time zone', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it.each(['America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Kathmandu', 'UTC'])('gives the same answers when the process runs in %s', (zone) => {
    process.env.TZ = zone;
    // Proves the switch took effect, so this test could catch a local getter.
    expect(new Date('2026-01-01T00:00:00Z').getTimezoneOffset()).toBe(
      { 'America/Los_Angeles': 480, 'Pacific/Kiritimati': -840, 'Asia/Kathmandu': -345, UTC: 0 }[zone],
    );
    expect(localDateOf(at('2026-03-28T23:30:00Z'), 'Europe/Rome')).toBe('2026-03-29');
    expect(localPartsOf(at('2026-10-25T01:30:00Z'), 'Europe/Rome')).toEqual({ date: '2026-10-25', hour: 2, minute: 30, second: 0, weekday: 7 });
    expect(instantOf('2026-03-29', '02:30', 'Europe/Rome').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(minutesInLocalDay('2026-10-25', 'Europe/Rome')).toBe(1500);
    expect(weekdayOf('2026-10-04')).toBe(7);
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(datesOfYear(2026)[87]).toBe('2026-03-29');
  });
});
