import { describe, expect, it } from 'vitest';
import type { Target } from '../cards/target.ts';
import { diffEditions, findWorsenings, type ComparableIndicator } from './edition-diff.ts';

function target(comparator: '>=' | '<=', value: number, unit: Target['unit']): Target {
  return { text: `${comparator} ${value}`, comparator, value, unit, period: null, measurable: true, comparatorReason: 'test', comparatorSource: 'inferred' };
}

function indicator(uid: string, overrides: Partial<ComparableIndicator> = {}): ComparableIndicator {
  return { uid, slug: uid, dimension: 'Tempestività', subdimension: null, description: `Tempo di risposta ${uid}`, formula: 'Numero giorni', target: target('<=', 15, 'working-days'), ...overrides };
}

describe('the diff of two editions', () => {
  it('tells added, removed, reworded, tightened and loosened indicators apart, by stable id', () => {
    const a = [indicator('a'), indicator('b'), indicator('c'), indicator('d', { target: target('>=', 95, 'percent') })];
    const b = [
      indicator('a'),
      indicator('b', { slug: 'b-new', description: 'Tempo massimo di risposta b' }),
      indicator('d', { target: target('>=', 90, 'percent') }),
      indicator('e'),
      indicator('c', { target: target('<=', 10, 'working-days') }),
    ];
    const diff = diffEditions(a, b);
    expect(diff.unchanged).toBe(1);
    expect(diff.added.map((i) => i.uid)).toEqual(['e']);
    expect(diff.removed).toEqual([]);
    expect(diff.changed.map((c) => [c.uid, c.slug, c.reworded.map((r) => r.field), c.target])).toEqual([
      ['b', 'b-new', ['description'], 'same'],
      ['d', 'd', [], 'looser'],
      ['c', 'c', [], 'tighter'],
    ]);
  });

  it('sees no change in spacing, case or markup', () => {
    const diff = diffEditions([indicator('a', { description: 'Tempo di <b>risposta</b>' })], [indicator('a', { description: 'tempo  di risposta' })]);
    expect(diff).toMatchObject({ unchanged: 1, changed: [] });
  });

  it('lists a target written anew with the same meaning as changed, but not as worse', () => {
    const before = indicator('a', { target: { ...target('>=', 95, 'percent'), text: '95%' } });
    const after = indicator('a', { target: { ...target('>=', 95, 'percent'), text: 'almeno il 95%' } });
    expect(diffEditions([before], [after]).changed.map((c) => c.target)).toEqual(['same']);
    expect(findWorsenings([before], [after])).toEqual([]);
  });
});

describe('the (&) rule: what must be justified before approval', () => {
  it('names each worse target, each unrankable one and each removed indicator, and nothing else', () => {
    const previous = [
      indicator('lowered', { target: target('>=', 95, 'percent') }),
      indicator('raised', { target: target('<=', 15, 'working-days') }),
      indicator('unit', { target: target('<=', 15, 'days') }),
      indicator('kept'),
      indicator('better', { target: target('>=', 90, 'percent') }),
      indicator('dropped'),
    ];
    const next = [
      indicator('lowered', { target: target('>=', 90, 'percent') }),
      indicator('raised', { target: target('<=', 20, 'working-days') }),
      indicator('unit', { target: target('>=', 95, 'percent') }),
      indicator('kept'),
      indicator('better', { target: target('>=', 95, 'percent') }),
      indicator('added'),
    ];
    expect(findWorsenings(previous, next).map((w) => [w.uid, w.kind, w.change])).toEqual([
      ['lowered', 'worsened', 'looser'],
      ['raised', 'worsened', 'looser'],
      ['unit', 'worsened', 'incomparable'],
      ['dropped', 'removed', null],
    ]);
  });
});
