import { describe, expect, it } from 'vitest';
import {
  easterSundayOf,
  holidaysOf,
  isHoliday,
  libraryHolidaysOf,
  nationalHolidayRulesOf,
  reconcileNationalHolidays,
} from './holidays.ts';
import type { LibraryHoliday } from './holidays.ts';

const FIXED = ['01-01', '01-06', '04-25', '05-01', '06-02', '08-15', '11-01', '12-08', '12-25', '12-26'];

const datesOf = (holidays: { date: string }[]) => holidays.map((h) => h.date);

/** The list the law gives for a year, written out by hand from the fixed days, Easter and 4 October. */
function expectedDates(year: number, easter: string, easterMonday: string): string[] {
  const fixed = FIXED.map((md) => `${year}-${md}`);
  if (year >= 2026) fixed.push(`${year}-10-04`);
  return [...new Set([...fixed, easter, easterMonday])].sort();
}

describe('Easter', () => {
  it.each([
    [2001, '2001-04-15'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('Easter Sunday %i is %s', (year, date) => {
    expect(easterSundayOf(year)).toBe(date);
  });
});

describe('national holidays by year', () => {
  it.each([
    [2024, '2024-03-31', '2024-04-01'],
    [2025, '2025-04-20', '2025-04-21'],
    [2026, '2026-04-05', '2026-04-06'],
    [2027, '2027-03-28', '2027-03-29'],
    [2038, '2038-04-25', '2038-04-26'],
    [2011, '2011-04-24', '2011-04-25'],
  ])('%i has the fixed days, Easter %s and Easter Monday %s, and 4 October from 2026', (year, easter, monday) => {
    const holidays = holidaysOf(year);
    expect(datesOf(holidays)).toEqual(expectedDates(year, easter, monday));
    expect(new Set(datesOf(holidays)).size).toBe(holidays.length);
    expect(holidays.every((h) => h.name.trim() !== '')).toBe(true);
  });

  it.each([
    [2038, '2038-04-25', /Liberazione.* \/ .*Pasqua/],
    [2011, '2011-04-25', /Liberazione.* \/ Lunedì dell.Angelo/],
  ])('lists a date shared by two holidays in %i once, with both names', (year, date, name) => {
    const shared = holidaysOf(year).filter((h) => h.date === date);
    expect(shared).toHaveLength(1);
    expect(shared[0]!.name).toMatch(name);
  });

  it.each([
    ['2026-10-04', true, 'Sunday, first year of San Francesco'],
    ['2027-10-04', true, 'Monday, San Francesco'],
    ['2024-10-04', false, 'Friday, before L. 151/2025'],
    ['2025-10-04', false, 'Saturday, before L. 151/2025'],
    ['2026-10-05', false, 'the Monday after a Sunday holiday: no substitute day'],
    ['2026-04-25', true, 'Saturday, Liberazione stays a holiday'],
    ['2026-04-27', false, 'the Monday after: nothing moves'],
    ['2026-04-06', true, 'Easter Monday 2026'],
    ['2024-04-01', true, 'Easter Monday 2024'],
    ['2027-03-29', true, 'Easter Monday 2027'],
    ['2026-04-05', true, 'Easter Sunday 2026'],
    ['2026-11-04', false, '4 November is no holiday since 1977'],
    ['2026-06-29', false, 'Rome patron day is not national'],
    ['2026-12-08', true, 'Immacolata'],
    ['2026-01-06', true, 'Epifania'],
    ['2026-06-02', true, 'Festa della Repubblica'],
    ['2026-05-10', false, "Mother's day is only an observance"],
    ['2026-03-19', false, 'San Giuseppe is no longer a holiday'],
  ])('%s is a national holiday: %s (%s)', (date, expected) => {
    expect(isHoliday(date)).toBe(expected);
  });

  it('names the holidays in Italian', () => {
    const byDate = new Map(holidaysOf(2027).map((h) => [h.date, h.name]));
    expect(byDate.get('2027-10-04')).toMatch(/San Francesco/);
    expect(byDate.get('2027-03-29')).toMatch(/Angelo/);
    expect(byDate.get('2027-12-25')).toMatch(/Natale/);
  });

  it('returns a fresh list each time, so a caller cannot corrupt the cache', () => {
    const first = holidaysOf(2026);
    first.pop();
    first[0]!.name = 'changed';
    expect(holidaysOf(2026)).toHaveLength(13);
    expect(holidaysOf(2026)[0]!.name).not.toBe('changed');
  });

  it.each([2000, 1985, 2026.5, 10_000])('refuses year %s with a message naming the years it knows', (year) => {
    expect(() => holidaysOf(year)).toThrow(/holidays are known for the years 2001–9999/);
  });

  it('refuses a malformed date', () => {
    expect(() => isHoliday('2026-10-4')).toThrow(/"2026-10-4" is not a local date/);
  });
});

describe('reconciling what date-holidays says with the law', () => {
  const lib = (date: string, name: string, type = 'public'): LibraryHoliday => ({ date: `${date} 00:00:00`, name, type });
  const rules2025 = nationalHolidayRulesOf(2025).map((h) => lib(h.date, `lib ${h.name}`));
  const rules2027 = nationalHolidayRulesOf(2027).map((h) => lib(h.date, `lib ${h.name}`));

  it.each([
    ['a faithful library', 2027, rules2027, datesOf(nationalHolidayRulesOf(2027))],
    ['a library giving 4 October before 2026', 2025, [...rules2025, lib('2025-10-04', 'San Francesco')], datesOf(nationalHolidayRulesOf(2025))],
    ['a library lacking 4 October', 2027, rules2027.filter((h) => !h.date.startsWith('2027-10-04')), datesOf(nationalHolidayRulesOf(2027))],
    ['a library listing 4 October twice', 2027, [...rules2027, lib('2027-10-04', 'again')], datesOf(nationalHolidayRulesOf(2027))],
    ['a library lacking 8 December and Easter Monday', 2027, rules2027.filter((h) => !/12-08|03-29/.test(h.date)), datesOf(nationalHolidayRulesOf(2027))],
    ['a library with a regional patron day and an observance', 2027, [...rules2027, lib('2027-06-29', 'Santi Pietro e Paolo'), lib('2027-05-09', 'Festa della mamma', 'observance')], datesOf(nationalHolidayRulesOf(2027))],
    ['a library calling a rule day an observance', 2027, [...rules2027.filter((h) => !h.date.startsWith('2027-11-01')), lib('2027-11-01', 'x', 'observance')], datesOf(nationalHolidayRulesOf(2027))],
    ['an empty library', 2027, [], datesOf(nationalHolidayRulesOf(2027))],
  ])('keeps exactly the legal dates with %s', (_label, year, library, expected) => {
    expect(datesOf(reconcileNationalHolidays(year, library))).toEqual(expected);
  });

  it("takes the library's name when it lists the day as public, ours otherwise", () => {
    const library = [lib('2027-10-04', 'Festa nazionale di San Francesco'), lib('2027-11-01', 'Tutti i santi', 'observance')];
    const byDate = new Map(reconcileNationalHolidays(2027, library).map((h) => [h.date, h.name]));
    expect(byDate.get('2027-10-04')).toBe('Festa nazionale di San Francesco');
    expect(byDate.get('2027-11-01')).toBe('Ognissanti');
  });

  // A canary: if a date-holidays upgrade disagrees with the law, this says where (our list stays right regardless).
  it.each([2001, 2010, 2024, 2025, 2026, 2027, 2030])('the installed date-holidays gives the legal public days for %i', (year) => {
    const publicDates = libraryHolidaysOf(year)
      .filter((h) => h.type === 'public')
      .map((h) => h.date.slice(0, 10))
      .sort();
    expect(publicDates).toEqual(datesOf(nationalHolidayRulesOf(year)));
  });
});

describe('local holidays', () => {
  const rome = { localHolidays: [{ month: 6, day: 29, name: 'Santi Pietro e Paolo' }] };
  const milan = { localHolidays: [{ month: 12, day: 7, name: "Sant'Ambrogio" }] };

  it.each([
    ['2026-06-29', rome, true],
    ['2026-06-29', milan, false],
    ['2026-12-07', milan, true],
    ['2026-12-07', rome, false],
    ['2026-06-29', {}, false],
  ])('%s with %j is a holiday: %s', (date, options, expected) => {
    expect(isHoliday(date, options)).toBe(expected);
  });

  it('adds local holidays to the year in date order without changing the national cache', () => {
    const holidays = holidaysOf(2026, rome);
    expect(holidays).toHaveLength(14);
    expect(holidays.find((h) => h.date === '2026-06-29')?.name).toBe('Santi Pietro e Paolo');
    expect(datesOf(holidays)).toEqual([...datesOf(holidays)].sort());
    expect(holidaysOf(2026)).toHaveLength(13);
  });

  it('lists a local holiday on a national one once, under the national name', () => {
    const holidays = holidaysOf(2026, { localHolidays: [{ month: 12, day: 26, name: 'Patrono' }] });
    expect(holidays.filter((h) => h.date === '2026-12-26').map((h) => h.name)).toEqual(['Santo Stefano']);
  });

  it('applies 29 February only in leap years', () => {
    const leap = { localHolidays: [{ month: 2, day: 29, name: 'Bisestile' }] };
    expect(datesOf(holidaysOf(2028, leap))).toContain('2028-02-29');
    expect(holidaysOf(2027, leap)).toHaveLength(holidaysOf(2027).length);
  });

  it.each([
    [{ month: 13, day: 1, name: 'x' }, /localHolidays\[0\]\.month.*month 13 is not a month/],
    [{ month: 4, day: 31, name: 'x' }, /localHolidays\[0\]\.day.*day 31 is not a day of month 4/],
    [{ month: 6, day: 29, name: ' ' }, /localHolidays\[0\]\.name.*needs a name/],
  ])('rejects the local holiday %j saying which field', (local, message) => {
    expect(() => isHoliday('2026-01-02', { localHolidays: [local] })).toThrow(message);
  });
});
