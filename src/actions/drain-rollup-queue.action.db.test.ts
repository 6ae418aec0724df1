import { expect, it } from 'vitest';
import type { Database } from '../storage/database.ts';
import { readDataVersion, readRollupEpoch } from '../storage/repositories/data-version.repository.ts';
import { listRollups } from '../storage/repositories/rollup.repository.ts';
import { enqueueRollupDays, hasQueuedRollupDays, listQueuedRollupDays } from '../storage/repositories/rollup-queue.repository.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import { row, rows, storeKit, T0 } from './events.test-kit.ts';
import { drainRollupQueue, type DrainSummary } from './drain-rollup-queue.action.ts';
import { getReport } from './get-report.action.ts';
import { ingestEvents } from './ingest-events.action.ts';
import { overrideComparator } from './override-comparator.action.ts';
import { rebuildRollups } from './rebuild-rollups.action.ts';

const deps = (database: Database) => ({ database, now: () => T0 });

/** Calls over ten days, answered or not, then corrections and a duration whose start arrives after its end. */
function batches() {
  const calls = Array.from({ length: 600 }, (_, i) =>
    row(i + 1, { id: `c${i}`, kind: 'call.received', at: new Date(Date.UTC(2026, 1, 20) + i * 1_440_000).toISOString(), attributes: { answered: i % 5 !== 0 } }),
  );
  return [
    calls.slice(0, 300),
    calls.slice(300),
    rows(
      { id: 'c3', kind: 'call.received', at: '2026-03-05T09:00:00+01:00', attributes: { answered: false } },
      { id: 'e1', kind: 'request.closed', subject: 'REQ-1', at: '2026-03-04T09:00:00+01:00' },
      { id: 'x1', kind: 'disruption', at: '2026-02-23T10:00:00+01:00' },
    ),
    rows({ id: 's1', kind: 'request.opened', subject: 'REQ-1', at: '2026-02-27T09:00:00+01:00' }),
  ];
}

/** The kit's cards and measures, with every batch ingested in partial mode: their days queued, no rollup written. */
async function queuedKit(ctx: { openFresh(): Promise<Database> }): Promise<{ database: Database; service: string }> {
  const database = await ctx.openFresh();
  const service = await storeKit(database);
  for (const batch of batches()) await ingestEvents(deps(database), batch, { mode: 'partial' });
  return { database, service };
}

/** The rollups left now are exactly those a full rebuild from the events computes. */
async function expectSameAsRebuild(database: Database): Promise<void> {
  const drained = await listRollups(database.db);
  await rebuildRollups({ database });
  expect(await listRollups(database.db)).toEqual(drained);
}

