import { describe, expect, it } from 'vitest';
import type { OpeningHours } from '../cards/card.ts';
import type { Comparator, Target, TargetUnit } from '../cards/target.ts';
import { addDays, DEFAULT_WORK_CALENDAR } from '../calendar/index.ts';
import type { AvailabilityDaysMeasure, Measure } from '../measures/measure.ts';
import { UserError } from '../shared/errors.ts';
import type { DayRollup } from './day-rollup.ts';
import { evaluateIndicator, meetsTarget } from './evaluate.ts';
import type { EvaluateInput } from './evaluate.ts';
import { periodOf } from './period.ts';

function target(text: string, comparator: Comparator | null, value: number | null, unit: TargetUnit | null): Target {
  return { text, comparator, value, unit, period: 'year', measurable: value !== null, comparatorReason: 'test', comparatorSource: 'inferred' };
}

/** A rollup per date from `from` to `to` inclusive, shaped by `make` (null: no rollup that day). */
function days(from: string, to: string, make: (date: string) => Partial<DayRollup> | null): DayRollup[] {
  const rollups: DayRollup[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const fields = make(date);
    if (fields !== null) rollups.push({ date, good: 0, total: 0, sum: 0, max: null, lastAt: null, ...fields });
  }
  return rollups;
}

function evaluate(input: Omit<EvaluateInput, 'calendar' | 'period'> & { period: string }): ReturnType<typeof evaluateIndicator> {
  return evaluateIndicator({ ...input, period: periodOf(input.period), calendar: DEFAULT_WORK_CALENDAR });
}

const ratio: Measure = { kind: 'ratio', total: { kind: 'call.answered' }, good: [{ attribute: 'outcome', op: '=', value: 'ok' }] };
const atLeast95 = target('95%', '>=', 95, 'percent');
const availability: AvailabilityDaysMeasure = {
  kind: 'availability-days',
  checks: { kind: 'check.http' },
  dayIsAvailableWhen: { successShareAtLeast: 95 },
  daysWithoutData: 'unavailable',
};
const available = (unavailable: (date: string) => boolean) => (date: string): Partial<DayRollup> => ({ total: 1, good: unavailable(date) ? 0 : 1 });

