import { describe, expect, it } from 'vitest';
import { UserError } from '../shared/errors.ts';
import { eventOfOutcome, judgeHttpAnswer, nextSlotAfter, offsetOf, parseProbe, slotOf } from './probe.ts';

describe('parseProbe', () => {
  it('reads a probe as written, with the defaults filled in', () => {
    expect(parseProbe({ name: 'portale', target: 'https://www.example.gov.it' })).toEqual({
      name: 'portale',
      kind: 'http',
      target: 'https://www.example.gov.it/',
      intervalSeconds: 60,
      timeoutSeconds: 10,
      retries: 1,
      expect: { statusMin: 200, statusMax: 399, keyword: null, keywordAbsent: null, maxResponseMs: null, certMinDays: null },
      paused: false,
    });
    expect(parseProbe({ name: 'pec', kind: 'tcp', target: 'pec.example.gov.it:465', interval: '300', timeout: '5', retries: '0' })).toMatchObject({ kind: 'tcp', intervalSeconds: 300, retries: 0 });
    expect(parseProbe({ name: 'dns', kind: 'dns', target: 'WWW.Example.gov.it' }).target).toBe('www.example.gov.it');
    expect(parseProbe({ name: 'p', target: 'http://x.it', status: '200-299', keyword: 'Benvenuti', maxResponseMs: '2000' }).expect).toMatchObject({ statusMin: 200, statusMax: 299, keyword: 'Benvenuti', maxResponseMs: 2000 });
  });

  it.each([
    [{ name: 'Portale!', target: 'https://x.it' }, 'name'],
    [{ name: 'p', kind: 'ping', target: 'x.it' }, 'kind'],
    [{ name: 'p', target: 'www.example.gov.it' }, 'target'],
    [{ name: 'p', target: 'ftp://x.it' }, 'target'],
    [{ name: 'p', kind: 'tcp', target: 'x.it' }, 'target'],
    [{ name: 'p', kind: 'tcp', target: 'x.it:70000' }, 'target'],
    [{ name: 'p', kind: 'dns', target: 'not a host' }, 'target'],
    [{ name: 'p', target: 'https://x.it', interval: '5' }, 'interval'],
    [{ name: 'p', target: 'https://x.it', interval: '30', timeout: '30' }, 'timeout'],
    [{ name: 'p', target: 'https://x.it', retries: '9' }, 'retries'],
    [{ name: 'p', target: 'https://x.it', status: '2xx' }, 'status'],
    [{ name: 'p', target: 'http://x.it', certMinDays: '30' }, 'cert-min-days'],
    [{ name: 'p', kind: 'tcp', target: 'x.it:80', keyword: 'ok' }, 'kind'],
  ])('refuses %j naming the field %s', (input, field) => {
    const error = (() => {
      try {
        parseProbe(input);
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).where?.field).toBe(field);
  });
});

describe('slots', () => {
  const probe = { name: 'portale', intervalSeconds: 60 };

  it('gives every instant of a slot the same start, and the next slot one interval later', () => {
    const slot = slotOf(probe, new Date('2026-03-02T10:00:30Z'));
    expect(slotOf(probe, slot)).toEqual(slot);
    expect(slotOf(probe, new Date(slot.getTime() + 59_999))).toEqual(slot);
    expect(slotOf(probe, new Date(slot.getTime() + 60_000)).getTime()).toBe(slot.getTime() + 60_000);
    expect(nextSlotAfter(probe, new Date(slot.getTime() + 1)).getTime()).toBe(slot.getTime() + 60_000);
  });

  it('spreads probes of the same interval over it, the same way after a restart', () => {
    const offsets = Array.from({ length: 500 }, (_, i) => offsetOf(`target-${i}`, 30));
    expect(offsets.every((offset) => offset >= 0 && offset < 30_000)).toBe(true);
    // 500 probes over 30 s: no second holds more than a few dozen starts.
    const perSecond = new Map<number, number>();
    for (const offset of offsets) perSecond.set(Math.floor(offset / 1000), (perSecond.get(Math.floor(offset / 1000)) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThan(40);
    expect(perSecond.size).toBe(30);
    expect(offsetOf('target-7', 30)).toBe(offsets[7]);
  });
});

describe('eventOfOutcome', () => {
  it('makes a check event whose id is the probe and its slot, so a slot checked twice is one event', () => {
    const probe = parseProbe({ name: 'portale', target: 'https://www.example.gov.it/' });
    const slot = new Date('2026-03-02T10:00:00Z');
    const event = eventOfOutcome(probe, slot, { startedAt: new Date('2026-03-02T10:00:00.250Z'), ok: false, latencyMs: 12.4, attempts: 2, status: 503, error: 'status 503' });
    expect(event).toEqual({
      id: 'portale@2026-03-02T10:00:00.000Z',
      source: 'probes',
      kind: 'check.http',
      subject: 'portale',
      occurredAt: new Date('2026-03-02T10:00:00.250Z'),
      attributes: { monitor: 'portale', target: 'https://www.example.gov.it/', ok: false, latencyMs: 12, attempts: 2, status: 503, error: 'status 503' },
    });
  });
});

describe('judgeHttpAnswer', () => {
  const expectation = parseProbe({ name: 'p', target: 'https://x.it', keyword: 'Benvenuti', keywordAbsent: 'manutenzione', maxResponseMs: '1000', certMinDays: '14' }).expect;
  const good = { status: 200, body: 'Benvenuti nel portale', latencyMs: 300, certDaysLeft: 90 };

  it.each([
    ['a good answer', good, null],
    ['a server error', { ...good, status: 503 }, 'status 503'],
    ['a page without the keyword', { ...good, body: 'Errore' }, '"Benvenuti" not found'],
    ['a maintenance page', { ...good, body: 'Benvenuti: sito in manutenzione' }, '"manutenzione" found'],
    ['a slow answer', { ...good, latencyMs: 1500 }, 'answered in 1500 ms, over 1000 ms'],
    ['a certificate about to expire', { ...good, certDaysLeft: 3 }, 'certificate expires in 3 days, fewer than 14'],
  ])('judges %s', (_name, answer, expected) => {
    expect(judgeHttpAnswer(expectation, answer)).toBe(expected);
  });
});
