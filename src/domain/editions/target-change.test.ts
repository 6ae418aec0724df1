import { describe, expect, it } from 'vitest';
import type { Comparator, Target, TargetUnit } from '../cards/target.ts';
import { compareTargets } from './target-change.ts';

function target(comparator: Comparator | null, value: number | null, unit: TargetUnit | null, text = `${comparator ?? ''} ${value ?? ''} ${unit ?? ''}`, period: Target['period'] = null): Target {
  return { text, comparator, value, unit, period, measurable: value !== null, comparatorReason: 'test', comparatorSource: 'inferred' };
}

describe('comparing a valore programmato with the one before it', () => {
  it.each([
    ['95% → 90% (≥) is looser', target('>=', 95, 'percent'), target('>=', 90, 'percent'), 'looser'],
    ['95% → 98% (≥) is tighter', target('>=', 95, 'percent'), target('>=', 98, 'percent'), 'tighter'],
    ['95% → 95% written otherwise is the same', target('>=', 95, 'percent', '95%'), target('>=', 95, 'percent', '≥ 95 %'), 'same'],
    ['15 → 20 working days (≤) is looser', target('<=', 15, 'working-days'), target('<=', 20, 'working-days'), 'looser'],
    ['1% → 2% of complaints (≤) is looser', target('<=', 1, 'percent'), target('<=', 2, 'percent'), 'looser'],
    ['48 hours → 2 days (≤) is the same', target('<=', 48, 'hours'), target('<=', 2, 'days'), 'same'],
    ['2 days → 24 hours (≤) is tighter', target('<=', 2, 'days'), target('<=', 24, 'hours'), 'tighter'],
    ['30 → 45 minutes (≤) is looser', target('<=', 30, 'minutes'), target('<=', 45, 'minutes'), 'looser'],
    ['15 days → 15 working days (≤) is looser: a looser unit', target('<=', 15, 'days'), target('<=', 15, 'working-days'), 'looser'],
    ['15 days → 20 working days (≤) is looser', target('<=', 15, 'days'), target('<=', 20, 'working-days'), 'looser'],
    ['10 working days → 10 days (≤) is tighter', target('<=', 10, 'working-days'), target('<=', 10, 'days'), 'tighter'],
    ['10 working days → 5 days (≤) is tighter', target('<=', 10, 'working-days'), target('<=', 5, 'days'), 'tighter'],
    ['20 days → 10 working days (≤) cannot be ranked', target('<=', 20, 'days'), target('<=', 10, 'working-days'), 'incomparable'],
    ['10 working days → 12 days (≤) cannot be ranked', target('<=', 10, 'working-days'), target('<=', 12, 'days'), 'incomparable'],
    ['≥ → ≤ cannot be ranked', target('>=', 5, 'count'), target('<=', 5, 'count'), 'incomparable'],
    ['a percentage → days cannot be ranked', target('>=', 95, 'percent'), target('<=', 3, 'days'), 'incomparable'],
    ['15 days a year → 2 days a month cannot be ranked', target('<=', 15, 'days', '15', 'year'), target('<=', 2, 'days', '2', 'month'), 'incomparable'],
    ['an exact value that moves cannot be ranked', target('=', 1, 'count'), target('=', 2, 'count'), 'incomparable'],
    ['the same words are the same', target(null, null, null, 'tempo reale'), target(null, null, null, 'Tempo  reale'), 'same'],
    ['other words cannot be ranked', target(null, null, null, 'tempo reale'), target(null, null, null, 'in giornata'), 'incomparable'],
    ['words → a number cannot be ranked', target(null, null, null, 'tempo reale'), target('>=', 99, 'percent'), 'incomparable'],
  ])('%s', (_case, before, after, expected) => {
    expect(compareTargets(before, after)).toBe(expected);
  });
});