describe('evaluateIndicator: shares (ratio)', () => {
  it('keeps a perfect record met when the whole year cannot absorb even one bad item', () => {
    // Register-like volume: 1 item a month, Jan–Mar, all good. Expected year total 3 / 90 × 365 ≈ 12.2;
    // 5% of it ≈ 0.6 bad items: less than one, so the budget cannot be "low" — 100% ≥ 95% is simply met.
    const rollups = days('2026-01-01', '2026-03-31', (date) => (date.endsWith('-15') ? { total: 1, good: 1 } : null));
    const result = evaluate({ measure: ratio, target: atLeast95, rollups, period: '2026', asOf: '2026-03-31' });
    expect(result).toMatchObject({ value: 100, status: 'met' });
  });

  it('flags a year at risk when the share meets the target but the recent trend will not (worked by hand)', () => {
    // 1 Jan – 31 Mar 2026 = 90 days, 10 calls a day; all good in Jan–Feb (59 days), 9 of 10 good in March (31 days).
    // Σgood = 590 + 279 = 869, Σtotal = 900 → 96.56% ≥ 95%: met so far.
    // Expected total at year end (Kibana): 900 / 90 × 365 = 3650; allowance 5% = 182.5 bad calls; bad so far 31
    // → budgetLeft = ⌊182.5 − 31⌋ = 151.
    // Forecast from the last 28 days (4–31 March: 9 good of 10 a day), 275 days left:
    // (869 + 9×275) / (900 + 10×275) = 3344 / 3650 = 91.62% < 95% → at risk.
    const rollups = days('2026-01-01', '2026-03-31', (date) => ({ total: 10, good: date < '2026-03-01' ? 10 : 9 }));
    const result = evaluate({ measure: ratio, target: atLeast95, rollups, period: '2026', asOf: '2026-03-31' });
    expect(result).toMatchObject({ numerator: 869, denominator: 900, unit: 'percent', status: 'at-risk', budgetLeft: 151, asOf: '2026-03-31' });
    expect(result.value).toBeCloseTo(96.5556, 3);
    expect(result.forecast).toBeCloseTo(91.6164, 3);
    expect(result.explanation).toBe(
      'In 2026 up to 2026-03-31, 869 of 900 events met the condition (96.56%), against a target of ≥ 95%: the target is at risk; at this pace the period would end at 91.62%, which would miss it.',
    );
  });

  it('keeps a year on track when the recent days are all good', () => {
    // 31 days × 10 calls, one bad call on 2 January (outside the 28-day window 4–31 January).
    // 309 / 310 = 99.68%; expected 310 / 31 × 365 = 3650, allowance 182.5, budget ⌊181.5⌋ = 181;
    // forecast (309 + 10×334) / (310 + 10×334) = 3649 / 3650 = 99.97%.
    const rollups = days('2026-01-01', '2026-01-31', (date) => ({ total: 10, good: date === '2026-01-02' ? 9 : 10 }));
    const result = evaluate({ measure: ratio, target: atLeast95, rollups, period: '2026', asOf: '2026-01-31' });
    expect(result).toMatchObject({ status: 'met', budgetLeft: 181 });
    expect(result.forecast).toBeCloseTo(99.9726, 3);
    expect(result.explanation).toContain('on track; at this pace the period would end at 99.97%; 181 more events not meeting the condition can be absorbed');
  });

  it('reports a share under target mid-period as below target, not missed: the rest of the year can still make it', () => {
    const rollups = days('2026-01-01', '2026-01-10', () => ({ total: 10, good: 9 }));
    const result = evaluate({ measure: ratio, target: atLeast95, rollups, period: '2026', asOf: '2026-01-10' });
    expect(result.status).toBe('below-target');
    expect(result.explanation).toContain('the target is not met at present, but can still be met in this period');
    expect(result.reason).toEqual({ code: 'judged', noun: 'events-met', complete: false, why: 'can-recover' });
  });

  describe('lower is better (complaints ≤ 1%)', () => {
    const atMost1 = target('1%', '<=', 1, 'percent');
    it.each<[string, number[], 'met' | 'missed', number]>([
      // 4 days × 100 reports: 1+1+2+0 = 4 complaints / 400 = 1% ≤ 1% → met; budget ⌊400×1% − 4⌋ = 0.
      ['exactly at the limit', [1, 1, 2, 0], 'met', 0],
      // 5 / 400 = 1.25% → missed; budget ⌊4 − 5⌋ = −1.
      ['over the limit', [1, 1, 2, 1], 'missed', -1],
    ])('judges a complete year %s', (_name, complaints, status, budget) => {
      const rollups = complaints.map((good, i) => ({ date: `2025-03-0${i + 1}`, good, total: 100, sum: 0, max: null, lastAt: null }));
      const result = evaluate({ measure: ratio, target: atMost1, rollups, period: '2025', asOf: '2026-01-15' });
      expect(result).toMatchObject({ status, budgetLeft: budget, forecast: null, asOf: '2025-12-31' });
    });

    it('forecasts a rising share of complaints as at risk (worked by hand)', () => {
      // 59 days (Jan–Feb 2026) × 100 reports = 5900; no complaints in January, 2 a day in February → 56.
      // 56 / 5900 = 0.949% ≤ 1%. Expected total 5900 / 59 × 365 = 36500 → allowance 365 → budget ⌊365 − 56⌋ = 309.
      // Forecast from February's rate (2 of 100 a day), 306 days left: (56 + 612) / (5900 + 30600) = 668 / 36500 = 1.83% > 1%.
      const rollups = days('2026-01-01', '2026-02-28', (date) => ({ total: 100, good: date < '2026-02-01' ? 0 : 2 }));
      const result = evaluate({ measure: ratio, target: atMost1, rollups, period: '2026', asOf: '2026-02-28' });
      expect(result).toMatchObject({ status: 'at-risk', budgetLeft: 309, numerator: 56, denominator: 5900 });
      expect(result.value).toBeCloseTo(0.9492, 3);
      expect(result.forecast).toBeCloseTo(1.8301, 3);
    });
  });

  it('has no budget with an exact (=) target', () => {
    const rollups = days('2026-01-01', '2026-01-31', () => ({ total: 4, good: 4 }));
    const result = evaluate({ measure: ratio, target: target('100%', '=', 100, 'percent'), rollups, period: '2026', asOf: '2026-01-31' });
    expect(result).toMatchObject({ status: 'met', budgetLeft: null, value: 100 });
  });
});

