import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';
import { UserError } from '../shared/errors.ts';
import { addDays, daysInMonth, formatLocalDate, parseLocalDate } from './time-zone.ts';

/**
 * Italian holidays by year.
 *
 * Our own rules (art. 2 L. 260/1949 as amended, with San Francesco d'Assisi added by L. 151/2025 from 2026) decide
 * WHICH dates are national holidays; the date-holidays package supplies their Italian names. So the list is right
 * whatever the installed date-holidays says: its regional, observance and out-of-law entries are dropped, and any
 * holiday it lacks (for example 4 October in an old release) is added with our name. Holidays falling on a Sunday
 * stay where they are: Italian law has no substitute days.
 */

/** A holiday on a local date. */
export interface Holiday {
  /** 'YYYY-MM-DD' */
  date: string;
  name: string;
}

/** A holiday that recurs every year on the same day, e.g. a comune's patron saint (Rome: 29 June). */
export interface LocalHoliday {
  /** 1–12 */
  month: number;
  /** 1–31; 29 February only applies in leap years. */
  day: number;
  name: string;
}

/** Calendar options: the office's own local holidays, added to the national ones. */
export interface HolidayOptions {
  localHolidays?: readonly LocalHoliday[];
}

/** The holiday entries the date-holidays package returns, reduced to what we read. */
export interface LibraryHoliday {
  /** "YYYY-MM-DD hh:mm:ss", as date-holidays writes it. */
  date: string;
  name: string;
  type: string;
}

/**
 * First year the rules cover: 2 June became a fixed holiday again in 2001 (L. 336/2000); before that the list differed
 * (no 2 June from 1977 to 2000, no Epifania from 1977 to 1985), so earlier years are refused rather than guessed.
 */
export const FIRST_HOLIDAY_YEAR = 2001;
export const LAST_HOLIDAY_YEAR = 9999;

/** First year 4 October (San Francesco d'Assisi) is a national holiday: L. 151/2025. */
export const SAN_FRANCESCO_FROM_YEAR = 2026;

interface FixedRule {
  month: number;
  day: number;
  name: string;
  fromYear: number;
}

const FIXED_RULES: readonly FixedRule[] = [
  { month: 1, day: 1, name: 'Capodanno', fromYear: FIRST_HOLIDAY_YEAR },
  { month: 1, day: 6, name: 'Epifania', fromYear: FIRST_HOLIDAY_YEAR },
  { month: 4, day: 25, name: 'Festa della Liberazione', fromYear: FIRST_HOLIDAY_YEAR },
  { month: 5, day: 1, name: 'Festa del lavoro', fromYear: FIRST_HOLIDAY_YEAR },
  { month: 6, day: 2, name: 'Festa della Repubblica', fromYear: FIRST_HOLIDAY_YEAR },
  { month: 8, day: 15, name: 'Assunzione di Maria', fromYear: FIRST_HOLIDAY_YEAR },
  { month: 10, day: 4, name: "San Francesco d'Assisi", fromYear: SAN_FRANCESCO_FROM_YEAR },
  { month: 11, day: 1, name: 'Ognissanti', fromYear: FIRST_HOLIDAY_YEAR },
  { month: 12, day: 8, name: 'Immacolata Concezione', fromYear: FIRST_HOLIDAY_YEAR },
  { month: 12, day: 25, name: 'Natale', fromYear: FIRST_HOLIDAY_YEAR },
  { month: 12, day: 26, name: 'Santo Stefano', fromYear: FIRST_HOLIDAY_YEAR },
];

/** Easter Sunday of a Gregorian year ('YYYY-MM-DD'), by the anonymous Gregorian (Meeus/Jones/Butcher) algorithm. */
export function easterSundayOf(year: number): string {
  assertHolidayYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatLocalDate(year, month, day);
}

/**
 * The dates national law makes holidays in a year, with our own names; Sundays in general are not listed. When two
 * holidays share a date (Easter Monday on 25 April 2011, Easter on 25 April 2038) the date is listed once, both named.
 */
export function nationalHolidayRulesOf(year: number): Holiday[] {
  assertHolidayYear(year);
  const easter = easterSundayOf(year);
  const rules: Holiday[] = FIXED_RULES.filter((rule) => year >= rule.fromYear).map((rule) => ({
    date: formatLocalDate(year, rule.month, rule.day),
    name: rule.name,
  }));
  rules.push({ date: easter, name: 'Pasqua' }, { date: addDays(easter, 1), name: "Lunedì dell'Angelo" });
  return mergeSameDate(rules);
}

/**
 * National holidays of a year, reconciling date-holidays' answer with our rules: only the rule dates are kept, named as
 * the library names them when it lists them as 'public', with our name otherwise.
 */
