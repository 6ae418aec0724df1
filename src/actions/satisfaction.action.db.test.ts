import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.ts';
import { newTarget } from '../../test/factories.ts';
import type { Database } from '../storage/database.ts';
import { findEventsByIds } from '../storage/repositories/event.repository.ts';
import { storeKit, type KitIndicator } from './events.test-kit.ts';
import { getReport } from './get-report.action.ts';
import {
  issueSatisfactionToken,
  REASON_RETENTION_DAYS,
  listSatisfactionReasons,
  recordSatisfactionVote,
  SATISFACTION_EVENT_KIND,
  SATISFACTION_SOURCE,
  summariseSatisfaction,
  TOKEN_TTL_MS,
  VoteRefusedError,
  type RecordVoteInput,
} from './satisfaction.action.ts';

const T = new Date('2026-03-10T10:00:00Z');
/** "% giudizi positivi" on the web: the documented example measure (docs/events.md). */
const POSITIVE_SHARE: KitIndicator = {
  slug: 'giudizi-positivi',
  target: newTarget({ text: '80%', comparator: '>=', value: 80, unit: 'percent' }),
  measure: {
    kind: 'ratio',
    total: { kind: SATISFACTION_EVENT_KIND, source: SATISFACTION_SOURCE, where: [{ attribute: 'channel', op: '=', value: 'web' }] },
    good: [{ attribute: 'face', op: '=', value: 'positive' }],
  },
};

function depsAt(database: Database, at: Date) {
  return { database, now: () => at };
}

async function vote(database: Database, fields: Partial<RecordVoteInput> & { service: string }, at = T) {
  const token = fields.token ?? (await issueSatisfactionToken(depsAt(database, at), fields.service));
  return recordSatisfactionVote(depsAt(database, at), { channel: 'web', face: 'positive', reason: '', trap: '', clientAddress: '192.0.2.1', ...fields, token });
}

async function refusal(run: Promise<unknown>): Promise<string> {
  try {
    await run;
  } catch (error) {
    if (error instanceof VoteRefusedError) return error.reason;
    if (error instanceof Error && 'where' in error) return `field:${String((error as { where?: { field?: string } }).where?.field)}`;
    throw error;
  }
  return 'accepted';
}

