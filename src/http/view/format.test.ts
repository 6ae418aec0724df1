import { describe, expect, it } from 'vitest';
import type { OpeningHours } from '../../domain/cards/card.ts';
import type { TargetUnit } from '../../domain/cards/target.ts';
import type { Locale } from '../i18n/locale.ts';
import { formatDate, formatFraction, formatHours, formatPeriod, formatPeriodShort, formatValue } from './format.ts';

describe('formatValue', () => {
  it.each<[Locale, number | null, TargetUnit | null, string]>([
    ['it', 97.5, 'percent', '97,5%'],
    ['en', 97.5, 'percent', '97.5%'],
    ['it', 12, 'working-days', '12 giorni lavorativi'],
    ['en', 12, 'working-days', '12 working days'],
    ['it', 3.456, 'hours', '3,46 ore'],
    ['it', 12345, 'count', '12.345'],
    ['it', 5, null, '5'],
    ['it', null, 'percent', '—'],
    ['it', 1, 'days', '1 giorno'],
    ['en', 1, 'working-days', '1 working day'],
    ['en', 2, 'days', '2 days'],
  ])('in %s shows %s %s as "%s"', (locale, value, unit, expected) => {
    expect(formatValue(locale, value, unit)).toBe(expected);
  });
});

describe('formatFraction', () => {
  it.each<[number | null, number | null, string]>([
    [390, 400, '390 / 400'],
    [null, 400, '—'],
    [390, null, '—'],
  ])('shows %s over %s as "%s"', (numerator, denominator, expected) => {
    expect(formatFraction('it', numerator, denominator)).toBe(expected);
  });

  it.each<['it' | 'en', number, 'days' | 'count', string]>([
    ['it', 5, 'days', 'da 5 rilevazioni'],
    ['it', 1, 'days', 'da 1 rilevazione'],
    ['en', 12, 'count', 'from 12 observations'],
  ])('in %s shows a statistic that is not a share by how many observations (%s, %s) it comes from: "%s"', (locale, denominator, unit, expected) => {
    expect(formatFraction(locale, 3, denominator, unit)).toBe(expected);
  });
});

describe('periods and dates', () => {
  it.each<[Locale, 'month' | 'quarter' | 'year', string, string, string]>([
    ['it', 'month', '2026-03-01', 'marzo 2026', 'mar'],
    ['en', 'month', '2026-03-01', 'March 2026', 'Mar'],
    ['it', 'quarter', '2026-04-01', '2° trimestre 2026', 'T2'],
    ['en', 'quarter', '2026-10-01', 'Q4 2026', 'Q4'],
    ['it', 'year', '2026-01-01', '2026', '2026'],
  ])('in %s names the %s starting %s "%s" (short "%s")', (locale, granularity, from, long, short) => {
    const period = { key: 'k', granularity, from };
    expect(formatPeriod(locale, period)).toBe(long);
    expect(formatPeriodShort(locale, period)).toBe(short);
  });

  it('writes a local date in words without shifting it across time zones', () => {
    expect(formatDate('it', '2026-01-01')).toBe('1 gennaio 2026');
    expect(formatDate('en', '2026-12-31')).toBe('31 December 2026');
  });
});

describe('formatHours', () => {
  it.each<[Locale, OpeningHours['weekdays'], string]>([
    ['it', [1, 2, 3, 4, 5], 'lunedì–venerdì, dalle 09:00 alle 18:00'],
    ['it', [1, 3, 5], 'lunedì, mercoledì, venerdì, dalle 09:00 alle 18:00'],
    ['it', [1, 2, 4, 5, 6], 'lunedì, martedì, giovedì–sabato, dalle 09:00 alle 18:00'],
    ['en', [6, 7], 'Saturday, Sunday, 09:00–18:00'],
  ])('in %s writes weekdays %j as "%s"', (locale, weekdays, expected) => {
    expect(formatHours(locale, { weekdays, opens: '09:00', closes: '18:00' })).toBe(expected);
  });
});
