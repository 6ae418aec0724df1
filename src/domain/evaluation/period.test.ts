import { describe, expect, it } from 'vitest';
import { UserError } from '../shared/errors.ts';
import { periodContaining, periodOf, periodsOf } from './period.ts';

describe('periodsOf', () => {
  it('gives the whole solar year as one period', () => {
    expect(periodsOf(2026, 'year')).toEqual([{ key: '2026', granularity: 'year', from: '2026-01-01', to: '2026-12-31' }]);
  });

  it('gives four quarters that tile the year', () => {
    expect(periodsOf(2028, 'quarter').map((p) => `${p.key} ${p.from}..${p.to}`)).toEqual([
      '2028-Q1 2028-01-01..2028-03-31',
      '2028-Q2 2028-04-01..2028-06-30',
      '2028-Q3 2028-07-01..2028-09-30',
      '2028-Q4 2028-10-01..2028-12-31',
    ]);
  });

  it.each([
    [2026, '2026-02-28'],
    [2028, '2028-02-29'],
    [2100, '2100-02-28'],
  ])('ends February %i on %s', (year, last) => {
    const months = periodsOf(year, 'month');
    expect(months).toHaveLength(12);
    expect(months[1]).toEqual({ key: `${year}-02`, granularity: 'month', from: `${year}-02-01`, to: last });
    expect(months[11]!.to).toBe(`${year}-12-31`);
  });
});

describe('periodOf', () => {
  it.each([
    ['2026', { key: '2026', granularity: 'year', from: '2026-01-01', to: '2026-12-31' }],
    ['2026-Q2', { key: '2026-Q2', granularity: 'quarter', from: '2026-04-01', to: '2026-06-30' }],
    ['2026-03', { key: '2026-03', granularity: 'month', from: '2026-03-01', to: '2026-03-31' }],
  ])('reads "%s"', (key, period) => {
    expect(periodOf(key)).toEqual(period);
  });

  it.each(['2026-13', '2026-Q5', '26', '2026-1', '2026/03', ''])('refuses "%s" with a clear message', (key) => {
    expect(() => periodOf(key)).toThrow(UserError);
    expect(() => periodOf(key)).toThrow('expected a year (2026), a quarter (2026-Q1) or a month (2026-03)');
  });
});

describe('periodContaining', () => {
  it('finds the month and quarter of a date', () => {
    expect(periodContaining('2026-10-25', 'month').key).toBe('2026-10');
    expect(periodContaining('2026-10-25', 'quarter').key).toBe('2026-Q4');
  });
});