describe('evaluateIndicator: availability-days', () => {
  it('keeps January on track with one bad day (worked by hand)', () => {
    // 31 days judged, 10 January unavailable: 30 / 31 = 96.77%.
    // Allowance for the year: ⌊365 × 5%⌋ = ⌊18.25⌋ = 18 days → budget 18 − 1 = 17.
    // Forecast: 27 of the last 28 days available, 334 days left: (30 + 27/28 × 334) / 365 = 352.07 / 365 = 96.46%.
    const rollups = days('2026-01-01', '2026-01-31', available((d) => d === '2026-01-10'));
    const result = evaluate({ measure: availability, target: atLeast95, rollups, period: '2026', asOf: '2026-01-31' });
    expect(result).toMatchObject({ status: 'met', numerator: 30, denominator: 31, budgetLeft: 17 });
    expect(result.forecast).toBeCloseTo(96.4579, 3);
  });

  it.each<[AvailabilityDaysMeasure['daysWithoutData'], number, number, number, string]>([
    // 10 January down, 20 January without data counted unavailable: 29 / 31 = 93.55%: below target for now.
    ['unavailable', 29, 31, 16, 'below-target'],
    // 20 January left out: 29 / 30 = 96.67%; expected days 30 + 334 = 364 → ⌊18.2⌋ = 18 allowed, 1 used.
    ['excluded', 29, 30, 17, 'met'],
  ])('treats a day without data as %s', (rule, numerator, denominator, budget, status) => {
    const rollups = days('2026-01-01', '2026-01-31', (d) => (d === '2026-01-20' ? null : { total: 1, good: d === '2026-01-10' ? 0 : 1 }));
    const result = evaluate({ measure: { ...availability, daysWithoutData: rule }, target: atLeast95, rollups, period: '2026', asOf: '2026-01-31' });
    expect(result).toMatchObject({ numerator, denominator, budgetLeft: budget, status });
  });

  it.each<[number, number, string, 'met' | 'missed', number]>([
    // 365 − 18 = 347 / 365 = 95.07% ≥ 95%.
    [2026, 18, '95.07', 'met', 0],
    // 346 / 365 = 94.79%.
    [2026, 19, '94.79', 'missed', -1],
    // Leap year: 348 / 366 = 95.08%; allowance ⌊366 × 5%⌋ = ⌊18.3⌋ = 18.
    [2028, 18, '95.08', 'met', 0],
  ])('judges the complete year %i with %i unavailable days over the days of the calendar year', (year, down, shown, status, budget) => {
    const rollups = days(`${year}-01-01`, `${year}-12-31`, available((d) => d <= `${year}-01-${String(down).padStart(2, '0')}`));
    const result = evaluate({ measure: availability, target: atLeast95, rollups, period: String(year), asOf: `${year + 1}-02-01` });
    const daysInYear = year === 2028 ? 366 : 365;
    expect(result).toMatchObject({ status, numerator: daysInYear - down, denominator: daysInYear, budgetLeft: budget, forecast: null });
    expect(result.explanation).toBe(
      `In ${year}, ${daysInYear - down} of ${daysInYear} days were available (${shown}%), against a target of ≥ 95%: the target was ${status}.`,
    );
  });

  it('calls a year missed as soon as the unavailable days exceed the allowance', () => {
    // 19 bad days by June: even with every remaining day available, 346 / 365 < 95%.
    const rollups = days('2026-01-01', '2026-06-30', available((d) => d <= '2026-01-19'));
    const result = evaluate({ measure: availability, target: atLeast95, rollups, period: '2026', asOf: '2026-06-30' });
    expect(result).toMatchObject({ status: 'missed', budgetLeft: -1 });
    expect(result.explanation).toContain('the target can no longer be met in this period');
  });

  it('flags a year at risk when under 10% of the allowance is left', () => {
    // To 10 December (344 days): 17 bad days, 327 / 344 = 95.06% ≥ 95%; budget 18 − 17 = 1 < 1.8 (10% of 18).
    // Forecast: all of the last 28 days available, 21 days left → 348 / 365 = 95.34%: it is the budget that warns.
    const rollups = days('2026-01-01', '2026-12-10', available((d) => d <= '2026-01-17'));
    const result = evaluate({ measure: availability, target: atLeast95, rollups, period: '2026', asOf: '2026-12-10' });
    expect(result).toMatchObject({ status: 'at-risk', budgetLeft: 1 });
    expect(result.forecast).toBeCloseTo(95.3425, 3);
    expect(result.explanation).toContain("1 more unavailable days can be absorbed, under 10% of the period's allowance");
  });

  it('counts only service days when checks are limited to service hours (Easter Monday out)', () => {
    // April 2026, a desk open Monday–Friday: 22 weekdays minus Easter Monday (6 April) = 21 service days.
    const desk: OpeningHours = { weekdays: [1, 2, 3, 4, 5], opens: '09:00', closes: '13:00' };
    const measure: AvailabilityDaysMeasure = { ...availability, withinServiceHoursOf: 'desk' };
    const rollups = days('2026-04-01', '2026-04-30', (d) => (['2026-04-06', '2026-04-04', '2026-04-05'].includes(d) ? null : { total: 1, good: 1 }));
    const result = evaluateIndicator({ measure, target: atLeast95, rollups, period: periodOf('2026-04'), asOf: '2026-04-30', calendar: DEFAULT_WORK_CALENDAR, channels: { desk } });
    expect(result).toMatchObject({ status: 'met', numerator: 21, denominator: 21, value: 100 });
    expect(() => evaluate({ measure, target: atLeast95, rollups, period: '2026-04', asOf: '2026-04-30' })).toThrow('channel "desk"');
  });
});

