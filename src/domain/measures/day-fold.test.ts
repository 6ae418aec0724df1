import { describe, expect, it } from 'vitest';
import type { OpeningHours } from '../cards/card.ts';
import { DEFAULT_WORK_CALENDAR } from '../calendar/index.ts';
import type { DayRollup } from '../evaluation/day-rollup.ts';
import type { AttributeValue, MeasureEvent } from '../events/event.ts';
import { UserError } from '../shared/errors.ts';
import { durationItemsOf, foldDay, ownDateSelectorsOf, REGISTER_ENTRY_KIND, relevantKinds } from './day-fold.ts';
import type { FoldContext } from './day-fold.ts';
import { matchesSelector } from './event-match.ts';
import type { AvailabilityDaysMeasure, DurationMeasure, Measure } from './measure.ts';

let sequence = 0;
function event(kind: string, at: string, attributes: Record<string, AttributeValue> = {}, subject: string | null = null): MeasureEvent {
  sequence += 1;
  return { id: `e${sequence}`, source: 'feed', kind, subject, occurredAt: new Date(at), attributes };
}

/** Monday–Friday 09:00–20:00, the usual contact-centre hours. */
const PHONE: OpeningHours = { weekdays: [1, 2, 3, 4, 5], opens: '09:00', closes: '20:00' };
const context: FoldContext = { calendar: DEFAULT_WORK_CALENDAR, channels: { phone: PHONE } };

describe('foldDay: ratio', () => {
  const measure: Measure = {
    kind: 'ratio',
    total: { kind: 'call.answered' },
    good: [{ attribute: 'outcome', op: '=', value: 'ok' }],
    withinServiceHoursOf: 'phone',
    waitAttribute: 'waitSeconds',
    waitLimit: { value: 5, unit: 'minutes' },
  };
  // Friday 6 March 2026, hours 09:00–20:00: the closing instant 20:00:00 is outside.
  const events = [
    event('call.answered', '2026-03-06T08:59:59+01:00', { outcome: 'ok', waitSeconds: 10 }),
    event('call.answered', '2026-03-06T09:00:00+01:00', { outcome: 'ok', waitSeconds: 30 }),
    event('call.answered', '2026-03-06T12:00:00+01:00', { outcome: 'ok', waitSeconds: 300 }),
    event('call.answered', '2026-03-06T13:00:00+01:00', { outcome: 'ok' }),
    event('call.answered', '2026-03-06T19:59:59+01:00', { outcome: 'ok', waitSeconds: 301 }),
    event('call.answered', '2026-03-06T20:00:00+01:00', { outcome: 'ok', waitSeconds: 5 }),
    event('call.answered', '2026-03-06T15:00:00+01:00', { outcome: 'ko', waitSeconds: 5 }),
    event('call.abandoned', '2026-03-06T10:00:00+01:00', { outcome: 'ok', waitSeconds: 5 }),
    event('call.answered', '2026-03-07T10:00:00+01:00', { outcome: 'ok', waitSeconds: 5 }),
  ];

  it.each<[string, Measure, Pick<DayRollup, 'good' | 'total' | 'lastAt'>]>([
    // In hours: 09:00 (good), 12:00 (300 s = the limit: good), 13:00 (no wait: not good), 19:59:59 (301 s), 15:00 (ko).
    ['within service hours and the wait limit', measure, { good: 2, total: 5, lastAt: '2026-03-06T18:59:59.000Z' }],
    // All 7 call.answered of the day; good: 08:59:59, 09:00, 12:00, 20:00:00.
    ['without the service-hours filter', { ...measure, withinServiceHoursOf: undefined }, { good: 4, total: 7, lastAt: '2026-03-06T19:00:00.000Z' }],
    // Good = outcome ok: 6 of the 7.
    ['without a wait limit', { ...measure, withinServiceHoursOf: undefined, waitAttribute: undefined, waitLimit: undefined }, { good: 6, total: 7, lastAt: '2026-03-06T19:00:00.000Z' }],
  ])('counts %s', (_name, m, expected) => {
    expect(foldDay(m, '2026-03-06', events, context)).toMatchObject({ date: '2026-03-06', ...expected });
  });

  it('gives null when no event counts that day', () => {
    expect(foldDay(measure, '2026-03-08', events, context)).toBeNull();
  });

  it('names the channel when its hours are unknown', () => {
    const attempt = (): unknown => foldDay(measure, '2026-03-06', events, { ...context, channels: {} });
    expect(attempt).toThrow(UserError);
    expect(attempt).toThrow('channel "phone"');
  });
});

