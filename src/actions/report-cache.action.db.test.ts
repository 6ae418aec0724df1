import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createDialectContext } from '../../test/dialects.ts';
import { bumpDataVersion, readDataVersion } from './data-version.action.ts';
import { KIT_INDICATORS, rows, storeKit } from './events.test-kit.ts';
import { ingestEvents } from './ingest-events.action.ts';
import { drainRollupQueue } from './drain-rollup-queue.action.ts';
import { CATCH_UP_NOTICE_MS, createReportCache } from './report-cache.action.ts';

const calls = (batch: string, answered: boolean[]) =>
  rows(...answered.map((ok, i) => ({ id: `call-${batch}-${i}`, kind: 'call.received', at: `2026-03-02T0${i}:30:00+01:00`, attributes: { answered: ok } })));

describe('the report cache', () => {
  const ctx = createDialectContext('sqlite');
  afterEach(() => ctx.cleanup());
  afterAll(() => ctx.dispose());

  it('evaluates once per data version and day, again after ingestion or any bump, and at midnight', async () => {
    const database = await ctx.openFresh();
    await storeKit(database, KIT_INDICATORS.slice(0, 1));
    let now = new Date('2026-03-10T11:00:00Z');
    const cache = createReportCache({ database, now: () => now }, { versionTtlMs: 0 });
    const valueOf = async () => (await cache.getReport({ year: 2026, granularity: 'month' }))[0]?.year.value;

    await ingestEvents({ database }, calls('a', [true, true, true, false]), { mode: 'all-or-nothing' });
    expect(await valueOf()).toBe(75);
    expect(await valueOf()).toBe(75);
    expect(cache.stats()).toMatchObject({ evaluations: 1, hits: 1 });

    // Ingestion bumps the data version in its own transaction, so the cache sees new events at once.
    await ingestEvents({ database }, calls('b', [false, false, false, false, false, false]), { mode: 'all-or-nothing' });
    expect(await valueOf()).toBe(30);
    // Any bump re-evaluates, even one that changed nothing.
    await bumpDataVersion({ database });
    expect(await valueOf()).toBe(30);
    expect(cache.stats()).toMatchObject({ evaluations: 3, hits: 1 });

    // Another granularity is another entry; a new day re-evaluates, as "yesterday" moved.
    await cache.getReport({ year: 2026, granularity: 'quarter' });
    now = new Date('2026-03-11T00:30:00+01:00');
    await valueOf();
    expect(cache.stats()).toMatchObject({ evaluations: 5, hits: 1 });
    expect(await cache.readDataVersion()).toBe(await readDataVersion({ database }));
  });

  it('shares one evaluation between concurrent callers and hands out frozen reports', async () => {
    const database = await ctx.openFresh();
    await storeKit(database, KIT_INDICATORS.slice(0, 1));
    const cache = createReportCache({ database, now: () => new Date('2026-03-10T11:00:00Z') });
    const [a, b] = await Promise.all([cache.getReport({ year: 2026, granularity: 'month' }), cache.getReport({ year: 2026, granularity: 'month' })]);
    expect(a).toBe(b);
    expect(cache.stats().evaluations).toBe(1);
    expect(Object.isFrozen(a[0]?.year)).toBe(true);
  });

  it('trusts a version read for versionTtlMs, but sees its own bumps at once', async () => {
    const database = await ctx.openFresh();
    let clock = 0;
    const cache = createReportCache({ database }, { versionTtlMs: 100, monotonicMs: () => clock });
    expect(await cache.readDataVersion()).toBe(0);
    expect(await cache.readDataVersion()).toBe(0);
    expect(cache.stats().versionReads).toBe(1);

    // A bump made elsewhere (another process, a writer's transaction) is seen once the read is too old.
    await bumpDataVersion({ database });
    clock = 99;
    expect(await cache.readDataVersion()).toBe(0);
    clock = 100;
    expect(await cache.readDataVersion()).toBe(1);

    // A bump made through the cache is seen at once.
    expect(await cache.bumpDataVersion()).toBe(2);
    expect(await cache.readDataVersion()).toBe(2);
    expect(cache.stats().versionReads).toBe(3);
    const [a, b] = await Promise.all([cache.bumpDataVersion(), cache.readDataVersion()]);
    expect([a, b]).toEqual([3, 3]);

    // A bump committed by a writer of this process (an ingestion's transaction) is seen at once once it says so.
    expect(await cache.readDataVersion()).toBe(3);
    await bumpDataVersion({ database });
    expect(await cache.readDataVersion()).toBe(3);
    cache.forgetDataVersion();
    expect(await cache.readDataVersion()).toBe(4);
  });

  it('drains queued days through the drain it is given (the context\'s worker) rather than on its own thread', async () => {
    const database = await ctx.openFresh();
    await storeKit(database, KIT_INDICATORS.slice(0, 1));
    await ingestEvents({ database }, calls('a', [true, false]), { mode: 'partial' });
    let drains = 0;
    const given = async () => {
      drains += 1;
      return drainRollupQueue({ database });
    };
    const cache = createReportCache({ database, now: () => new Date('2026-03-10T11:00:00Z'), drainRollupQueue: given }, { versionTtlMs: 0 });
    expect((await cache.getReport({ year: 2026, granularity: 'month' }))[0]?.year.value).toBe(50);
    // Once before reading the version, once by the evaluation itself.
    expect(drains).toBe(2);

    // A drain that does nothing leaves the queue alone: nothing else drains it.
    const idle = createReportCache({ database, now: () => new Date('2026-03-10T11:00:00Z'), drainRollupQueue: () => Promise.resolve({ indicators: 0, days: 0, faults: 0 }) }, { versionTtlMs: 0 });
    await ingestEvents({ database }, calls('b', [false, false]), { mode: 'partial' });
    expect((await idle.getReport({ year: 2026, granularity: 'month' }))[0]?.year.value).toBe(50);
    expect((await cache.getReport({ year: 2026, granularity: 'month' }))[0]?.year.value).toBe(25);
  });

  it('in the background mode answers at once from the rollups as they are, says so while a long drain runs, and counts the new days once it is done', async () => {
    const database = await ctx.openFresh();
    await storeKit(database, KIT_INDICATORS.slice(0, 1));
    await ingestEvents({ database }, calls('a', [true, false]), { mode: 'all-or-nothing' });
    // Left queued, as by a crash or a bulk ingestion: the next drain must recompute them.
    await ingestEvents({ database }, calls('b', [false, false]), { mode: 'partial' });
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let drains = 0;
    const slowDrain = async () => {
      drains += 1;
      await gate;
      return drainRollupQueue({ database });
    };
    let clock = 0;
    const cache = createReportCache(
      { database, now: () => new Date('2026-03-10T11:00:00Z'), drainRollupQueue: slowDrain },
      { versionTtlMs: 0, monotonicMs: () => clock, catchUp: 'in-background' },
    );
    const valueOf = async () => (await cache.getReport({ year: 2026, granularity: 'month' }))[0]?.year.value;

    const caughtUp = cache.catchUp();
    // The drain has not ended, yet the reader gets the last complete evaluation instead of waiting.
    expect(await valueOf()).toBe(50);
    expect(cache.catchUpState()).toEqual({ catchingUp: false, lastError: null });
    clock += CATCH_UP_NOTICE_MS;
    expect(cache.catchUpState().catchingUp).toBe(true);
    // Readers meanwhile share the running drain rather than starting others.
    expect(await valueOf()).toBe(50);
    expect(drains).toBe(1);

    release();
    expect(await caughtUp).toMatchObject({ days: 1 });
    expect(cache.catchUpState().catchingUp).toBe(false);
    expect(await valueOf()).toBe(25);
  });

  it('in the background mode keeps a failed drain\'s error for /readyz and serves the evaluation all the same', async () => {
    const database = await ctx.openFresh();
    await storeKit(database, KIT_INDICATORS.slice(0, 1));
    await ingestEvents({ database }, calls('a', [true, false]), { mode: 'all-or-nothing' });
    let fail = true;
    const flaky = async () => {
      if (fail) throw new Error('the drain worker stopped');
      return drainRollupQueue({ database });
    };
    const cache = createReportCache({ database, now: () => new Date('2026-03-10T11:00:00Z'), drainRollupQueue: flaky }, { versionTtlMs: 0, catchUp: 'in-background' });
    await expect(cache.catchUp()).rejects.toThrow('the drain worker stopped');
    expect(cache.catchUpState()).toEqual({ catchingUp: false, lastError: 'the drain worker stopped' });
    expect((await cache.getReport({ year: 2026, granularity: 'month' }))[0]?.year.value).toBe(50);
    fail = false;
    await cache.catchUp();
    expect(cache.catchUpState().lastError).toBeNull();
  });
});