describeEachDialect('draining the rollup queue', (ctx) => {
  it('leaves, after partial ingestions and one drain, exactly the rollups a full rebuild computes', async () => {
    const { database } = await queuedKit(ctx);
    expect(await listRollups(database.db)).toEqual([]);
    expect(await hasQueuedRollupDays(database.db)).toBe(true);
    const before = await readDataVersion(database.db);

    const summary = await drainRollupQueue(deps(database));
    expect(summary.days).toBeGreaterThan(10);
    expect(await hasQueuedRollupDays(database.db)).toBe(false);
    expect(await readDataVersion(database.db)).toBe(before + 1);
    await expectSameAsRebuild(database);
  });

  it('with nothing queued writes nothing, not even the data version', async () => {
    const database = await ctx.openFresh();
    await storeKit(database);
    const before = await readDataVersion(database.db);
    expect(await drainRollupQueue(deps(database))).toEqual({ indicators: 0, days: 0, faults: 0 });
    expect(await readDataVersion(database.db)).toBe(before);
  });

  it('shares one drain between callers that ask while it waits, and drops days of indicators without a measure', async () => {
    const database = await ctx.openFresh();
    await storeKit(database);
    await ingestEvents(deps(database), batches()[0] ?? [], { mode: 'partial' });
    await enqueueRollupDays(database.db, [{ indicatorId: 999_999, date: '2026-03-01' }]);
    const [first, second] = await Promise.all([drainRollupQueue(deps(database)), drainRollupQueue(deps(database))]);
    expect(second).toBe(first);
    expect(first.days).toBeGreaterThan(0);
    expect(await hasQueuedRollupDays(database.db)).toBe(false);
  });

  it('after a crash between the acknowledgement and the drain, the next report recomputes the queued days first', async () => {
    const database = await ctx.openFresh();
    await storeKit(database);
    // The process "dies" right after the commit: the queue rows stay, no rollup was written.
    for (const batch of batches()) await ingestEvents(deps(database), batch, { mode: 'partial' });
    expect(await listRollups(database.db)).toEqual([]);

    const report = await getReport(deps(database), { year: 2026, granularity: 'month' });
    expect(await hasQueuedRollupDays(database.db)).toBe(false);
    expect(report.some((indicator) => indicator.year.status !== 'no-data')).toBe(true);
    await expectSameAsRebuild(database);
  });

  it('starts a round again when another writer wrote rollups between its read and its write, ending as a full rebuild', async () => {
    const { database } = await queuedKit(ctx);
    const attempts: number[] = [];
    // An all-or-nothing ingestion writes its days' rollups itself and queues nothing: had the drain written what it
    // folded before these calls existed, the answered share of 2026-02-20 would miss them.
    const late = Array.from({ length: 5 }, (_, i) =>
      row(i + 1, { id: `late${i}`, kind: 'call.received', at: `2026-02-20T1${i}:30:00+01:00`, attributes: { answered: false } }),
    );
    const summary = await drainRollupQueue({
      ...deps(database),
      betweenPhases: async (attempt) => {
        attempts.push(attempt);
        if (attempt === 1) await ingestEvents(deps(database), late, { mode: 'all-or-nothing' });
      },
    });
    expect(attempts).toEqual([1, 2]);
    expect(summary.days).toBeGreaterThan(10);
    expect(await hasQueuedRollupDays(database.db)).toBe(false);
    await expectSameAsRebuild(database);
  });

  it('folds again when a target changes between its read and its write, since the fold used the old definitions', async () => {
    const { database, service } = await queuedKit(ctx);
    const attempts: number[] = [];
    await drainRollupQueue({
      ...deps(database),
      betweenPhases: async (attempt) => {
        attempts.push(attempt);
        if (attempt === 1) {
          await overrideComparator(deps(database), { service, edition: '2026', indicator: 'tempi-risposta', comparator: '>=', reason: 'test' });
        }
      },
    });
    expect(attempts).toEqual([1, 2]);
    expect(await hasQueuedRollupDays(database.db)).toBe(false);
  });

  it('after three rounds spoilt by other writers does the round under the write lock, still ending as a full rebuild', async () => {
    const { database } = await queuedKit(ctx);
    const attempts: number[] = [];
    await drainRollupQueue({
      ...deps(database),
      betweenPhases: async (attempt) => {
        attempts.push(attempt);
        await ingestEvents(deps(database), [row(attempt, { id: `spoil${attempt}`, kind: 'disruption', at: `2026-02-2${attempt}T10:00:00+01:00` })], { mode: 'all-or-nothing' });
      },
    });
    expect(attempts).toEqual([1, 2, 3]);
    expect(await hasQueuedRollupDays(database.db)).toBe(false);
    await expectSameAsRebuild(database);
  });

  it('gives way to another drainer (another connection) that drained the same rows between its read and its write', async () => {
    const url = await ctx.freshUrl();
    const database = await ctx.open(url);
    const other = await ctx.open(url);
    await storeKit(database);
    for (const batch of batches()) await ingestEvents(deps(database), batch, { mode: 'partial' });
    const epoch = await readRollupEpoch(database.db);
    let otherSummary: DrainSummary | undefined;
    const attempts: number[] = [];
    const summary = await drainRollupQueue({
      ...deps(database),
      betweenPhases: async (attempt) => {
        attempts.push(attempt);
        otherSummary ??= await drainRollupQueue(deps(other));
      },
    });
    // The other drainer moved the epoch, so this one read again, found the rows gone and wrote nothing.
    expect(attempts).toEqual([1]);
    expect(summary).toEqual({ indicators: 0, days: 0, faults: 0 });
    expect(otherSummary?.days).toBeGreaterThan(10);
    expect(await readRollupEpoch(database.db)).toBeGreaterThan(epoch);
    await expectSameAsRebuild(database);
  });

  it('leaves rows queued during a drain for the next call, which drains them', async () => {
    const database = await ctx.openFresh();
    await storeKit(database);
    const [first = [], second = []] = batches();
    await ingestEvents(deps(database), first, { mode: 'partial' });
    let queuedMeanwhile: number[] = [];
    await drainRollupQueue({
      ...deps(database),
      betweenPhases: async () => {
        const before = new Set((await listQueuedRollupDays(database.db, 100_000)).map((queued) => queued.id));
        await ingestEvents(deps(database), second, { mode: 'partial' });
        queuedMeanwhile = (await listQueuedRollupDays(database.db, 100_000)).map((queued) => queued.id).filter((id) => !before.has(id));
      },
    });
    expect(queuedMeanwhile.length).toBeGreaterThan(0);
    expect((await listQueuedRollupDays(database.db, 100_000)).map((queued) => queued.id)).toEqual(queuedMeanwhile);

    expect((await drainRollupQueue(deps(database))).days).toBeGreaterThan(0);
    expect(await hasQueuedRollupDays(database.db)).toBe(false);
    await expectSameAsRebuild(database);
  });
});