describe('foldDay: register', () => {
  const measure: Measure = { kind: 'register', register: 'interventi', total: [{ attribute: 'status', op: '!=', value: 'cancelled' }], good: [{ attribute: 'status', op: '=', value: 'done' }] };
  it('counts the entries of its register only, numerator within the denominator', () => {
    const events = [
      event(REGISTER_ENTRY_KIND, '2026-05-04T10:00:00+02:00', { register: 'interventi', status: 'done' }, 'R-1'),
      event(REGISTER_ENTRY_KIND, '2026-05-04T11:00:00+02:00', { register: 'interventi', status: 'planned' }, 'R-2'),
      event(REGISTER_ENTRY_KIND, '2026-05-04T12:00:00+02:00', { register: 'interventi', status: 'cancelled' }, 'R-3'),
      event(REGISTER_ENTRY_KIND, '2026-05-04T12:00:00+02:00', { register: 'altro', status: 'done' }, 'X-1'),
    ];
    expect(foldDay(measure, '2026-05-04', events, context)).toMatchObject({ good: 1, total: 2 });
  });
});

describe('foldDay: availability-days', () => {
  const byShare: AvailabilityDaysMeasure = { kind: 'availability-days', checks: { kind: 'check.http' }, dayIsAvailableWhen: { successShareAtLeast: 95 }, daysWithoutData: 'unavailable' };
  const byOutage: AvailabilityDaysMeasure = { ...byShare, dayIsAvailableWhen: { longestOutageAtMost: { value: 60, unit: 'minutes' } } };
  const check = (at: string, ok: AttributeValue): MeasureEvent => event('check.http', at, { ok });
  const hourlyChecks = (date: string, failing: number): MeasureEvent[] =>
    Array.from({ length: 20 }, (_, hour) => check(`${date}T${String(hour + 2).padStart(2, '0')}:00:00Z`, hour >= 20 - failing ? false : true));

  it.each<[string, MeasureEvent[], Partial<DayRollup>]>([
    // 19 of 20 = exactly 95%: available.
    ['19 of 20 checks passed', hourlyChecks('2026-06-10', 1), { good: 1, total: 1, sum: 95 }],
    // 18 of 20 = 90%.
    ['18 of 20 checks passed', hourlyChecks('2026-06-10', 2), { good: 0, total: 1, sum: 90 }],
    ['checks without a boolean ok are ignored', [...hourlyChecks('2026-06-10', 1), check('2026-06-10T12:30:00Z', 'maybe'), check('2026-06-10T12:40:00Z', null)], { good: 1, sum: 95 }],
  ])('by share of checks: %s', (_name, events, expected) => {
    expect(foldDay(byShare, '2026-06-10', events, context)).toMatchObject(expected);
  });

  it.each<[string, string, MeasureEvent[], number, 0 | 1]>([
    // 29 March 2026, clocks jump 02:00 → 03:00: 01:30 CET to 03:30 CEST is 1 real hour.
    ['across the spring-forward gap', '2026-03-29', [check('2026-03-29T01:30:00+01:00', false), check('2026-03-29T03:30:00+02:00', true)], 60, 1],
    // 25 October 2026, clocks go back 03:00 → 02:00: 01:30 CEST to 02:30 CET is 2 real hours.
    ['across the fall-back overlap', '2026-10-25', [check('2026-10-25T01:30:00+02:00', false), check('2026-10-25T02:30:00+01:00', true)], 120, 0],
    // An outage still open at the end of 29 March runs to local midnight: 23:00 CEST → 00:00 CEST = 60 min.
    ['open at the end of the short day', '2026-03-29', [check('2026-03-29T10:00:00+02:00', true), check('2026-03-29T23:00:00+02:00', false)], 60, 1],
    // 22:30 CET → 00:00 CET on 25 October = 90 min.
    ['open at the end of the long day', '2026-10-25', [check('2026-10-25T10:00:00+01:00', true), check('2026-10-25T22:30:00+01:00', false)], 90, 0],
    // Failing from midnight: the whole day, 23 h on 29 March and 25 h on 25 October.
    ['all of the 23-hour day', '2026-03-29', [check('2026-03-29T00:00:00+01:00', false)], 1380, 0],
    ['all of the 25-hour day', '2026-10-25', [check('2026-10-25T00:00:00+02:00', false)], 1500, 0],
    // Two outages of 30 and 45 minutes: the longest counts.
    [
      'the longest of several outages',
      '2026-06-10',
      [check('2026-06-10T08:00:00Z', false), check('2026-06-10T08:30:00Z', true), check('2026-06-10T09:00:00Z', false), check('2026-06-10T09:10:00Z', false), check('2026-06-10T09:45:00Z', true)],
      45,
      1,
    ],
  ])('by longest outage: %s', (_name, date, events, minutes, good) => {
    expect(foldDay(byOutage, date, events, context)).toMatchObject({ date, total: 1, good, max: minutes });
  });

  it('counts only checks within service hours, and ends an open outage at closing time', () => {
    const measure: AvailabilityDaysMeasure = { ...byOutage, withinServiceHoursOf: 'phone' };
    // Friday 6 March 2026: the 08:30 and 20:00:00 checks are outside 09:00–20:00; the 19:00 outage runs to 20:00.
    const events = [check('2026-03-06T08:30:00+01:00', false), check('2026-03-06T09:00:00+01:00', true), check('2026-03-06T19:00:00+01:00', false), check('2026-03-06T20:00:00+01:00', true)];
    expect(foldDay(measure, '2026-03-06', events, context)).toMatchObject({ good: 1, total: 1, sum: 50, max: 60 });
  });

  it('ends an open outage at `now` on a day in progress', () => {
    const events = [check('2026-06-10T09:00:00Z', true), check('2026-06-10T11:00:00Z', false)];
    expect(foldDay(byOutage, '2026-06-10', events, { ...context, now: new Date('2026-06-10T11:30:00Z') })).toMatchObject({ good: 1, max: 30 });
    expect(foldDay(byOutage, '2026-06-10', events, context)).toMatchObject({ good: 0, max: 11 * 60 });
  });

  it('gives null for a day without checks', () => {
    expect(foldDay(byShare, '2026-06-10', [check('2026-06-11T09:00:00Z', true)], context)).toBeNull();
  });
});

