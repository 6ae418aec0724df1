import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useInstancesOnPostgres } from '../../../test/instances.ts';
import { KIT_INDICATORS, storeKit } from '../../actions/events.test-kit.ts';
import { buildApp } from '../app.ts';
import { ndjson, postEvents } from './api.test-kit.ts';

/** One event of a feed, the same content every time its id is sent. */
type FeedEvent = Record<string, unknown> & { id: string };

const MINUTE = 60_000;
const START = Date.parse('2026-01-05T07:00:00Z');
// The clock of both instances: after the last event sent (the feeds run into 2027), which the event window requires.
const NOW = new Date('2027-06-01T12:00:00Z');

/** The kit's feeds: each source sends its own kinds, `size` events each, ids in time order. */
const FEEDS: Record<string, (n: number) => FeedEvent> = {
  probe: (n) => ({ id: `chk-${n}`, kind: 'check.http', occurredAt: new Date(START + n * 41 * MINUTE).toISOString(), attributes: { ok: n % 7 !== 0 } }),
  'contact-centre': (n) => ({ id: `call-${n}`, kind: 'call.received', occurredAt: new Date(START + n * 53 * MINUTE).toISOString(), attributes: { answered: n % 5 !== 0 } }),
  // Opened and closed in turn: a request's two ends often travel in different batches, or to different instances.
  'help-desk': (n) => {
    const request = Math.floor(n / 2);
    const opened = START + request * 97 * MINUTE;
    return n % 2 === 0
      ? { id: `open-${request}`, kind: 'request.opened', subject: `REQ-${request}`, occurredAt: new Date(opened).toISOString() }
      : { id: `close-${request}`, kind: 'request.closed', subject: `REQ-${request}`, occurredAt: new Date(opened + (request % 9) * 24 * 60 * MINUTE).toISOString() };
  },
  staff: (n) => ({ id: `staff-${n}`, kind: 'staff.recorded', occurredAt: new Date(START + n * 24 * 60 * MINUTE).toISOString(), attributes: { value: 14 + (n % 4) } }),
};

/** The kit's indicators these feeds measure. */
const MEASURED = ['chiamate-risposte', 'portale', 'tempi-risposta', 'operatori'];

const EVENTS_PER_FEED = 480;
const BATCH = 120;
const STEP = 60;

describe('two server instances on one PostgreSQL database', () => {
  const { ctx, open } = useInstancesOnPostgres();

  const openInstance = async (url: string) => {
    const context = await open({ MISURA_DB_URL: url }, () => NOW);
    const app = buildApp(context.actions, { logger: false, now: () => NOW, rateLimitPerMinute: false, api: { ingestRequestsPerMinute: false } });
    return { context, app };
  };

  it('store each event once, count each source exactly and give the report a fresh rebuild gives, when overlapping batches reach both at once', async () => {
    const url = await ctx.freshUrl();
    const seeded = await ctx.open(url);
    await storeKit(seeded, KIT_INDICATORS.filter(({ slug }) => MEASURED.includes(slug)));
    const first = await openInstance(url);
    const second = await openInstance(url);
    const instances = [first, second];

    // Overlapping windows of each feed (every event in two of them), alternately to one instance and the other, every
    // other one newest first (so two ingestions lock shared keys in opposite orders), every third one to both. Every
    // source is new to the database: its first batches reach both instances together.
    const requests: { instance: number; source: string; body: string; events: number }[] = [];
    const tokens = new Map<string, string>();
    for (const [source, eventOf] of Object.entries(FEEDS)) {
      tokens.set(source, (await first.context.actions.createApiToken({ source })).token);
      for (let from = 0, window = 0; from < EVENTS_PER_FEED; from += STEP, window += 1) {
        const ids = Array.from({ length: Math.min(BATCH, EVENTS_PER_FEED - from) }, (_, index) => from + index);
        const body = ndjson(...(window % 2 === 1 ? ids.reverse() : ids).map(eventOf));
        requests.push({ instance: window % 2, source, body, events: ids.length });
        if (window % 3 === 0) requests.push({ instance: (window + 1) % 2, source, body, events: ids.length });
      }
    }

    const responses = await Promise.all(requests.map(({ instance, source, body }) => postEvents(instances[instance]!.app, tokens.get(source), body)));
    expect(responses.filter((response) => response.statusCode !== 200).map((response) => `${response.statusCode} ${response.body}`)).toEqual([]);
    const summaries = responses.map((response) => response.json<{ accepted: number; duplicates: number; corrected: number; rejected: unknown[] }>());
    const sent = requests.reduce((sum, request) => sum + request.events, 0);
    const unique = Object.keys(FEEDS).length * EVENTS_PER_FEED;
    // Each event accepted exactly once, every other copy a duplicate, none taken for a correction.
    expect(summaries.reduce((sum, summary) => sum + summary.accepted, 0)).toBe(unique);
    expect(summaries.reduce((sum, summary) => sum + summary.duplicates, 0)).toBe(sent - unique);
    expect(summaries.every((summary) => summary.corrected === 0 && summary.rejected.length === 0)).toBe(true);

    // Both apps finish the drains their ingestions scheduled.
    await Promise.all(instances.map(({ app }) => app.close()));
    const stored = await sql<{ count: number }>`select count(*) as count from events`.execute(seeded.db);
    expect(stored.rows[0]?.count).toBe(unique);
    for (const { context } of instances) {
      expect((await context.actions.listSources()).map(({ name, eventCount }) => ({ name, eventCount }))).toEqual(
        Object.keys(FEEDS)
          .sort()
          .map((name) => ({ name, eventCount: EVENTS_PER_FEED })),
      );
    }

    const request = { year: 2026, granularity: 'month' } as const;
    const [fromFirst, fromSecond] = await Promise.all(instances.map(({ context }) => context.actions.getReport(request)));
    expect(fromSecond).toEqual(fromFirst);
    // Every indicator has data: a report of empty rollups would match a rebuild trivially.
    expect(fromFirst?.map((report) => [report.indicator.slug, report.year.value !== null])).toEqual(MEASURED.map((slug) => [slug, true]));

    // A single instance recomputing every rollup from the stored events finds the same numbers.
    await first.context.actions.rebuildRollups();
    const fresh = await openInstance(url);
    expect(await fresh.context.actions.getReport(request)).toEqual(fromFirst);
  });
});
