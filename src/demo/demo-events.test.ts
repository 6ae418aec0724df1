import { describe, expect, it } from 'vitest';
import { isServiceDay, isWithinServiceHours, localDateOf, weekdayOf } from '../domain/calendar/index.ts';
import type { MeasureEvent } from '../domain/events/event.ts';
import { REGISTER_ENTRY_KIND } from '../domain/measures/day-fold.ts';
import { UserError } from '../domain/shared/errors.ts';
import { generateDemoEvents } from './demo-events.ts';
import { DEFAULT_PHONE_HOURS } from './demo-scenario.ts';
import { Quota, randomFor, type Random } from './random.ts';

const OPTIONS = { seed: 7, year: 2026, lastDate: '2026-05-10' };
// Generated once: the checks below only read it.
const EVENTS: readonly MeasureEvent[] = [...generateDemoEvents(OPTIONS)];
const ofKind = (kind: string) => EVENTS.filter((event) => event.kind === kind);
const dateOf = (event: MeasureEvent) => localDateOf(event.occurredAt, 'Europe/Rome');

describe('generateDemoEvents', () => {
  it('gives the same events, ids included, for the same seed, and others for another seed', () => {
    const again = [...generateDemoEvents(OPTIONS)];
    expect(again).toEqual(EVENTS);
    const other = [...generateDemoEvents({ ...OPTIONS, seed: 8 })];
    expect(other.map((event) => event.occurredAt.getTime())).not.toEqual(EVENTS.map((event) => event.occurredAt.getTime()));
  });

  it('puts every event between 1 January and the last date included (Europe/Rome)', () => {
    const dates = EVENTS.map(dateOf).sort();
    expect(dates[0]).toBe('2026-01-01');
    expect(dates[dates.length - 1]).toBe('2026-05-10');
  });

  it('gives every event a key (source, id) of its own, except register entries corrected from planned to done', () => {
    const versions = new Map<string, MeasureEvent[]>();
    for (const event of EVENTS) versions.set(`${event.source}|${event.id}`, [...(versions.get(`${event.source}|${event.id}`) ?? []), event]);
    const repeated = [...versions.values()].filter((list) => list.length > 1);
    expect(repeated.length).toBeGreaterThan(50);
    for (const list of repeated) {
      expect(list.map((event) => event.kind)).toEqual([REGISTER_ENTRY_KIND, REGISTER_ENTRY_KIND]);
      expect(list.map((event) => event.attributes.status)).toEqual(['planned', 'done']);
      expect(list[1]?.occurredAt).toEqual(list[0]?.occurredAt);
    }
  });

  it('keeps one intervention of Servizi Lavoro planned and never done', () => {
    const latest = new Map(ofKind(REGISTER_ENTRY_KIND).map((event) => [event.id, event]));
    const open = [...latest.values()].filter((event) => event.attributes.status !== 'done');
    expect(open.map((event) => [event.attributes.service, event.attributes.register])).toEqual([['servizi-lavoro', 'interventi-equita']]);
  });

  it('takes calls only within the phone hours of working days: none on Easter Monday, 25 April or 1 May', () => {
    const calls = ofKind('call.received');
    expect(calls.length).toBeGreaterThan(5000);
    expect(calls.every((call) => isWithinServiceHours(call.occurredAt, DEFAULT_PHONE_HOURS))).toBe(true);
    const callDates = new Set(calls.map(dateOf));
    for (const holiday of ['2026-01-01', '2026-01-06', '2026-04-06', '2026-04-25', '2026-05-01']) expect(callDates.has(holiday)).toBe(false);
    expect([...callDates].every((date) => isServiceDay(date, DEFAULT_PHONE_HOURS))).toBe(true);
  });

  it('makes Mondays busier than Fridays at the contact centre', () => {
    const perWeekday = (weekday: number) => {
      const calls = ofKind('call.received').filter((call) => weekdayOf(dateOf(call)) === weekday);
      return calls.length / new Set(calls.map(dateOf)).size;
    };
    expect(perWeekday(1)).toBeGreaterThan(perWeekday(5) * 1.3);
  });

  it('answers more than 5% of the calls after 5 minutes, and abandons fewer than 1%', () => {
    const calls = ofKind('call.received');
    const answered = calls.filter((call) => call.attributes.answered === true);
    const slow = answered.filter((call) => Number(call.attributes.waitSeconds) > 300);
    expect(slow.length / answered.length).toBeGreaterThan(0.05);
    expect(1 - answered.length / calls.length).toBeLessThan(0.01);
  });

  it('checks each portal every 12–15 minutes, day and night, with a few failed checks', () => {
    const checks = ofKind('check.http').filter((check) => check.subject === 'servizi-lavoro-web');
    const gaps = checks.slice(1).map((check, index) => (check.occurredAt.getTime() - (checks[index]?.occurredAt.getTime() ?? 0)) / 60_000);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(12);
    expect(Math.max(...gaps)).toBeLessThan(15);
    const failed = checks.filter((check) => check.attributes.ok === false).length;
    expect(failed).toBeGreaterThan(0);
    expect(failed / checks.length).toBeLessThan(0.05);
  });

  it('records the hand count of the home page with who recorded it and the evidence', () => {
    const counts = ofKind('web-spaces.counted');
    expect(counts.length).toBeGreaterThan(0);
    for (const count of counts) {
      expect(count.source).toBe('manual');
      expect(count.attributes.recordedBy).toEqual(expect.any(String));
      expect(count.attributes.evidence).toEqual(expect.any(String));
      expect(count.attributes.value).toBeGreaterThanOrEqual(25);
    }
  });

  it('publishes every content after its request, on the same subject', () => {
    const requested = new Map(ofKind('content.requested').map((event) => [event.subject, event.occurredAt.getTime()]));
    const published = ofKind('content.published');
    expect(published.length).toBeGreaterThan(100);
    for (const event of published) expect(event.occurredAt.getTime()).toBeGreaterThan(requested.get(event.subject) ?? Infinity);
  });

  it.each([
    [{ ...OPTIONS, lastDate: '2025-12-31' }, 'is not in 2026'],
    [{ ...OPTIONS, lastDate: '2026-02-30' }, '2026-02-30'],
    [{ ...OPTIONS, seed: -1 }, 'seed'],
    [{ ...OPTIONS, seed: 1.5 }, 'seed'],
  ])('refuses %j with a clear error', (options, words) => {
    expect(() => [...generateDemoEvents(options)]).toThrow(UserError);
    expect(() => [...generateDemoEvents(options)]).toThrow(words);
  });
});

describe('Random and Quota', () => {
  it('repeat themselves for the same seed and stream, and differ across streams', () => {
    const draw = (random: Random) => Array.from({ length: 5 }, () => random.next());
    expect(draw(randomFor(1, 'calls'))).toEqual(draw(randomFor(1, 'calls')));
    expect(draw(randomFor(1, 'calls'))).not.toEqual(draw(randomFor(1, 'checks')));
  });

  it.each([
    [0.016, 0.99, 1000, 16],
    [0.004, 0, 249, 0],
    [0.004, 0, 250, 1],
  ])('Quota(%d, start %d) over %d calls gives %d trues', (p, start, calls, trues) => {
    const quota = new Quota(start);
    expect(Array.from({ length: calls }, () => quota.next(p)).filter(Boolean).length).toBe(trues);
  });
});