describe('foldDay: duration', () => {
  const measureIn = (unit: DurationMeasure['unit'], extra: Partial<DurationMeasure> = {}): DurationMeasure => ({
    kind: 'duration',
    start: { kind: 'request.received' },
    end: { kind: 'request.published' },
    unit,
    statistic: 'max',
    serviceHoursOf: 'phone',
    ...extra,
  });

  it.each<[string, DurationMeasure['unit'], string, string, number]>([
    // Fri 1 Oct 2027 → Tue 5 Oct 2027: Monday 4 October (San Francesco, a national holiday since 2026) is skipped.
    ['working days over Monday 4 October 2027', 'working-days', '2027-10-01T10:00:00+02:00', '2027-10-05T09:00:00+02:00', 1],
    // Thu 2 April 2026 → Tue 7 April 2026: Fri 3 counts, the weekend and Easter Monday 6 April do not, Tue 7 counts.
    ['working days over Easter Monday 2026', 'working-days', '2026-04-02T10:00:00+02:00', '2026-04-07T10:00:00+02:00', 2],
    ['calendar days over Easter', 'days', '2026-04-02T10:00:00+02:00', '2026-04-07T10:00:00+02:00', 5],
    // 00:00 CET → 12:00 CEST on 29 March: 11 real hours.
    ['hours across the spring-forward night', 'hours', '2026-03-29T00:00:00+01:00', '2026-03-29T12:00:00+02:00', 11],
    ['hours across the fall-back night', 'hours', '2026-10-25T00:00:00+02:00', '2026-10-25T12:00:00+01:00', 13],
    ['minutes', 'minutes', '2026-03-06T10:00:00+01:00', '2026-03-06T10:07:30+01:00', 7.5],
    // Fri 19:30 → Mon 09:30 with 09:00–20:00 hours: 30 min on Friday + 30 min on Monday.
    ['service minutes over a weekend', 'service-minutes', '2026-03-06T19:30:00+01:00', '2026-03-09T09:30:00+01:00', 60],
    // Fri 19:59 → Mon 09:00: the Friday minute only; 20:00:00 itself is closed.
    ['service minutes ending at opening', 'service-minutes', '2026-03-06T19:59:00+01:00', '2026-03-09T09:00:00+01:00', 1],
    ['service hours', 'service-hours', '2026-03-06T19:00:00+01:00', '2026-03-09T10:00:00+01:00', 2],
  ])('measures %s', (_name, unit, start, end, expected) => {
    const measure = measureIn(unit);
    const endEvent = event('request.published', end, {}, 'REQ-1');
    const { items } = durationItemsOf(measure, [endEvent], { ...context, startsBySubject: new Map([['REQ-1', new Date(start)]]) });
    expect(items).toHaveLength(1);
    expect(items[0]!.duration).toBeCloseTo(expected, 9);
  });

  it('folds the items ended that day with their limit, and leaves unpaired ends out', () => {
    const measure = measureIn('working-days', { statistic: 'share-within', within: { value: 5, unit: 'working-days' } });
    const starts = new Map([
      ['A', new Date('2026-04-02T10:00:00+02:00')], // 5 working days before Fri 10 April (Easter Monday skipped): within
      ['B', new Date('2026-03-31T10:00:00+02:00')], // 7 working days: over
      ['C', new Date('2026-04-11T10:00:00+02:00')], // after its end: unpaired
    ]);
    const events = [
      event('request.published', '2026-04-10T09:00:00+02:00', {}, 'A'),
      event('request.published', '2026-04-10T16:00:00+02:00', {}, 'A'), // a second end of A: the first one counts
      event('request.published', '2026-04-10T11:00:00+02:00', {}, 'B'),
      event('request.published', '2026-04-10T12:00:00+02:00', {}, 'C'),
      event('request.published', '2026-04-10T12:00:00+02:00', {}, 'D'), // no known start
      event('request.published', '2026-04-10T12:00:00+02:00', {}, null), // no subject
      event('request.received', '2026-04-10T12:00:00+02:00', {}, 'E'), // a start: not an item
    ];
    const fold = { ...context, startsBySubject: starts };
    expect(foldDay(measure, '2026-04-10', events, fold)).toEqual({ date: '2026-04-10', good: 1, total: 2, sum: 12, max: 7, lastAt: '2026-04-10T09:00:00.000Z' });
    expect(durationItemsOf(measure, events, fold).unpaired.map((e) => e.subject)).toEqual([null, 'C', 'D']);
  });

  it('judges items against the limit passed by the caller when the measure has no `within`', () => {
    const measure = measureIn('working-days');
    const starts = new Map([['B', new Date('2026-03-31T10:00:00+02:00')]]);
    const events = [event('request.published', '2026-04-10T11:00:00+02:00', {}, 'B')];
    expect(foldDay(measure, '2026-04-10', events, { ...context, startsBySubject: starts, durationLimit: { value: 5, unit: 'working-days' } })).toMatchObject({ good: 0, total: 1 });
    expect(foldDay(measure, '2026-04-10', events, { ...context, startsBySubject: starts })).toMatchObject({ good: 1, total: 1 });
  });
});

