import { describe, expect, it } from 'vitest';
import type { MeasureEvent } from '../events/event.ts';
import { matchesCondition, matchesConditions, matchesSelector } from './event-match.ts';
import type { Condition } from './measure.ts';

const attributes = { outcome: 'ok', wait: '42', waitN: 42, urgent: true, flag: 'false', channel: 'phone', none: null, day: '2026-03-06' };

describe('matchesCondition', () => {
  it.each<[string, Condition, boolean]>([
    ['= on equal strings', { attribute: 'outcome', op: '=', value: 'ok' }, true],
    ['= on different strings', { attribute: 'outcome', op: '=', value: 'ko' }, false],
    ['= compares a numeric string with a number numerically', { attribute: 'wait', op: '=', value: 42 }, true],
    ['= compares "42" with "42.0" numerically', { attribute: 'wait', op: '=', value: '42.0' }, true],
    ['= matches a boolean', { attribute: 'urgent', op: '=', value: true }, true],
    ['= reads the string "false" as a boolean', { attribute: 'flag', op: '=', value: false }, true],
    ['= does not read "ok" as a boolean', { attribute: 'outcome', op: '=', value: true }, false],
    ['= is false on a missing attribute', { attribute: 'missing', op: '=', value: 'x' }, false],
    ['= is false on a null attribute', { attribute: 'none', op: '=', value: 'x' }, false],
    ['!= on different values', { attribute: 'outcome', op: '!=', value: 'ko' }, true],
    ['!= on equal values', { attribute: 'waitN', op: '!=', value: '42' }, false],
    ['!= holds for a missing attribute', { attribute: 'missing', op: '!=', value: 'x' }, true],
    ['< numeric, not lexicographic ("42" < 100)', { attribute: 'wait', op: '<', value: 100 }, true],
    ['<= at equality', { attribute: 'waitN', op: '<=', value: 42 }, true],
    ['> false at equality', { attribute: 'waitN', op: '>', value: 42 }, false],
    ['>= above', { attribute: 'waitN', op: '>=', value: 41.5 }, true],
    ['< on ISO dates as strings', { attribute: 'day', op: '<', value: '2026-03-07' }, true],
    ['> a string against a number is never ordered', { attribute: 'outcome', op: '>', value: 1 }, false],
    ['< on a missing attribute is false', { attribute: 'missing', op: '<', value: 1 }, false],
    ['in with the value in the list', { attribute: 'channel', op: 'in', value: ['web', 'phone'] }, true],
    ['in compares numbers numerically', { attribute: 'wait', op: 'in', value: [41, 42] }, true],
    ['in with the value not in the list', { attribute: 'channel', op: 'in', value: ['web', 'email'] }, false],
    ['exists on a present attribute', { attribute: 'outcome', op: 'exists' }, true],
    ['exists on a null attribute', { attribute: 'none', op: 'exists' }, false],
    ['exists false on a missing attribute', { attribute: 'missing', op: 'exists', value: false }, true],
    ['exists false on a present attribute', { attribute: 'outcome', op: 'exists', value: false }, false],
  ])('%s', (_name, condition, expected) => {
    expect(matchesCondition(attributes, condition)).toBe(expected);
  });

  it('requires every condition of a list, and an empty list always holds', () => {
    expect(matchesConditions(attributes, [])).toBe(true);
    expect(matchesConditions(attributes, [{ attribute: 'outcome', op: '=', value: 'ok' }, { attribute: 'waitN', op: '<', value: 10 }])).toBe(false);
    expect(matchesConditions(attributes, [{ attribute: 'outcome', op: '=', value: 'ok' }, { attribute: 'waitN', op: '<', value: 60 }])).toBe(true);
  });

  it('does not read inherited properties as attributes', () => {
    expect(matchesCondition({}, { attribute: 'toString', op: 'exists' })).toBe(false);
  });
});

describe('matchesSelector', () => {
  const event: MeasureEvent = {
    id: '1',
    source: 'contact-centre',
    kind: 'call.answered',
    subject: null,
    occurredAt: new Date('2026-03-06T10:00:00+01:00'),
    attributes: { outcome: 'ok' },
  };

  it.each<[string, Parameters<typeof matchesSelector>[1], boolean]>([
    ['one kind', { kind: 'call.answered' }, true],
    ['another kind', { kind: 'call.abandoned' }, false],
    ['a list of kinds', { kind: ['call.abandoned', 'call.answered'] }, true],
    ['the right source', { kind: 'call.answered', source: 'contact-centre' }, true],
    ['another source', { kind: 'call.answered', source: 'probe:portal' }, false],
    ['conditions that hold', { kind: 'call.answered', where: [{ attribute: 'outcome', op: '=', value: 'ok' }] }, true],
    ['conditions that fail', { kind: 'call.answered', where: [{ attribute: 'outcome', op: '=', value: 'ko' }] }, false],
  ])('picks an event by %s', (_name, selector, expected) => {
    expect(matchesSelector(event, selector)).toBe(expected);
  });
});
