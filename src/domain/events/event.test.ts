import { describe, expect, it } from 'vitest';
import { haveSameContent, type MeasureEvent } from './event.ts';

const base: MeasureEvent = {
  id: 'e1',
  source: 'feed',
  kind: 'call.received',
  subject: null,
  occurredAt: new Date('2026-03-02T09:00:00Z'),
  attributes: { a: 1, b: 'x', c: null },
};

describe('haveSameContent', () => {
  it('sees a re-send under another key or with its attributes in another order as the same content', () => {
    expect(haveSameContent(base, { ...base, id: 'other', source: 'other', attributes: { c: null, b: 'x', a: 1 } })).toBe(true);
    expect(haveSameContent(base, { ...base, occurredAt: new Date('2026-03-02T10:00:00+01:00') })).toBe(true);
  });

  it.each<[string, Partial<MeasureEvent>]>([
    ['the kind', { kind: 'call.missed' }],
    ['the subject', { subject: 's' }],
    ['the instant by a millisecond', { occurredAt: new Date('2026-03-02T09:00:00.001Z') }],
    ['a value of another type', { attributes: { a: '1', b: 'x', c: null } }],
    ['a value', { attributes: { a: 2, b: 'x', c: null } }],
    ['an attribute more', { attributes: { a: 1, b: 'x', c: null, d: false } }],
    ['an attribute less', { attributes: { a: 1, b: 'x' } }],
    ['a null turned into a missing attribute of another name', { attributes: { a: 1, b: 'x', d: null } }],
  ])('sees a change of %s as a correction', (_what, change) => {
    expect(haveSameContent(base, { ...base, ...change })).toBe(false);
    expect(haveSameContent({ ...base, ...change }, base)).toBe(false);
  });
});
