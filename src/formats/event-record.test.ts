import { describe, expect, it } from 'vitest';
import { EVENT_LIMITS } from '../domain/events/event-limits.ts';
import { eventFromRecord, parseInstant, quote } from './event-record.ts';

const context = { line: 7, file: 'events.ndjson', attributeField: (name: string) => `attributes.${name}` };
const record = (overrides: Partial<Parameters<typeof eventFromRecord>[0]> = {}) => ({
  id: 'e-1',
  source: 'contact-centre',
  kind: 'call.answered',
  subject: null,
  occurredAt: '2026-03-01T10:15:00+01:00',
  attributes: new Map<string, unknown>(),
  ...overrides,
});

describe('reading an instant', () => {
  it.each([
    ['2026-03-01T10:15:00+01:00', '2026-03-01T09:15:00.000Z'],
    ['2026-03-01T10:15:00Z', '2026-03-01T10:15:00.000Z'],
    ['2026-03-01t10:15z', '2026-03-01T10:15:00.000Z'],
    ['2026-07-01 08:00:00.1234+02:00', '2026-07-01T06:00:00.123Z'],
    ['2026-07-01T08:00:00-0530', '2026-07-01T13:30:00.000Z'],
    ['2026-07-01T08:00+02', '2026-07-01T06:00:00.000Z'],
    ['2024-02-29T23:59:59Z', '2024-02-29T23:59:59.000Z'],
    // The canonical form, read natively: the same instants as the long way.
    ['2025-12-31T23:04:10.000Z', '2025-12-31T23:04:10.000Z'],
    ['2026-02-28T23:59:59.9+17:59', '2026-02-28T06:00:59.900Z'],
    ['2026-03-29T02:30:00.25-03:30', '2026-03-29T06:00:00.250Z'],
    ['0999-01-01T00:00:00Z', '0999-01-01T00:00:00.000Z'],
    ['2026-10-25T02:30:00+02:00', '2026-10-25T00:30:00.000Z'],
    ['1000-01-01T00:00:00.000Z', '1000-01-01T00:00:00.000Z'],
    ['2026-03-01T10:15:00.000+01:00', '2026-03-01T09:15:00.000Z'],
    ['2026-03-01T10:15:00.1234Z', '2026-03-01T10:15:00.123Z'],
    ['2026-03-28T00:00:00.05-00:30', '2026-03-28T00:30:00.050Z'],
  ])('reads %s as %s', (text, iso) => {
    const instant = parseInstant(text);
    expect(instant).toBeInstanceOf(Date);
    expect((instant as Date).toISOString()).toBe(iso);
  });

  it.each([
    ['2026-13-01', /'2026-13-01' is not an ISO 8601 instant with offset: a date alone/],
    ['2026-03-01T10:15:00', /no UTC offset, so the time is ambiguous; add Z/],
    ['2026-13-01T10:15:00Z', /month 13 does not exist/],
    ['2025-02-29T10:15:00Z', /day 29 does not exist in 2025-02/],
    ['2026-02-30T10:15:00.000Z', /day 30 does not exist in 2026-02/],
    ['2026-04-31T10:15:00+02:00', /day 31 does not exist in 2026-04/],
    ['2026-03-00T10:15:00Z', /day 00 does not exist/],
    ['2026-00-10T10:15:00Z', /month 00 does not exist/],
    ['2026-03-01T24:00:00.000Z', /hour 24 does not exist/],
    ['2026-03-01T10:15:60Z', /second 60 does not exist/],
    ['2026-03-01T10:15:00+01:60', /the offset \+01:60 is not a real UTC offset/],
    ['2026-03-01T24:00:00Z', /hour 24 does not exist/],
    ['2026-03-01T10:60:00Z', /minute 60 does not exist/],
    ['2026-03-01T10:15:00+19:00', /the offset \+19:00 is not a real UTC offset/],
    ['2026-03-01T10:15:60.000Z', /second 60 does not exist/],
    ['2026-03-01T10:99:00.000+01:00', /minute 99 does not exist/],
    ['2026-03-01T10:15:00.Z', /'2026-03-01T10:15:00\.Z' is not an ISO 8601 instant with offset \(e\.g\./],
    ['2026-03-01T10:15:00.000+0a:00', /is not an ISO 8601 instant with offset \(e\.g\./],
    ['1 marzo 2026', /'1 marzo 2026' is not an ISO 8601 instant with offset \(e\.g\./],
    ['', /missing/],
  ])('refuses %j', (text, message) => {
    expect(parseInstant(text)).toEqual({ problem: expect.stringMatching(message) });
  });

  it('reads canonical instants to the same time as the platform does, over every month, hour and offset', () => {
    const offsets = ['Z', '+00:00', '+01:00', '-01:00', '+05:30', '-09:45', '+14:00', '-12:00'];
    for (let month = 1; month <= 12; month += 1) {
      for (const day of [1, 15, 28]) {
        for (let hour = 0; hour < 24; hour += 5) {
          for (const [index, offset] of offsets.entries()) {
            const fraction = ['', '.5', '.05', '.123'][index % 4];
            const text = `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:${String(index * 7).padStart(2, '0')}:59${fraction}${offset}`;
            expect((parseInstant(text) as Date).getTime(), text).toBe(Date.parse(text));
          }
        }
      }
    }
  });

  it("keeps the instant's text for storage only when it is already in Date.toISOString's form", () => {
    const texts = ['2026-03-01T09:15:00.000Z', '2024-02-29T23:59:59.999Z', '0999-12-31T23:00:00.000Z', '2026-03-01 09:15:00.000Z', '2026-03-01T09:15:00.00Z', '2026-03-01T10:15:00.000+01:00', '2026-03-01t09:15:00.000z'];
    const kept = texts.map((occurredAt) => {
      const row = eventFromRecord(record({ occurredAt }), context);
      expect(row.event, occurredAt).toBeDefined();
      if (row.occurredAtIso !== undefined) expect(row.occurredAtIso).toBe(row.event?.occurredAt.toISOString());
      return row.occurredAtIso;
    });
    expect(kept).toEqual(['2026-03-01T09:15:00.000Z', '2024-02-29T23:59:59.999Z', '0999-12-31T23:00:00.000Z', undefined, undefined, undefined, undefined]);
  });

  it('refuses a number, as a spreadsheet date would be, saying to write text', () => {
    expect(parseInstant(46082.5)).toEqual({ problem: expect.stringMatching(/Excel date\?\) has no offset/) });
  });
});

describe('building an event from a record', () => {
  it('builds the event with trimmed keys, the default source and typed attributes', () => {
    const row = eventFromRecord(
      record({ id: ' 42 ', source: undefined, subject: 7, attributes: new Map<string, unknown>([['ok', true], ['wait', 12.5], ['note', null]]) }),
      { ...context, defaultSource: 'feed' },
    );
    expect(row).toEqual({
      line: 7,
      file: 'events.ndjson',
      event: { id: '42', source: 'feed', kind: 'call.answered', subject: '7', occurredAt: new Date('2026-03-01T09:15:00Z'), attributes: { ok: true, wait: 12.5, note: null } },
    });
  });

  it.each([
    [{ id: '' }, 'id', /missing/],
    [{ id: { a: 1 } }, 'id', /is not a text/],
    [{ source: '' }, 'source', /no default source was given \(--source\)/],
    [{ kind: 'Call Answered' }, 'kind', /'Call Answered' is not a dotted lower-case name/],
    [{ kind: undefined }, 'kind', /missing/],
    [{ subject: ['a'] }, 'subject', /is not a text/],
    [{ occurredAt: '2026-03-01T10:15' }, 'occurredAt', /no UTC offset/],
    [{ attributes: new Map<string, unknown>([['nested', { a: 1 }]]) }, 'attributes.nested', /is not a text, a number, true\/false or null/],
    [{ attributes: new Map<string, unknown>([['__proto__', 1]]) }, 'attributes.__proto__', /reserved name/],
  ])('refuses %j, naming the field %s', (overrides, field, message) => {
    const row = eventFromRecord(record(overrides), context);
    expect(row.event).toBeUndefined();
    expect(row.error).toEqual({ line: 7, field, message: expect.stringMatching(message) });
  });
});

describe('the limits of one event', () => {
  const attributes = (count: number, value: unknown = 1) => new Map<string, unknown>(Array.from({ length: count }, (_, index) => [`a${index}`, value]));

  it('takes an event at every limit', () => {
    const row = eventFromRecord(
      record({
        id: 'i'.repeat(EVENT_LIMITS.keyLength),
        kind: `k.${'x'.repeat(EVENT_LIMITS.kindLength - 2)}`,
        attributes: new Map<string, unknown>([...attributes(EVENT_LIMITS.attributes - 1), ['n'.repeat(EVENT_LIMITS.attributeNameLength), 't'.repeat(EVENT_LIMITS.textLength)]]),
      }),
      context,
    );
    expect(row.error).toBeUndefined();
  });

  it.each([
    ['an id too long', { id: 'i'.repeat(EVENT_LIMITS.keyLength + 1) }, 'id', /is 501 characters long; at most 500/],
    ['a kind too long', { kind: `k.${'x'.repeat(EVENT_LIMITS.kindLength)}` }, 'kind', /is 102 characters long; at most 100/],
    ['too many attributes', { attributes: attributes(EVENT_LIMITS.attributes + 1) }, 'attributes', /has 51 attributes; at most 50/],
    ['a text too long', { attributes: new Map([['note', 't'.repeat(EVENT_LIMITS.textLength + 1)]]) }, 'attributes.note', /is 501 characters long; at most 500/],
    ['a name too long', { attributes: new Map([['n'.repeat(5000), 1]]) }, `attributes.${'n'.repeat(100)}…`, /the name is 5000 characters long; at most 100/],
    ['a list', { attributes: new Map([['deep', JSON.parse(`${'['.repeat(5000)}${']'.repeat(5000)}`)]]) }, 'attributes.deep', /^\[\[\[\[\[\[\[\[\[…\]\]\]\]\]\]\]\]\] is not a text/],
  ])('refuses %s on its field', (_what, overrides, field, message) => {
    const row = eventFromRecord(record(overrides), context);
    expect(row.error).toEqual({ line: 7, field, message: expect.stringMatching(message) });
    expect(row.error!.message.length).toBeLessThan(200);
  });

  it('counts the attributes of a parsed JSON object too, without copying it', () => {
    const object = Object.fromEntries(attributes(EVENT_LIMITS.attributes + 1));
    expect(eventFromRecord(record({ attributes: object }), context).error).toMatchObject({ field: 'attributes', message: expect.stringMatching(/at most 50/) });
  });
});

describe('showing a value in a message', () => {
  it.each([
    ['a long text, cut', 'x'.repeat(1_000_000), `'${'x'.repeat(60)}…'`],
    ['a cut that would split a surrogate pair', `${'x'.repeat(59)}😀tail`, `'${'x'.repeat(59)}…'`],
    ['control characters and a lone surrogate, escaped', 'a\u0000b\u001b[2J\ud800', "'a\\u0000b\\u001b[2J\\ud800'"],
    ['an invalid date', new Date(Number.NaN), 'an invalid date'],
    ['lists nested thousands deep', JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`), `${'['.repeat(9)}…${']'.repeat(9)}`],
    ['a wide list', Array.from({ length: 100_000 }, (_, index) => index), '[0,1,2,3,4,5,6,7,8,9,10,11,…]'],
    ['objects nested deep', JSON.parse(`${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`), `${'{"a":'.repeat(8)}{…}${'}'.repeat(8)}`],
    ['numbers JSON cannot write', Number.POSITIVE_INFINITY, 'Infinity'],
    ['a big integer', 10n ** 30n, '1000000000000000000000000000000'],
  ])('shows %s, briefly', (_what, value, shown) => {
    expect(quote(value)).toBe(shown);
  });
});

