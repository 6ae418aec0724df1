import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createDialectContext } from '../../test/dialects.ts';
import { bumpDataVersion, readDataVersion } from './data-version.action.ts';
import { KIT_INDICATORS, rows, storeKit } from './events.test-kit.ts';
import { ingestEvents } from './ingest-events.action.ts';
import { drainRollupQueue } from './drain-rollup-queue.action.ts';
import { createReportCache } from './report-cache.action.ts';

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
    const idle = createReportCache({ database, now: () => new Date('2026-03-10T11:00:00Z'), drainRollupQueue: () => Promise.resolve() }, { versionTtlMs: 0 });
    await ingestEvents({ database }, calls('b', [false, false]), { mode: 'partial' });
    expect((await idle.getReport({ year: 2026, granularity: 'month' }))[0]?.year.value).toBe(50);
    expect((await cache.getReport({ year: 2026, granularity: 'month' }))[0]?.year.value).toBe(25);
  });
});