describe('evaluateIndicator: duration', () => {
  const base = { kind: 'duration', start: { kind: 'request.received' }, end: { kind: 'request.published' }, unit: 'working-days' } as const;
  const atMost5 = target('5 giorni lavorativi', '<=', 5, 'working-days');

  it('calls a month missed as soon as one item exceeds the maximum', () => {
    // 3 April: 2 items (3 and 2 working days); 10 April: 1 item of 7 working days > 5.
    const rollups = [
      { date: '2026-04-03', total: 2, good: 2, sum: 5, max: 3, lastAt: null },
      { date: '2026-04-10', total: 1, good: 0, sum: 7, max: 7, lastAt: null },
    ];
    const result = evaluate({ measure: { ...base, statistic: 'max' }, target: atMost5, rollups, period: '2026-04', asOf: '2026-04-15' });
    expect(result).toMatchObject({ value: 7, numerator: 7, denominator: 3, unit: 'working-days', status: 'missed', budgetLeft: -1, forecast: null });
    expect(result.explanation).toBe(
      'In 2026-04 up to 2026-04-15, the longest of 3 items took 7 working days, against a target of ≤ 5 working days: the target can no longer be met in this period.',
    );
  });

  it('meets a maximum reached exactly', () => {
    const rollups = [{ date: '2026-04-03', total: 2, good: 2, sum: 8, max: 5, lastAt: null }];
    expect(evaluate({ measure: { ...base, statistic: 'max' }, target: atMost5, rollups, period: '2026-04', asOf: '2026-05-02' })).toMatchObject({ status: 'met', budgetLeft: 0 });
  });

  it('forecasts a mean from the recent items (worked by hand)', () => {
    // 2 Jan: 2 items, 10 days in all; 20 Jan: 2 items, 24 days in all → mean 34 / 4 = 8.5 ≤ 10.
    // Window 4–31 January (28 days): 2 items and 24 days; 334 days left:
    // (34 + 24/28 × 334) / (4 + 2/28 × 334) = 320.29 / 27.86 = 11.50 > 10 → at risk.
    const rollups = [
      { date: '2026-01-02', total: 2, good: 2, sum: 10, max: 6, lastAt: null },
      { date: '2026-01-20', total: 2, good: 2, sum: 24, max: 12, lastAt: null },
    ];
    const result = evaluate({ measure: { ...base, unit: 'days', statistic: 'mean' }, target: target('10 giorni', '<=', 10, 'days'), rollups, period: '2026', asOf: '2026-01-31' });
    expect(result).toMatchObject({ value: 8.5, denominator: 4, status: 'at-risk', budgetLeft: null });
    expect(result.forecast).toBeCloseTo(11.4974, 3);
  });

  it('judges a share within the limit like any share', () => {
    // 19 of 20 items within 5 working days = 95% ≥ 90%.
    const rollups = [
      { date: '2026-01-15', total: 10, good: 9, sum: 30, max: 6, lastAt: null },
      { date: '2026-02-15', total: 10, good: 10, sum: 20, max: 3, lastAt: null },
    ];
    const measure: Measure = { ...base, statistic: 'share-within', within: { value: 5, unit: 'working-days' } };
    const result = evaluate({ measure, target: target('90%', '>=', 90, 'percent'), rollups, period: '2026-Q1', asOf: '2026-04-01' });
    expect(result).toMatchObject({ value: 95, numerator: 19, denominator: 20, status: 'met' });
  });
});

