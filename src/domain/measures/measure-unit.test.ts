import { describe, expect, it } from 'vitest';
import type { Comparator, Target, TargetUnit } from '../cards/target.ts';
import type { Measure } from './measure.ts';
import { checkMeasureFitsTarget, unitOfMeasure } from './measure-unit.ts';

function target(text: string, comparator: Comparator | null, value: number | null, unit: TargetUnit | null): Target {
  const measurable = value !== null;
  return { text, comparator, value, unit, period: 'year', measurable, comparatorReason: 'test', comparatorSource: 'inferred' };
}

const ratio: Measure = { kind: 'ratio', total: { kind: 'call.answered' }, good: [] };
const availability: Measure = { kind: 'availability-days', checks: { kind: 'check.http' }, dayIsAvailableWhen: { successShareAtLeast: 95 }, daysWithoutData: 'unavailable' };
const duration = (unit: Extract<Measure, { kind: 'duration' }>['unit'], statistic: 'max' | 'mean' | 'share-within'): Measure => ({
  kind: 'duration',
  start: { kind: 'a' },
  end: { kind: 'b' },
  unit,
  statistic,
  ...(statistic === 'share-within' ? { within: { value: 5, unit } } : {}),
  ...(unit.startsWith('service-') ? { serviceHoursOf: 'phone' } : {}),
});
const count = (mode: 'days' | 'working-days' | 'events'): Measure => ({ kind: 'count', select: { kind: 'disruption' }, count: mode });
const snapshot: Measure = { kind: 'snapshot', select: { kind: 'survey' } };

describe('unitOfMeasure', () => {
  it.each<[string, Measure, TargetUnit]>([
    ['ratio', ratio, 'percent'],
    ['register', { kind: 'register', register: 'r', good: [] }, 'percent'],
    ['availability-days', availability, 'percent'],
    ['freshness', { kind: 'freshness', observations: { kind: 'o' }, maxAge: { value: 7, unit: 'days' } }, 'percent'],
    ['duration max in working days', duration('working-days', 'max'), 'working-days'],
    ['duration mean in days', duration('days', 'mean'), 'days'],
    ['duration max in service hours', duration('service-hours', 'max'), 'hours'],
    ['duration mean in service minutes', duration('service-minutes', 'mean'), 'minutes'],
    ['duration share-within', duration('minutes', 'share-within'), 'percent'],
    ['count of days', count('days'), 'days'],
    ['count of working days', count('working-days'), 'working-days'],
    ['count of events', count('events'), 'count'],
    ['snapshot without a target', snapshot, 'count'],
  ])('%s gives its value in %s', (_name, measure, unit) => {
    expect(unitOfMeasure(measure)).toBe(unit);
  });

  it("gives a snapshot the target's unit", () => {
    expect(unitOfMeasure(snapshot, target('2 ore', '<=', 2, 'hours'))).toBe('hours');
  });
});

describe('checkMeasureFitsTarget', () => {
  it.each<[string, Measure, Target]>([
    ['a ratio against 95%', ratio, target('95%', '>=', 95, 'percent')],
    ['a count of working days against "7 giorni lavorativi"', count('working-days'), target('7 giorni lavorativi', '<=', 7, 'working-days')],
    ['a count of days against "7 giorni"', count('days'), target('7 giorni', '<=', 7, 'days')],
    ['a count of events against a bare number', count('events'), target('3', '<=', 3, 'count')],
    ['a count of days against a bare number', count('days'), target('0', '<=', 0, 'count')],
    ['a max in service hours against "4 ore"', duration('service-hours', 'max'), target('4 ore', '<=', 4, 'hours')],
    ['a share-within against 90%', duration('working-days', 'share-within'), target('90%', '>=', 90, 'percent')],
    ['a snapshot against anything', snapshot, target('5 giorni', '<=', 5, 'days')],
    [
      'a qualitative target read by an interpretation',
      { ...duration('minutes', 'max'), interpretation: { comparator: '<=', value: 5, unit: 'minutes', text: 'entro 5 minuti' } },
      target('tempo reale', null, null, null),
    ],
  ])('fits %s', (_name, measure, t) => {
    expect(checkMeasureFitsTarget(measure, t)).toBeNull();
  });

  it.each<[string, Measure, Target, string]>([
    ['a ratio against "5 giorni"', ratio, target('5 giorni', '<=', 5, 'days'), 'a ratio measure gives a percentage but the target "5 giorni" is in calendar days'],
    ['a count of days against working days', count('days'), target('7 giorni lavorativi', '<=', 7, 'working-days'), 'set count: working-days'],
    ['a count of working days against calendar days', count('working-days'), target('7 giorni', '<=', 7, 'days'), 'set count: days'],
    ['a duration max against a percentage', duration('days', 'max'), target('95%', '>=', 95, 'percent'), 'use statistic: share-within'],
    ['a duration in minutes against hours', duration('minutes', 'mean'), target('2 ore', '<=', 2, 'hours'), 'gives minutes but the target "2 ore" is in hours'],
    ['a qualitative target without interpretation', ratio, target('tempo reale', null, null, null), 'the target "tempo reale" is qualitative: add `interpretation`'],
    ['a number without comparator', ratio, target('95%', null, 95, 'percent'), 'has no number and comparator'],
  ])('refuses %s', (_name, measure, t, message) => {
    expect(checkMeasureFitsTarget(measure, t)).toContain(message);
  });
});
