import { describe, expect, it } from 'vitest';
import type { StandardCard } from '../domain/cards/card.ts';
import { newCard, newIndicator, newTarget } from '../../test/factories.ts';
import { hashCard, stringifyCanonical } from './card-hash.ts';

const card = (): StandardCard => newCard({ service: { ...newCard().card.service, slug: 's', name: 'S' } }).card;

describe('hashCard', () => {
  it('gives the same hash for equal content', () => {
    expect(hashCard(card())).toBe(hashCard(structuredClone(card())));
  });

  it('ignores the order of object keys and of indicators', () => {
    const original = card();
    const reordered: StandardCard = { source: original.source, ruleText: original.ruleText, notes: original.notes, indicators: [...original.indicators].reverse(), service: original.service, year: original.year };
    expect(hashCard(reordered)).toBe(hashCard(original));
  });

  it("ignores an indicator's own source file, which storage does not keep", () => {
    const original = card();
    const moved = { ...original, indicators: original.indicators.map((i) => ({ ...i, source: { file: 'elsewhere.txt', line: i.source.line } })) };
    expect(hashCard(moved)).toBe(hashCard(original));
  });

  it.each<[string, (c: StandardCard) => StandardCard]>([
    ['a target comparator', (c) => ({ ...c, indicators: c.indicators.map((i) => ({ ...i, target: newTarget({ comparator: '<=' }) })) })],
    ['a source line', (c) => ({ ...c, indicators: c.indicators.map((i) => ({ ...i, source: { ...i.source, line: i.source.line + 1 } })) })],
    ['an extra indicator', (c) => ({ ...c, indicators: [...c.indicators, newIndicator({ position: 9 })] })],
    ['the service office', (c) => ({ ...c, service: { ...c.service, office: 'altro' } })],
    ['the year', (c) => ({ ...c, year: 2022 })],
    ['the source file', (c) => ({ ...c, source: { file: 'other.txt' } })],
  ])('changes when %s changes', (_what, change) => {
    expect(hashCard(change(card()))).not.toBe(hashCard(card()));
  });
});

describe('stringifyCanonical', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(stringifyCanonical({ b: 1, a: { d: [2, { z: 1, y: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":0,"z":1}]},"b":1}');
  });
});