describe('evaluateIndicator: count', () => {
  const countDays: Measure = { kind: 'count', select: { kind: 'disruption' }, count: 'days' };
  const atMost7 = target('7 giorni', '<=', 7, 'days');
  const tenth = (months: string[]): DayRollup[] => months.map((m) => ({ date: `2026-${m}-10`, total: 1, good: 1, sum: 0, max: null, lastAt: null }));

  it('flags a count at risk from its trend (worked by hand)', () => {
    // 5 days of disruption by 30 June (10 Jan, Feb, Mar, Apr, Jun) ≤ 7; budget 7 − 5 = 2.
    // Last 28 days (3–30 June): 1 day → 1/28 a day; 184 days left → 5 + 184/28 = 11.57 > 7 → at risk.
    const result = evaluate({ measure: countDays, target: atMost7, rollups: tenth(['01', '02', '03', '04', '06']), period: '2026', asOf: '2026-06-30' });
    expect(result).toMatchObject({ value: 5, unit: 'days', budgetLeft: 2, status: 'at-risk' });
    expect(result.forecast).toBeCloseTo(11.5714, 3);
  });

  it('calls a count over its maximum missed for good', () => {
    const rollups = tenth(['01', '02', '03', '04', '05', '06']).concat(days('2026-06-11', '2026-06-12', () => ({ total: 3, good: 1 })));
    const result = evaluate({ measure: countDays, target: atMost7, rollups, period: '2026', asOf: '2026-06-30' });
    expect(result).toMatchObject({ value: 8, budgetLeft: -1, status: 'missed' });
    expect(result.explanation).toContain('8 days were counted, against a target of ≤ 7 days: the target can no longer be met');
  });

  it('counts nothing as zero, a real result', () => {
    const result = evaluate({ measure: countDays, target: atMost7, rollups: [], period: '2025', asOf: '2026-01-01' });
    expect(result).toMatchObject({ value: 0, numerator: 0, denominator: 0, status: 'met', budgetLeft: 7 });
  });

  it('counts working days from the rollups, where Easter Monday gave nothing', () => {
    const measure: Measure = { kind: 'count', select: { kind: 'disruption' }, count: 'working-days' };
    const rollups = [
      { date: '2026-04-06', total: 2, good: 0, sum: 0, max: null, lastAt: null },
      { date: '2026-04-07', total: 1, good: 1, sum: 0, max: null, lastAt: null },
    ];
    // A limit per month, so April is judged against all of it.
    const perMonth = { ...target('7 giorni lavorativi', '<=', 7, 'working-days'), period: 'month' as const };
    const result = evaluate({ measure, target: perMonth, rollups, period: '2026-04', asOf: '2026-04-30' });
    expect(result).toMatchObject({ value: 1, status: 'met' });
  });

  it.each<[string, string, 'met' | 'at-risk']>([
    // 3 events by 31 March; 1 in the last 28 days, 275 left: 3 + 275/28 = 12.82 ≥ 12 → on track though still short.
    ['on track', '2026-03-31', 'met'],
    // By 30 June nothing since March: the forecast stays at 3 < 12.
    ['stalled', '2026-06-30', 'at-risk'],
  ])('treats a minimum count still short mid-year as %s', (_name, asOf, status) => {
    const measure: Measure = { kind: 'count', select: { kind: 'newsletter.sent' }, count: 'events' };
    const rollups = ['01', '02', '03'].map((m) => ({ date: `2026-${m}-15`, total: 1, good: 1, sum: 0, max: null, lastAt: null }));
    expect(evaluate({ measure, target: target('12', '>=', 12, 'count'), rollups, period: '2026', asOf }).status).toBe(status);
  });
});

