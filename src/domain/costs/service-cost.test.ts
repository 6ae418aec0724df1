import { describe, expect, it } from 'vitest';
import { buildCostSeries, costInputOf, parseCostAmount, parseServiceCost, type CostInput, type ServiceCost } from './service-cost.ts';

const INPUT: CostInput = { service: 'anagrafe', year: '2025', actual: '1.250.000,50', staff: '€ 12.345', volume: '', note: '', source: '' };

describe('parseCostAmount', () => {
  it('reads amounts as Italian administrations write them', () => {
    const cents = (text: string) => {
      const parsed = parseCostAmount(text);
      return parsed.kind === 'cents' ? parsed.cents : parsed.kind;
    };
    expect(cents('1.250.000,50')).toBe(125_000_050);
    expect(cents('€ 12.345')).toBe(1_234_500);
    expect(cents('12345,5')).toBe(1_234_550);
    expect(cents('1 250 000')).toBe(125_000_000);
    expect(cents('12.345,00 euro')).toBe(1_234_500);
    expect(cents('12.5')).toBe(1250);
    expect(cents('0')).toBe(0);
    expect(cents('0,00')).toBe(0);
  });

  it('refuses what is not an amount, a negative amount and one beyond ten billion euro', () => {
    expect(parseCostAmount('12,345').kind).toBe('invalid');
    expect(parseCostAmount('1.25.000').kind).toBe('invalid');
    expect(parseCostAmount('dodici').kind).toBe('invalid');
    expect(parseCostAmount('').kind).toBe('invalid');
    expect(parseCostAmount('-5').kind).toBe('negative');
    expect(parseCostAmount('− 1.000,00').kind).toBe('negative');
    expect(parseCostAmount('10.000.000.001').kind).toBe('too-large');
    expect(parseCostAmount('99999999999999999999999').kind).toBe('too-large');
  });
});

describe('parseServiceCost', () => {
  it('turns a year of costs as typed into cents, with the optional volume, note and source', () => {
    const parsed = parseServiceCost({ ...INPUT, volume: '12.000', note: ' Dati provvisori ', source: 'controllo di gestione' }, 2026);
    expect(parsed).toEqual({
      cost: { service: 'anagrafe', year: 2025, actualCents: 125_000_050, staffCents: 1_234_500, volume: 12_000, note: 'Dati provvisori', source: 'controllo di gestione' },
      errors: [],
    });
  });

  it('names every field that is wrong at once', () => {
    const parsed = parseServiceCost({ service: '', year: '2030', actual: '-3', staff: 'molti', volume: '0', note: '', source: '' }, 2026);
    expect(parsed.cost).toBeNull();
    expect(parsed.errors.map((e) => [e.field, e.problem])).toEqual([
      ['service', 'required'],
      ['year', 'year'],
      ['actual', 'negative'],
      ['staff', 'amount'],
      ['volume', 'volume'],
    ]);
    expect(parsed.errors[1]?.message).toBe('field "year": "2030" is not a year from 2001 to 2026');
  });

  it('needs both amounts, and takes 0 for none', () => {
    expect(parseServiceCost({ ...INPUT, staff: '' }, 2026).errors.map((e) => [e.field, e.problem])).toEqual([['staff', 'required']]);
    expect(parseServiceCost({ ...INPUT, staff: '0' }, 2026).cost?.staffCents).toBe(0);
  });

  it('refuses a year before 2001 and control characters in the note', () => {
    expect(parseServiceCost({ ...INPUT, year: '1999' }, 2026).errors[0]?.problem).toBe('year');
    expect(parseServiceCost({ ...INPUT, note: 'a\u0007b' }, 2026).errors[0]?.problem).toBe('control-characters');
  });

  it('reads back what costInputOf writes', () => {
    const cost: ServiceCost = { year: 2024, actualCents: 125_000_050, staffCents: 7, volume: 3, note: 'riga uno\nriga due', source: null };
    expect(parseServiceCost(costInputOf('anagrafe', cost), 2026).cost).toEqual({ service: 'anagrafe', ...cost });
  });
});

describe('buildCostSeries', () => {
  it('gives each service its years oldest first, with total, cost per unit and change from the year before', () => {
    const cost = (year: number, actualCents: number, staffCents: number, volume: number | null = null): ServiceCost => ({ year, actualCents, staffCents, volume, note: null, source: null });
    const series = buildCostSeries([
      { service: 'anagrafe', cost: cost(2025, 110_000, 0, 3) },
      { service: 'tributi', cost: cost(2024, 0, 0) },
      { service: 'anagrafe', cost: cost(2024, 60_000, 40_000) },
      { service: 'tributi', cost: cost(2025, 500, 0) },
    ]);
    expect(series.map((s) => [s.service, s.years.map((y) => [y.year, y.totalCents, y.costPerUnitCents, y.changeFromPrevious])])).toEqual([
      ['anagrafe', [[2024, 100_000, null, null], [2025, 110_000, 36_667, 0.1]]],
      // After a year of zero there is no percentage to give.
      ['tributi', [[2024, 0, null, null], [2025, 500, null, null]]],
    ]);
  });
});
