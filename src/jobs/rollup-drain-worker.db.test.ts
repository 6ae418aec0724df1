import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ingestEvents } from '../actions/ingest-events.action.ts';
import { rebuildRollups } from '../actions/rebuild-rollups.action.ts';
import { row, storeKit, T0 } from '../actions/events.test-kit.ts';
import { openContext } from '../context.ts';
// The test checks the worker's writes against the tables themselves, as the actions' own tests do.
// eslint-disable-next-line no-restricted-imports
import { openDatabase } from '../storage/database.ts';
// eslint-disable-next-line no-restricted-imports
import { walPages, writeOneRow, writePages } from '../storage/dialects/sqlite-wal.test-kit.ts';
// eslint-disable-next-line no-restricted-imports
import { listRollups } from '../storage/repositories/rollup.repository.ts';
// eslint-disable-next-line no-restricted-imports
import { hasQueuedRollupDays } from '../storage/repositories/rollup-queue.repository.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import { startRollupDrainWorker } from './rollup-drain-worker.ts';

/** Calls over five days from midnight UTC, so six local days in Rome; one in five unanswered. */
const calls = Array.from({ length: 200 }, (_, i) =>
  row(i + 1, { id: `c${i}`, kind: 'call.received', at: new Date(Date.UTC(2026, 1, 20) + i * 2_160_000).toISOString(), attributes: { answered: i % 5 !== 0 } }),
);

describeEachDialect('the rollup drain worker', (ctx) => {
  it('recomputes, in its own thread, the days a partial ingestion queued: the same rollups as a full rebuild', async () => {
    const url = await ctx.freshUrl();
    const database = await ctx.open(url);
    await storeKit(database);
    await ingestEvents({ database, now: () => T0 }, calls, { mode: 'partial' });
    expect(await listRollups(database.db)).toEqual([]);

    const worker = startRollupDrainWorker({ MISURA_DB_URL: url });
    try {
      const [first, second] = await Promise.all([worker.drain(), worker.drain()]);
      expect(second).toBe(first);
      expect(first).toEqual({ indicators: 1, days: 6, faults: 0 });
      expect(await hasQueuedRollupDays(database.db)).toBe(false);
      const drained = await listRollups(database.db);
      expect(drained).toHaveLength(6);
      await rebuildRollups({ database });
      expect(await listRollups(database.db)).toEqual(drained);
      expect(await worker.drain()).toEqual({ indicators: 0, days: 0, faults: 0 });
    } finally {
      await worker.close();
    }
    await expect(worker.drain()).rejects.toThrow(/drain worker is closed/);
  });

  it("rejects a drain that fails in the worker with the worker's message, and serves the next one", async () => {
    const url = await ctx.freshUrl();
    const database = await ctx.open(url);
    await storeKit(database);
    await ingestEvents({ database, now: () => T0 }, calls, { mode: 'partial' });
    const worker = startRollupDrainWorker({ MISURA_DB_URL: url });
    try {
      await database.db.schema.alterTable('rollup_queue').renameTo('rollup_queue_away').execute();
      await expect(worker.drain()).rejects.toThrow(/recomputing the queued rollups failed in the drain worker: .*rollup_queue/);
      await database.db.schema.alterTable('rollup_queue_away').renameTo('rollup_queue').execute();
      expect((await worker.drain()).days).toBe(6);
    } finally {
      await worker.close();
    }
  });

  it('drains through the context opened with drainInWorker: readers never wait for it, and the drain action uses the worker', async () => {
    const url = await ctx.freshUrl();
    const database = await ctx.open(url);
    await storeKit(database);
    const context = await openContext({ MISURA_DB_URL: url }, () => T0, { drainInWorker: true });
    try {
      await context.actions.drainRollupQueue();
      await context.actions.ingestEvents(calls, { mode: 'partial' });
      expect(await hasQueuedRollupDays(database.db)).toBe(true);
      // The reader gets the evaluation of the rollups as they are, without waiting for the queued days.
      const before = await context.actions.getReport({ year: 2026, granularity: 'month' });
      expect(before.find((indicator) => indicator.indicator.slug === 'chiamate-risposte')?.year.status).toBe('no-data');
      expect(await context.actions.drainRollupQueue()).toMatchObject({ days: 6, faults: 0 });
      expect(await hasQueuedRollupDays(database.db)).toBe(false);
      const after = await context.actions.getReport({ year: 2026, granularity: 'month' });
      expect(after.find((indicator) => indicator.indicator.slug === 'chiamate-risposte')?.year.denominator).toBe(200);

      await context.actions.ingestEvents([row(1, { id: 'late', kind: 'call.received', at: '2026-02-21T10:00:00+01:00', attributes: { answered: true } })], { mode: 'partial' });
      expect(await context.actions.drainRollupQueue()).toEqual({ indicators: 1, days: 1, faults: 0 });
    } finally {
      await context.close();
    }
  });

  it('when a server starts, drains in the background what a crash left queued, without anyone asking', async () => {
    const url = await ctx.freshUrl();
    const database = await ctx.open(url);
    await storeKit(database);
    // Queued and never drained, as by a server killed right after acknowledging a bulk ingestion.
    await ingestEvents({ database, now: () => T0 }, calls, { mode: 'partial' });
    const context = await openContext({ MISURA_DB_URL: url }, () => T0, { drainInWorker: true });
    try {
      await vi.waitFor(async () => expect(await hasQueuedRollupDays(database.db)).toBe(false), { timeout: 10_000, interval: 50 });
      const report = await context.actions.getReport({ year: 2026, granularity: 'month' });
      expect(report.find((indicator) => indicator.indicator.slug === 'chiamate-risposte')?.year.denominator).toBe(200);
      expect(context.actions.catchUpState()).toEqual({ catchingUp: false, lastError: null });
    } finally {
      await context.close();
    }
  });
});

describe('the rollup drain worker checkpointing', () => {
  it('copies the write-ahead log that a connection leaving checkpoints to it wrote, so the next write starts the log again', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'misura-worker-'));
    const url = join(folder, 'misura.db');
    const database = await openDatabase(url, { backgroundCheckpoints: true });
    const worker = startRollupDrainWorker({ MISURA_DB_URL: url });
    try {
      await writePages(database, 1200);
      const [first, second] = await Promise.all([worker.checkpoint(), worker.checkpoint()]);
      expect(first).toBeUndefined();
      expect(second).toBeUndefined();
      await writeOneRow(database);
      expect(await walPages(database)).toBeLessThan(10);
    } finally {
      await worker.close();
      await database.close();
      rmSync(folder, { recursive: true, force: true });
    }
    await expect(worker.checkpoint()).rejects.toThrow(/drain worker is closed/);
  });
});

describe('the rollup drain worker, when its database cannot be opened', () => {
  it('rejects every drain, saying which database and why', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'misura-worker-'));
    // A file where the database's folder should be: the worker cannot create the database.
    writeFileSync(join(folder, 'not-a-folder'), '');
    const worker = startRollupDrainWorker({ MISURA_DB_URL: join(folder, 'not-a-folder', 'misura.db') });
    try {
      await expect(worker.drain()).rejects.toThrow(/drain worker: .*not-a-folder.*cannot open the SQLite database/);
      await expect(worker.drain()).rejects.toThrow(/drain worker: .*not-a-folder.*cannot open the SQLite database/);
      await expect(worker.checkpoint()).rejects.toThrow(/checkpointing the database failed in the drain worker: .*not-a-folder/);
    } finally {
      await worker.close();
    }
  });
});