describe('foldDay: count', () => {
  const countOf = (count: 'days' | 'working-days' | 'events'): Measure => ({ kind: 'count', select: { kind: 'disruption' }, count });
  it.each<[string, 'days' | 'working-days' | 'events', string, number, number]>([
    ['a day with events', 'days', '2026-04-06', 1, 2],
    ['Easter Monday as a working day', 'working-days', '2026-04-06', 0, 2],
    ['the Tuesday after as a working day', 'working-days', '2026-04-07', 1, 1],
    ['a Saturday as a working day', 'working-days', '2026-04-04', 0, 1],
    ['Monday 4 October 2027 as a working day', 'working-days', '2027-10-04', 0, 1],
    ['events', 'events', '2026-04-06', 2, 2],
  ])('counts %s', (_name, mode, date, good, total) => {
    const events = [
      event('disruption', '2026-04-04T10:00:00+02:00'),
      event('disruption', '2026-04-06T10:00:00+02:00'),
      event('disruption', '2026-04-06T23:30:00+02:00'),
      event('disruption', '2026-04-07T00:10:00+02:00'),
      event('disruption', '2027-10-04T10:00:00+02:00'),
    ];
    expect(foldDay(countOf(mode), date, events, context)).toMatchObject({ date, good, total });
  });
});

describe('foldDay: snapshot', () => {
  it('keeps the latest readable value of the day', () => {
    const measure: Measure = { kind: 'snapshot', select: { kind: 'survey.result' }, valueAttribute: 'score' };
    const events = [
      event('survey.result', '2026-05-04T09:00:00+02:00', { score: '5' }),
      event('survey.result', '2026-05-04T11:00:00+02:00', { score: 4 }),
      event('survey.result', '2026-05-04T10:00:00+02:00', { score: 3 }),
      event('survey.result', '2026-05-04T12:00:00+02:00', { score: 'n/a' }),
    ];
    expect(foldDay(measure, '2026-05-04', events, context)).toEqual({ date: '2026-05-04', good: 0, total: 1, sum: 4, max: 4, lastAt: '2026-05-04T09:00:00.000Z' });
  });
});

