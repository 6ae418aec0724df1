import { daysInMonth, formatLocalDate, parseLocalDate } from '../calendar/index.ts';
import { UserError } from '../shared/errors.ts';
import type { Period, PeriodGranularity } from './evaluation.ts';

const YEAR = /^(\d{4})$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The periods of a year at a granularity, in order: 1 year, 4 quarters or 12 months, in local dates. */
export function periodsOf(year: number, granularity: PeriodGranularity): Period[] {
  assertYear(year);
  switch (granularity) {
    case 'year':
      return [yearPeriod(year)];
    case 'quarter':
      return [1, 2, 3, 4].map((quarter) => quarterPeriod(year, quarter));
    case 'month':
      return Array.from({ length: 12 }, (_, index) => monthPeriod(year, index + 1));
  }
}

/** The period named by a key: "2026", "2026-Q1" or "2026-03"; a UserError for anything else. */
export function periodOf(key: string): Period {
  const year = YEAR.exec(key);
  if (year) return yearPeriod(checkedYear(year[1], key));
  const quarter = QUARTER.exec(key);
  if (quarter) return quarterPeriod(checkedYear(quarter[1], key), Number(quarter[2]));
  const month = MONTH.exec(key);
  if (month) return monthPeriod(checkedYear(month[1], key), Number(month[2]));
  throw new UserError(`"${key}" is not a period: expected a year (2026), a quarter (2026-Q1) or a month (2026-03)`);
}

/** The period of a granularity that contains a local date ('YYYY-MM-DD'). */
export function periodContaining(date: string, granularity: PeriodGranularity): Period {
  const year = Number(date.slice(0, 4));
  const found = periodsOf(year, granularity).find((period) => period.from <= date && date <= period.to);
  if (found === undefined) throw new UserError(`"${date}" is not a local date written YYYY-MM-DD`);
  return found;
}

/**
 * One local date as a period, so a day is judged by the same rules as its month and year (the back office's
 * drill-down): its numerator and denominator are the day's part of theirs. Its granularity says 'month', the shortest
 * Period knows (a wider type would reach the API's schema): evaluation reads it only to judge a yearly count against
 * its pro-rata share, which for a day is one day's.
 */
export function dayPeriod(date: string): Period {
  parseLocalDate(date);
  return { key: date, granularity: 'month', from: date, to: date };
}

function yearPeriod(year: number): Period {
  return { key: String(year), granularity: 'year', from: formatLocalDate(year, 1, 1), to: formatLocalDate(year, 12, 31) };
}

function quarterPeriod(year: number, quarter: number): Period {
  const firstMonth = (quarter - 1) * 3 + 1;
  const lastMonth = firstMonth + 2;
  return {
    key: `${year}-Q${quarter}`,
    granularity: 'quarter',
    from: formatLocalDate(year, firstMonth, 1),
    to: formatLocalDate(year, lastMonth, daysInMonth(year, lastMonth)),
  };
}

function monthPeriod(year: number, month: number): Period {
  return {
    key: `${year}-${String(month).padStart(2, '0')}`,
    granularity: 'month',
    from: formatLocalDate(year, month, 1),
    to: formatLocalDate(year, month, daysInMonth(year, month)),
  };
}

function checkedYear(text: string | undefined, key: string): number {
  const year = Number(text);
  if (!Number.isInteger(year) || year < 1) throw new UserError(`"${key}" is not a period: the year must be 1 or later`);
  return year;
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new UserError(`${year} is not a year between 1 and 9999`);
}