describe('evaluateIndicator: snapshot and freshness', () => {
  it('takes the latest snapshot of the period', () => {
    const measure: Measure = { kind: 'snapshot', select: { kind: 'survey.result' } };
    const rollups = [
      { date: '2026-03-02', total: 1, good: 0, sum: 3.5, max: 3.5, lastAt: null },
      { date: '2026-01-15', total: 1, good: 0, sum: 4.2, max: 4.2, lastAt: null },
    ];
    const result = evaluate({ measure, target: target('4', '>=', 4, 'count'), rollups, period: '2026-Q1', asOf: '2026-03-31' });
    expect(result).toMatchObject({ value: 3.5, denominator: 2, status: 'missed', budgetLeft: null, forecast: null });
  });

  it('reads freshness as a share of up-to-date observations', () => {
    const measure: Measure = { kind: 'freshness', observations: { kind: 'page.observed' }, maxAge: { value: 7, unit: 'days' } };
    const rollups = days('2026-03-01', '2026-03-31', (d) => ({ total: 4, good: d === '2026-03-15' ? 0 : 4 }));
    // 120 of 124 = 96.77% ≥ 95%.
    expect(evaluate({ measure, target: atLeast95, rollups, period: '2026-03', asOf: '2026-04-01' })).toMatchObject({ numerator: 120, denominator: 124, status: 'met' });
  });
});

