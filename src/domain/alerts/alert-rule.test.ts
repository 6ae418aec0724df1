import { describe, expect, it } from 'vitest';
import { findFiringSubjects, type AlertFacts } from './alert-conditions.ts';
import { checkAlertRule, parseAlertCondition } from './alert-rule.ts';
import { burnRateOf, findBurningWindow } from './burn-rate.ts';

describe('parseAlertCondition', () => {
  it.each([
    ['probe-down:portale', { kind: 'probe-down', probe: 'portale', after: 3 }],
    ['probe-down:*:5', { kind: 'probe-down', probe: '*', after: 5 }],
    ['feed-silent:contact-centre:90', { kind: 'feed-silent', source: 'contact-centre', minutes: 90 }],
    ['standard:*', { kind: 'standard', service: '*' }],
    ['burn-rate:servizi-lavoro', { kind: 'burn-rate', service: 'servizi-lavoro' }],
  ])('reads %s', (text, condition) => {
    expect(parseAlertCondition(text)).toEqual(condition);
  });

  it.each([['ping:portale', /"ping" is not a condition/], ['probe-down', /names no subject/], ['feed-silent:cc:soon', /not a whole number of minutes/], ['standard:*:3', /nothing after it/]])(
    'refuses %s',
    (text, message) => {
      expect(() => parseAlertCondition(text)).toThrow(message);
    },
  );

  it('refuses a webhook that is not a URL and a secret too short to sign with', () => {
    const rule = { name: 'r', condition: parseAlertCondition('standard:*'), channel: { kind: 'webhook' as const, url: 'https://hooks.example.gov.it/x', secret: 'a-long-enough-secret' }, silencedUntil: null };
    expect(checkAlertRule(rule)).toBe(rule);
    expect(() => checkAlertRule({ ...rule, channel: { ...rule.channel, url: 'hooks' } })).toThrow(/field "webhook"/);
    expect(() => checkAlertRule({ ...rule, channel: { ...rule.channel, secret: 'short' } })).toThrow(/field "secret"/);
    expect(() => checkAlertRule({ ...rule, name: 'Bad Name' })).toThrow(/field "name"/);
  });
});

describe('burn rates', () => {
  // 95 % of available days: a budget of 5 %. A week of March, good unless listed.
  const week = (bad: string[]) => ['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2026-03-${d}`, good: bad.includes(d) ? 0 : 1, total: 1 }));

  it('is the share of bad items over the budget, within the window only', () => {
    expect(burnRateOf(week([]), '2026-03-07', 7, 0.95)).toBe(0);
    expect(burnRateOf(week(['07']), '2026-03-07', 1, 0.95)).toBeCloseTo(20, 9);
    expect(burnRateOf(week(['07']), '2026-03-07', 7, 0.95)).toBeCloseTo(1 / 7 / 0.05, 9);
    expect(burnRateOf(week(['01']), '2026-03-07', 3, 0.95)).toBe(0);
    expect(burnRateOf([], '2026-03-07', 7, 0.95)).toBeNull();
  });

  it('fires only when the long window and its short window both burn too fast', () => {
    // 30 days of March, good unless listed.
    const month = (bad: number[]) => Array.from({ length: 30 }, (_, i) => ({ date: `2026-03-${String(i + 1).padStart(2, '0')}`, good: bad.includes(i + 1) ? 0 : 1, total: 1 }));
    // One bad day yesterday in a good month: the short windows burn, the long ones do not.
    expect(findBurningWindow(month([29]), '2026-03-30', 0.95)).toBeNull();
    // Four bad days, two of the last three: the slow pair (30 days at 13 %, 3 days at 67 %) burns at ≥ 2, not the fast one.
    expect(findBurningWindow(month([10, 20, 29, 30]), '2026-03-30', 0.95)?.window).toEqual({ longDays: 30, shortDays: 3, threshold: 2 });
    // Bad all week: the fast pair (7 days and 1) burns at ≥ 10.
    expect(findBurningWindow(month([24, 25, 26, 27, 28, 29, 30]), '2026-03-30', 0.95)?.window).toEqual({ longDays: 7, shortDays: 1, threshold: 10 });
    // Fine again today after a bad week: the fast pair stops at once (the slow one still burns: 3 days, 2 bad).
    expect(findBurningWindow(month([23, 24, 25, 26, 27, 28, 29]), '2026-03-30', 0.95)?.window.shortDays).toBe(3);
  });
});

describe('findFiringSubjects', () => {
  const facts: AlertFacts = {
    probeRuns: new Map([
      ['portale', [{ ok: false, error: 'status 503' }, { ok: false, error: null }, { ok: false, error: null }]],
      ['app', [{ ok: false, error: 'timeout' }, { ok: true, error: null }, { ok: false, error: null }]],
    ]),
    sources: [{ name: 'contact-centre', secondsSinceLastReceived: 7_200 }, { name: 'protocollo', secondsSinceLastReceived: 60 }, { name: 'never', secondsSinceLastReceived: null }],
    indicators: [
      { service: 'portale', indicator: 'disponibilita', status: 'at-risk' },
      { service: 'portale', indicator: 'tempi', status: 'met' },
      { service: 'cc', indicator: 'risposte', status: 'missed' },
    ],
    today: '2026-03-07',
  };

  it('finds the probes down for their last N checks, the silent feeds and the standards at risk or missed', () => {
    expect(findFiringSubjects({ kind: 'probe-down', probe: '*', after: 3 }, facts)).toEqual([{ subject: 'portale', summary: 'probe portale is down: its last 3 checks failed (status 503)' }]);
    expect(findFiringSubjects({ kind: 'probe-down', probe: 'app', after: 1 }, facts).map((f) => f.subject)).toEqual(['app']);
    expect(findFiringSubjects({ kind: 'feed-silent', source: '*', minutes: 60 }, facts).map((f) => f.subject)).toEqual(['contact-centre']);
    expect(findFiringSubjects({ kind: 'standard', service: '*' }, facts).map((f) => f.subject)).toEqual(['portale/disponibilita', 'cc/risposte']);
    expect(findFiringSubjects({ kind: 'standard', service: 'cc' }, facts).map((f) => f.summary)).toEqual(['cc/risposte is missed for the year']);
  });
});
