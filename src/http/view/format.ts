import type { OpeningHours } from '../../domain/cards/card.ts';
import type { Target, TargetUnit } from '../../domain/cards/target.ts';
import type { Period } from '../../domain/evaluation/evaluation.ts';
import { DEFAULT_TIME_ZONE } from '../../domain/calendar/index.ts';
import { intlTagOf, messagesOf, type Locale } from '../i18n/locale.ts';

/** A number in the locale's style ("97,5" in Italian), at most `digits` decimals. */
export function formatNumber(locale: Locale, value: number, digits = 2): string {
  return new Intl.NumberFormat(intlTagOf(locale), { maximumFractionDigits: digits }).format(value);
}

/** A value with its unit ("97,5%", "12 giorni lavorativi"); "—" for no value. */
export function formatValue(locale: Locale, value: number | null, unit: TargetUnit | null): string {
  if (value === null) return '—';
  const number = formatNumber(locale, value);
  if (unit === null) return number;
  if (unit === 'percent') return `${number}%`;
  const messages = messagesOf(locale);
  const word = (value === 1 ? messages.unitsOne : messages.units)[unit];
  return word === '' ? number : `${number} ${word}`;
}

/**
 * A target with its comparator ("≥ 95%", "≤ 1%", "≤ 30 giorni"), so that a reader never has to guess which way it
 * goes; the card's own words when it has no number to judge (a qualitative target no measure reads).
 */
export function formatTarget(locale: Locale, target: Pick<Target, 'text' | 'comparator' | 'value' | 'unit'>): string {
  if (target.comparator === null || target.value === null) return target.text;
  const symbol = target.comparator === '>=' ? '≥' : target.comparator === '<=' ? '≤' : '=';
  return `${symbol} ${formatValue(locale, target.value, target.unit)}`;
}

/**
 * "numerator / denominator" for a share; for another statistic (a maximum, a count, a snapshot) the numerator is
 * the value itself, so only how many observations it comes from is worth showing. "—" when either is missing.
 */
export function formatFraction(locale: Locale, numerator: number | null, denominator: number | null, unit: TargetUnit | null = 'percent'): string {
  if (numerator === null || denominator === null) return '—';
  if (unit !== 'percent') return messagesOf(locale).fromObservations(formatNumber(locale, denominator), denominator === 1);
  return `${formatNumber(locale, numerator)} / ${formatNumber(locale, denominator)}`;
}

function utcDateOf(date: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1));
}

/** A local date "2026-03-15" in words ("15 marzo 2026"). */
export function formatDate(locale: Locale, date: string): string {
  return new Intl.DateTimeFormat(intlTagOf(locale), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(utcDateOf(date));
}

/** An instant in words on the administration's clock (Europe/Rome): "8 marzo 2026 alle ore 02:00". */
export function formatInstant(locale: Locale, iso: string, timeZone: string = DEFAULT_TIME_ZONE): string {
  return new Intl.DateTimeFormat(intlTagOf(locale), { dateStyle: 'long', timeStyle: 'short', timeZone }).format(new Date(iso));
}

/** A period in words: "marzo 2026", "1° trimestre 2026", "2026". */
export function formatPeriod(locale: Locale, period: Pick<Period, 'key' | 'granularity' | 'from'>): string {
  const year = Number(period.from.slice(0, 4));
  switch (period.granularity) {
    case 'month':
      return new Intl.DateTimeFormat(intlTagOf(locale), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(utcDateOf(period.from));
    case 'quarter':
      return messagesOf(locale).quarter(Math.floor((Number(period.from.slice(5, 7)) - 1) / 3) + 1, year);
    case 'year':
      return String(year);
  }
}

/** A short label for a chart axis: "mar" for a month, "T1"/"Q1" for a quarter, the year otherwise. */
export function formatPeriodShort(locale: Locale, period: Pick<Period, 'key' | 'granularity' | 'from'>): string {
  if (period.granularity === 'month') {
    return new Intl.DateTimeFormat(intlTagOf(locale), { month: 'short', timeZone: 'UTC' }).format(utcDateOf(period.from));
  }
  if (period.granularity === 'quarter') return `${locale === 'it' ? 'T' : 'Q'}${Math.floor((Number(period.from.slice(5, 7)) - 1) / 3) + 1}`;
  return period.from.slice(0, 4);
}

/** Opening hours in words, consecutive weekdays as ranges: "lunedì–venerdì, dalle 09:00 alle 18:00". */
export function formatHours(locale: Locale, hours: OpeningHours): string {
  const messages = messagesOf(locale);
  const days = [...new Set(hours.weekdays)].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const day of days) {
    const run = runs.at(-1);
    if (run !== undefined && run.at(-1) === day - 1) run.push(day);
    else runs.push([day]);
  }
  const name = (day: number) => messages.weekdays[day - 1] ?? String(day);
  const text = runs
    .map((run) => {
      const first = run[0] ?? 1;
      const last = run.at(-1) ?? first;
      if (run.length === 1) return name(first);
      return run.length === 2 ? `${name(first)}, ${name(last)}` : `${name(first)}–${name(last)}`;
    })
    .join(', ');
  return messages.hoursRange(text, hours.opens, hours.closes);
}