describeEachDialect('satisfaction votes', (ctx) => {
  it('counts a vote once per client, service, channel and day, and each counted vote is an event the ratio measure reads', async () => {
    const database = await ctx.openFresh();
    const service = await storeKit(database, [POSITIVE_SHARE]);
    expect(await vote(database, { service, reason: '  Chiaro e veloce ' })).toEqual({ status: 'counted', service, channel: 'web', face: 'positive' });
    // The same client again today, even with another face: accepted politely, not counted.
    expect((await vote(database, { service, face: 'negative' })).status).toBe('repeat');
    // Another channel, another client, another day: each counts.
    expect((await vote(database, { service, channel: 'sportello', face: 'negative' })).status).toBe('counted');
    expect((await vote(database, { service, face: 'neutral', clientAddress: '192.0.2.2' })).status).toBe('counted');
    expect((await vote(database, { service, face: 'negative' }, new Date('2026-03-11T09:00:00Z'))).status).toBe('counted');

    const summary = await summariseSatisfaction(depsAt(database, T), { year: 2026 });
    expect(summary.latestVoteDay).toBe('2026-03-11');
    expect(summary.services).toHaveLength(1);
    const channels = summary.services[0]?.channels ?? [];
    expect(channels.map((c) => [c.channel, c.counts, c.positiveShare])).toEqual([
      ['web', { positive: 1, neutral: 1, negative: 1 }, 33.3],
      ['sportello', { positive: 0, neutral: 0, negative: 1 }, 0],
    ]);
    expect((await summariseSatisfaction(depsAt(database, T), { year: 2025 })).services).toEqual([]);
    expect((await listSatisfactionReasons(depsAt(database, T), { year: 2026 })).map((r) => r.reason)).toEqual(['Chiaro e veloce']);

    // The indicator: 1 positive web vote out of 3, judged up to yesterday.
    const report = await getReport(depsAt(database, new Date('2026-03-12T09:00:00Z')), { year: 2026, granularity: 'month' });
    const found = report.find((r) => r.indicator.slug === 'giudizi-positivi');
    expect([found?.year.numerator, found?.year.denominator]).toEqual([1, 3]);

    // The raw address is stored nowhere, and the event does not carry the reason.
    const votes = await database.db.selectFrom('satisfaction_votes').selectAll().execute();
    expect(JSON.stringify(votes)).not.toContain('192.0.2');
    const [event] = await findEventsByIds(database.db, SATISFACTION_SOURCE, [votes[0]?.event_id ?? '']);
    expect(event?.event.attributes).toEqual({ service, channel: 'web', face: 'positive' });
  });

  it('refuses, counting nothing, a vote without a token, with a forged, expired or used one, for another service, or with the trap filled in', async () => {
    const database = await ctx.openFresh();
    const service = await storeKit(database, [POSITIVE_SHARE]);
    const token = await issueSatisfactionToken(depsAt(database, T), service);
    expect(await refusal(vote(database, { service, token: ' ' }))).toBe('missing');
    expect(await refusal(vote(database, { service, token: 'abc' }))).toBe('invalid');
    expect(await refusal(vote(database, { service, token: `${token.slice(0, -2)}AA` }))).toBe('invalid');
    expect(await refusal(vote(database, { service: 'altro-servizio', token }))).toBe('invalid');
    expect(await refusal(vote(database, { service, token, trap: 'http://spam.example' }))).toBe('trap');
    expect(await refusal(vote(database, { service, token }, new Date(T.getTime() + TOKEN_TTL_MS + 1000)))).toBe('expired');
    // Three days on, the token's salt is gone: still expired, not forged.
    const later = new Date('2026-03-13T10:00:00Z');
    await issueSatisfactionToken(depsAt(database, later), service);
    expect(await refusal(vote(database, { service, token }, later))).toBe('expired');

    const fresh = await issueSatisfactionToken(depsAt(database, T), service);
    expect(await refusal(vote(database, { service, token: fresh, face: 'felice' }))).toBe('field:face');
    expect(await refusal(vote(database, { service, token: fresh, channel: 'fax' }))).toBe('field:channel');
    expect(await refusal(vote(database, { service, token: fresh, reason: 'x'.repeat(501) }))).toBe('field:reason');
    expect(await refusal(vote(database, { service, token: fresh }))).toBe('accepted');
    expect(await refusal(vote(database, { service, token: fresh, clientAddress: '192.0.2.9' }))).toBe('used');

    const summary = await summariseSatisfaction(depsAt(database, T), { year: 2026 });
    expect(summary.services[0]?.all.total).toBe(1);
    const events = await database.db.selectFrom('events').select('id').where('source', '=', SATISFACTION_SOURCE).execute();
    expect(events).toHaveLength(1);
  });

  it('erases the reasons older than their retention when a vote comes in, keeping the faces counted', async () => {
    const database = await ctx.openFresh();
    const service = await storeKit(database, [POSITIVE_SHARE]);
    await vote(database, { service, reason: 'Mi ha aiutato la signora Rossi.' });
    const later = new Date(T.getTime() + (REASON_RETENTION_DAYS - 1) * 86_400_000);
    await vote(database, { service, clientAddress: '192.0.2.2', reason: 'Tutto bene.' }, later);
    expect((await listSatisfactionReasons(depsAt(database, later), { year: 2026 })).map((r) => r.reason)).toEqual(['Mi ha aiutato la signora Rossi.']);
    const afterAYear = new Date(T.getTime() + (REASON_RETENTION_DAYS + 1) * 86_400_000);
    await vote(database, { service, clientAddress: '192.0.2.3' }, afterAYear);
    expect((await listSatisfactionReasons(depsAt(database, afterAYear), { year: 2026 })).map((r) => r.reason)).toEqual([]);
    expect((await listSatisfactionReasons(depsAt(database, afterAYear), { year: 2027 })).map((r) => r.reason)).toEqual(['Tutto bene.']);
    expect((await summariseSatisfaction(depsAt(database, afterAYear), { year: 2026 })).services.flatMap((s) => s.channels.map((c) => c.total))).toEqual([1]);
  });
});