describeEachDialect('a drain that meets a day it cannot compute', (ctx) => {
  it('degrades that one indicator, says why in the report, drains the rest, and a rebuild after the fix clears it', async () => {
    const database = await ctx.openFresh();
    await storeKit(database);
    // A request opened and closed in 1999: a day whose holidays are not known, stored (say) before the event window
    // existed, so working days cannot be counted for it. Written straight to the tables, as such a row would be.
    const legacy = [
      { event_id: 'old-open', kind: 'request.opened', occurred_at: '1999-12-20T09:00:00.000Z', local_date: '1999-12-20' },
      { event_id: 'old-close', kind: 'request.closed', occurred_at: '1999-12-28T09:00:00.000Z', local_date: '1999-12-28' },
    ];
    await database.db
      .insertInto('events')
      .values(legacy.map((e) => ({ ...e, source: 'feed', subject: 'REQ-OLD', attributes_json: '{}', received_at: T0.toISOString() })))
      .execute();
    const ids = await database.db.selectFrom('indicators').select(['id', 'slug']).execute();
    const idOf = (slug: string) => Number(ids.find((row) => row.slug === slug)?.id);
    await enqueueRollupDays(database.db, [{ indicatorId: idOf('tempi-risposta'), date: '1999-12-28' }]);
    await ingestEvents(deps(database), rows({ id: 'c1', kind: 'call.received', at: '2026-03-02T10:00:00+01:00', attributes: { answered: true } }), { mode: 'partial' });

    const summary = await drainRollupQueue(deps(database));
    expect(summary).toMatchObject({ faults: 1, indicators: 1 });
    expect(await hasQueuedRollupDays(database.db)).toBe(false);

    const reports = await getReport(deps(database), { year: 2026, granularity: 'month' });
    const faulty = reports.find((report) => report.indicator.slug === 'tempi-risposta');
    expect(faulty?.fault?.reason).toMatch(/holidays are known for the years 2001/);
    expect(faulty?.fault?.since).toBe(T0.toISOString());
    expect(faulty?.year.status).toBe('no-data');
    expect(reports.find((report) => report.indicator.slug === 'chiamate-risposte')?.year.value).toBe(100);
    expect(reports.filter((report) => report.fault !== undefined)).toHaveLength(1);

    // The bad rows removed, a rebuild computes the indicator again and its fault is over.
    await database.db.deleteFrom('events').where('subject', '=', 'REQ-OLD').execute();
    await rebuildRollups({ database });
    const after = await getReport(deps(database), { year: 2026, granularity: 'month' });
    expect(after.find((report) => report.indicator.slug === 'tempi-risposta')?.fault).toBeUndefined();
  });
});