export function reconcileNationalHolidays(year: number, library: readonly LibraryHoliday[]): Holiday[] {
  const rules = nationalHolidayRulesOf(year);
  const ruleDates = new Set(rules.map((rule) => rule.date));
  const fromLibrary = mergeSameDate(
    library.filter((entry) => entry.type === 'public' && ruleDates.has(entry.date.slice(0, 10))).map((entry) => ({ date: entry.date.slice(0, 10), name: entry.name })),
  );
  const libraryNames = new Map(fromLibrary.map((h) => [h.date, h.name]));
  return rules.map((rule) => ({ date: rule.date, name: libraryNames.get(rule.date) ?? rule.name }));
}

/** One entry per date, sorted, with the distinct names of a shared date joined by " / ". */
function mergeSameDate(holidays: readonly Holiday[]): Holiday[] {
  const names = new Map<string, string[]>();
  for (const { date, name } of holidays) {
    const list = names.get(date) ?? [];
    if (!list.includes(name)) list.push(name);
    names.set(date, list);
  }
  return sortByDate([...names].map(([date, list]) => ({ date, name: list.join(' / ') })));
}

let library: Holidays | undefined;

/**
 * What the installed date-holidays says about Italy in a year (national entries only: no state or region given).
 * The package is loaded on the first call: its data for every country costs ~0.4 s and ~20 MB, and it only names the
 * holidays; which dates they are comes from our rules (isHoliday never needs it).
 */
export function libraryHolidaysOf(year: number): LibraryHoliday[] {
  assertHolidayYear(year);
  library ??= new (createRequire(import.meta.url)('date-holidays') as typeof Holidays)('IT');
  return library.getHolidays(year, 'it').map((h) => ({ date: h.date, name: h.name, type: h.type }));
}

interface YearHolidays {
  list: readonly Readonly<Holiday>[];
  dates: ReadonlySet<string>;
}

const cache = new Map<number, YearHolidays>();

function nationalOf(year: number): YearHolidays {
  let entry = cache.get(year);
  if (entry === undefined) {
    const list = reconcileNationalHolidays(year, libraryHolidaysOf(year)).map((h) => Object.freeze(h));
    entry = { list, dates: new Set(list.map((h) => h.date)) };
    cache.set(year, entry);
  }
  return entry;
}

/**
 * The holidays of a year, sorted by date: the national ones plus the local ones in `options`. A local holiday on the
 * same date as a national one is listed once, under the national name.
 */
export function holidaysOf(year: number, options: HolidayOptions = {}): Holiday[] {
  const national = nationalOf(year);
  const holidays = national.list.map((h) => ({ ...h }));
  for (const local of validLocalHolidays(options)) {
    if (local.month === 2 && local.day === 29 && daysInMonth(year, 2) < 29) continue;
    const date = formatLocalDate(year, local.month, local.day);
    if (!national.dates.has(date) && !holidays.some((h) => h.date === date)) holidays.push({ date, name: local.name });
  }
  return sortByDate(holidays);
}

const ruleDates = new Map<number, ReadonlySet<string>>();

/** The dates of a year's national holidays: our rules' dates, the same dates nationalOf names. */
function nationalDatesOf(year: number): ReadonlySet<string> {
  let dates = ruleDates.get(year);
  if (dates === undefined) {
    dates = new Set(nationalHolidayRulesOf(year).map((rule) => rule.date));
    ruleDates.set(year, dates);
  }
  return dates;
}

/** Whether a local date ('YYYY-MM-DD') is a national holiday or one of the local holidays in `options`. */
export function isHoliday(date: string, options: HolidayOptions = {}): boolean {
  const { year, month, day } = parseLocalDate(date);
  if (nationalDatesOf(year).has(date)) return true;
  return validLocalHolidays(options).some((local) => local.month === month && local.day === day);
}

/** Throws a UserError naming the entry and field if a local holiday is not a real day of the year. */
export function assertLocalHoliday(local: LocalHoliday, index = 0): void {
  const where = `localHolidays[${index}]`;
  if (!Number.isInteger(local.month) || local.month < 1 || local.month > 12) {
    throw new UserError(`month ${String(local.month)} is not a month 1–12`, { field: `${where}.month` });
  }
  // A leap year (2000) accepts 29 February.
  if (!Number.isInteger(local.day) || local.day < 1 || local.day > daysInMonth(2000, local.month)) {
    throw new UserError(`day ${String(local.day)} is not a day of month ${local.month}`, { field: `${where}.day` });
  }
  if (typeof local.name !== 'string' || local.name.trim() === '') {
    throw new UserError('a local holiday needs a name', { field: `${where}.name` });
  }
}

function validLocalHolidays(options: HolidayOptions): readonly LocalHoliday[] {
  const locals = options.localHolidays ?? [];
  locals.forEach((local, index) => assertLocalHoliday(local, index));
  return locals;
}

function assertHolidayYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_HOLIDAY_YEAR || year > LAST_HOLIDAY_YEAR) {
    throw new UserError(`holidays are known for the years ${FIRST_HOLIDAY_YEAR}–${LAST_HOLIDAY_YEAR}, not for ${year}`);
  }
}

function sortByDate(holidays: Holiday[]): Holiday[] {
  return holidays.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