describe('foldDay: freshness', () => {
  it('judges the latest observation of each item by its age', () => {
    const measure: Measure = { kind: 'freshness', observations: { kind: 'page.observed' }, maxAge: { value: 7, unit: 'days' } };
    const events = [
      event('page.observed', '2026-03-10T09:00:00+01:00', { updatedAt: '2026-03-01' }, 'A'), // 9 days: superseded below
      event('page.observed', '2026-03-10T18:00:00+01:00', { updatedAt: '2026-03-03T12:00:00+01:00' }, 'A'), // 7 days: good
      event('page.observed', '2026-03-10T10:00:00+01:00', { updatedAt: '2026-02-20' }, 'B'), // 18 days
      event('page.observed', '2026-03-10T10:00:00+01:00', { updatedAt: 'yesterday' }, 'C'), // unreadable
      event('page.observed', '2026-03-10T10:00:00+01:00', { updatedAt: '2026-03-10T12:00' }, 'D'), // after the observation: age 0
    ];
    expect(foldDay(measure, '2026-03-10', events, context)).toMatchObject({ good: 2, total: 4 });
  });
});

describe('relevantKinds and ownDateSelectorsOf', () => {
  const duration: Measure = { kind: 'duration', start: { kind: 'request.received' }, end: { kind: ['request.published', 'request.rejected'] }, unit: 'days', statistic: 'mean' };

  it('lists the kinds a measure reads, once each', () => {
    expect(relevantKinds(duration)).toEqual(['request.received', 'request.published', 'request.rejected']);
    expect(relevantKinds({ kind: 'register', register: 'r', good: [] })).toEqual([REGISTER_ENTRY_KIND]);
  });

  it('picks the events that change their own date: a duration end but not its start, an event the measure selects, no other', () => {
    const changesOwnDate = (measure: Measure, e: MeasureEvent) => ownDateSelectorsOf(measure).some((selector) => matchesSelector(e, selector));
    expect(changesOwnDate(duration, event('request.published', '2026-03-28T23:30:00Z', {}, 'R'))).toBe(true);
    expect(changesOwnDate(duration, event('request.received', '2026-03-28T10:00:00Z', {}, 'R'))).toBe(false);
    const count: Measure = { kind: 'count', select: { kind: 'disruption', where: [{ attribute: 'severity', op: '=', value: 'high' }] }, count: 'days' };
    expect(changesOwnDate(count, event('disruption', '2026-03-28T10:00:00Z', { severity: 'low' }))).toBe(false);
    expect(changesOwnDate(count, event('disruption', '2026-03-28T10:00:00Z', { severity: 'high' }))).toBe(true);
    expect(changesOwnDate({ kind: 'register', register: 'r', good: [] }, event(REGISTER_ENTRY_KIND, '2026-03-28T10:00:00Z', { register: 'other' }))).toBe(false);
    expect(changesOwnDate({ kind: 'register', register: 'r', good: [] }, event(REGISTER_ENTRY_KIND, '2026-03-28T10:00:00Z', { register: 'r' }))).toBe(true);
  });
});

describe('foldDay on a very busy day', () => {
  it('folds 200 000 events of one day without overflowing the call stack', () => {
    const start = Date.parse('2026-03-06T08:00:00Z');
    const calls = Array.from({ length: 200_000 }, (_, i) => event('call.answered', new Date(start + i * 100).toISOString(), { outcome: 'ok' }));
    const ratio: Measure = { kind: 'ratio', total: { kind: 'call.answered' }, good: [{ attribute: 'outcome', op: '=', value: 'ok' }] };
    expect(foldDay(ratio, '2026-03-06', calls, context)).toMatchObject({ good: 200_000, total: 200_000, lastAt: new Date(start + 199_999 * 100).toISOString() });
    // The ends of 200 000 requests, each received a minute earlier.
    const ends = calls.map((call, i) => ({ ...call, id: `p${i}`, kind: 'request.published', subject: `s${i}` }));
    const startsBySubject = new Map(calls.map((call, i) => [`s${i}`, new Date(call.occurredAt.getTime() - 60_000)]));
    const duration: Measure = { kind: 'duration', start: { kind: 'request.received' }, end: { kind: 'request.published' }, unit: 'minutes', statistic: 'max' };
    expect(foldDay(duration, '2026-03-06', ends, { ...context, startsBySubject })).toMatchObject({ total: 200_000, max: 1 });
  });
});