describe('evaluateIndicator: nothing to judge and bad configuration', () => {
  it('gives no-data without rollups', () => {
    const result = evaluate({ measure: ratio, target: atLeast95, rollups: [], period: '2026-02', asOf: '2026-02-10' });
    expect(result).toMatchObject({ status: 'no-data', value: null, budgetLeft: null, forecast: null, asOf: '2026-02-10' });
    expect(result.explanation).toBe('No observations in 2026-02 up to 2026-02-10: nothing to judge.');
    expect(result.reason).toEqual({ code: 'no-observations' });
  });

  it('gives no-data for a period not started yet, and ignores rollups after asOf', () => {
    const rollups = days('2026-01-01', '2026-12-31', () => ({ total: 1, good: 1 }));
    expect(evaluate({ measure: ratio, target: atLeast95, rollups, period: '2026-12', asOf: '2026-11-30' }).status).toBe('no-data');
    expect(evaluate({ measure: ratio, target: atLeast95, rollups, period: '2026', asOf: '2026-01-10' })).toMatchObject({ denominator: 10 });
  });

  it("judges a qualitative target by the measure's interpretation", () => {
    const measure: Measure = {
      kind: 'duration',
      start: { kind: 'ticket.opened' },
      end: { kind: 'ticket.answered' },
      unit: 'minutes',
      statistic: 'max',
      interpretation: { comparator: '<=', value: 5, unit: 'minutes', text: 'entro 5 minuti' },
    };
    const rollups = [{ date: '2026-05-04', total: 3, good: 3, sum: 6, max: 4, lastAt: null }];
    const result = evaluate({ measure, target: target('tempo reale', null, null, null), rollups, period: '2026-05', asOf: '2026-05-31' });
    expect(result.target).toMatchObject({ text: 'tempo reale', comparator: '<=', value: 5, unit: 'minutes', measurable: true });
    expect(result.status).toBe('met');
  });

  it('refuses a measure that cannot give the target unit', () => {
    const attempt = (): unknown => evaluate({ measure: ratio, target: target('5 giorni', '<=', 5, 'days'), rollups: [], period: '2026', asOf: '2026-01-01' });
    expect(attempt).toThrow(UserError);
    expect(attempt).toThrow('a ratio measure gives a percentage but the target "5 giorni" is in calendar days');
  });
});

describe('meetsTarget', () => {
  it.each<[number, Comparator, number, boolean]>([
    [95, '>=', 95, true],
    [94.9999, '>=', 95, false],
    [(19 / 20) * 100, '>=', 95, true],
    [1, '<=', 1, true],
    [1.01, '<=', 1, false],
    [3, '=', 3, true],
    [3.1, '=', 3, false],
  ])('%d %s %d is %s', (value, comparator, t, expected) => {
    expect(meetsTarget(value, comparator, t)).toBe(expected);
  });
});

describe('evaluateIndicator: truthful results', () => {
  const disruptionDays: Measure = { kind: 'count', select: { kind: 'disruption' }, count: 'days' };
  const atMost15Days = target('15 giorni', '<=', 15, 'days');

  it('gives no-data, never met, to a count that was never measured (no declaration, no event from its sources)', () => {
    const result = evaluate({ measure: disruptionDays, target: atMost15Days, rollups: [], period: '2026', asOf: '2026-12-31', measuredFrom: null });
    expect(result).toMatchObject({ status: 'no-data', value: null, reason: { code: 'never-measured' } });
  });

  it('judges a count measured from a date as a real zero after it, and as no-data for a past year before it', () => {
    const measured = evaluate({ measure: disruptionDays, target: atMost15Days, rollups: [], period: '2026', asOf: '2026-12-31', measuredFrom: '2026-01-01' });
    expect(measured).toMatchObject({ status: 'met', value: 0, measuredFrom: '2026-01-01' });
    const past = evaluate({ measure: disruptionDays, target: atMost15Days, rollups: [], period: '2018', asOf: '2018-12-31', measuredFrom: '2026-01-01' });
    expect(past).toMatchObject({ status: 'no-data', reason: { code: 'before-measured-from', measuredFrom: '2026-01-01' } });
  });

  it('judges an availability fed from November on its days from November, not on the whole year', () => {
    const rollups = days('2026-11-01', '2026-12-31', () => ({ total: 1, good: 1 }));
    const withoutStart = evaluate({ measure: availability, target: atLeast95, rollups, period: '2026', asOf: '2026-12-31' });
    expect(withoutStart.value).toBeCloseTo((61 / 365) * 100, 5);
    const fromNovember = evaluate({ measure: availability, target: atLeast95, rollups, period: '2026', asOf: '2026-12-31', measuredFrom: '2026-11-01' });
    expect(fromNovember).toMatchObject({ status: 'met', value: 100, numerator: 61, denominator: 61 });
    expect(fromNovember.explanation).toContain('measured from 2026-11-01');
  });

  it('counts in the year exactly the days its months count, a month without any check included', () => {
    // Checks from February, none at all in April: April's days count as unavailable in April as in the year.
    const rollups = days('2026-02-01', '2026-06-30', (d) => (d.startsWith('2026-04') ? null : { total: 1, good: d.endsWith('-15') ? 0 : 1 }));
    const input = { measure: availability, target: atLeast95, rollups, asOf: '2026-06-30', measuredFrom: '2026-02-01' };
    const year = evaluate({ ...input, period: '2026' });
    const months = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'].map((period) => evaluate({ ...input, period }));
    expect(months[0]?.status).toBe('no-data');
    expect(months[3]).toMatchObject({ numerator: 0, denominator: 30, status: 'missed' });
    expect(months.reduce((sum, month) => sum + (month.denominator ?? 0), 0)).toBe(year.denominator);
    expect(months.reduce((sum, month) => sum + (month.numerator ?? 0), 0)).toBe(year.numerator);
  });

  it('judges a month of a yearly count against the month\'s share of it, not against the whole yearly limit', () => {
    const rollups = days('2026-03-01', '2026-03-14', () => ({ total: 1, good: 1 }));
    const march = evaluate({ measure: disruptionDays, target: atMost15Days, rollups, period: '2026-03', asOf: '2026-03-31', measuredFrom: '2026-01-01' });
    expect(march.shareOfTarget).toBeCloseTo((15 * 31) / 365, 9);
    expect(march).toMatchObject({ value: 14, status: 'missed' });
    expect(march.explanation).toContain("the period's share of the yearly value");
    const year = evaluate({ measure: disruptionDays, target: atMost15Days, rollups, period: '2026', asOf: '2026-03-31', measuredFrom: '2026-01-01' });
    expect(year).toMatchObject({ value: 14, status: 'at-risk' });
    expect(year.shareOfTarget).toBeUndefined();
  });

  it('says a lower-is-better ratio counts its events, under the names the measure gives them', () => {
    const complaints: Measure = {
      kind: 'ratio',
      total: { kind: 'request.received' },
      good: [{ attribute: 'complaint', op: '=', value: true }],
      names: { counted: { it: 'reclami', en: 'complaints' }, total: { it: 'richieste', en: 'requests' } },
    };
    const rollups = days('2026-01-01', '2026-01-31', (d) => ({ total: 10, good: d === '2026-01-05' ? 1 : 0 }));
    const result = evaluate({ measure: complaints, target: target('1%', '<=', 1, 'percent'), rollups, period: '2026-01', asOf: '2026-01-31' });
    expect(result).toMatchObject({ numerator: 1, denominator: 310, status: 'met' });
    expect(result.explanation).toContain('1 of 310 events were counted');
    expect(result.reason).toMatchObject({ code: 'judged', noun: 'events-counted', names: { counted: { it: 'reclami', en: 'complaints' } } });
  });
});

describe('evaluateIndicator: open items of a duration', () => {
  const within: Measure = { kind: 'duration', start: { kind: 'opened' }, end: { kind: 'closed' }, unit: 'days', statistic: 'share-within', within: { value: 5, unit: 'days' } };
  const rollups = days('2026-03-01', '2026-03-10', () => ({ total: 1, good: 1, sum: 2, max: 2 }));
  const open = { count: 3, overLimit: 2, longest: 40 };

  it('counts items still open past the limit as misses of the running period, and only of a running one', () => {
    const running = evaluate({ measure: within, target: atLeast95, rollups, period: '2026', asOf: '2026-03-10', openItems: open });
    expect(running).toMatchObject({ numerator: 10, denominator: 12, openItems: { count: 3, overLimit: 2 } });
    const over = evaluate({ measure: within, target: atLeast95, rollups, period: '2026-03', asOf: '2026-04-02', openItems: open });
    expect(over).toMatchObject({ numerator: 10, denominator: 10 });
    expect(over.openItems).toBeUndefined();
  });
});
