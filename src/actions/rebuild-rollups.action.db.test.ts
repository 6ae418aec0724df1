import type { KyselyPlugin, PluginTransformResultArgs, QueryResult, UnknownRow } from 'kysely';
import { expect, it } from 'vitest';
import type { Database } from '../storage/database.ts';
import { listRollups, saveRollups } from '../storage/repositories/rollup.repository.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import { KIT_INDICATORS, rows, storeKit } from './events.test-kit.ts';
import { ingestEvents } from './ingest-events.action.ts';
import { DEFAULT_WORK_CALENDAR } from '../domain/calendar/index.ts';
import { readRollupEpoch } from '../storage/repositories/data-version.repository.ts';
import { createEventLoads, foldRollups, loadMeasuredIndicators, rebuildRollups } from './rebuild-rollups.action.ts';

const events = () =>
  rows(
    { id: 'c1', kind: 'call.received', at: '2026-03-02T09:00:00Z', attributes: { answered: true } },
    { id: 'c2', kind: 'call.received', at: '2026-03-03T09:00:00Z', attributes: { answered: false } },
    { id: 'd1', kind: 'disruption', at: '2026-03-02T09:00:00Z' },
  );

async function indicatorIdsBySlug(database: Database): Promise<Map<string, number>> {
  const rowsFound = await database.db.selectFrom('indicators').select(['id', 'slug']).execute();
  return new Map(rowsFound.map((r) => [r.slug, r.id]));
}

describeEachDialect('rebuilding rollups', (ctx) => {
  it('recomputes every rollup from the raw events, dropping stale ones', async () => {
    const database = await ctx.openFresh();
    await storeKit(database);
    await ingestEvents({ database }, events(), { mode: 'all-or-nothing' });
    const ingested = await listRollups(database.db);
    const ids = await indicatorIdsBySlug(database);
    // Damage: a wrong count, and a day that has no event.
    await saveRollups(database.db, ids.get('chiamate-risposte')!, [{ date: '2026-03-02', good: 9, total: 9, sum: 0, max: null, lastAt: null }]);
    await saveRollups(database.db, ids.get('operatori')!, [{ date: '2026-01-01', good: 0, total: 1, sum: 3, max: 3, lastAt: null }]);
    expect(await rebuildRollups({ database })).toEqual({ indicators: KIT_INDICATORS.length, days: 3 });
    expect(await listRollups(database.db)).toEqual(ingested);
  });

  it('rebuilds one indicator only, named by service, edition and slug', async () => {
    const database = await ctx.openFresh();
    const service = await storeKit(database);
    await ingestEvents({ database }, events(), { mode: 'all-or-nothing' });
    const ids = await indicatorIdsBySlug(database);
    const wrong = { date: '2026-03-02', good: 9, total: 9, sum: 0, max: null, lastAt: null };
    await saveRollups(database.db, ids.get('chiamate-risposte')!, [wrong]);
    await saveRollups(database.db, ids.get('disservizi')!, [wrong]);
    expect(await rebuildRollups({ database }, { service, edition: '2026', indicator: 'disservizi' })).toEqual({ indicators: 1, days: 1 });
    const after = await listRollups(database.db);
    expect(after.find((r) => r.indicatorId === ids.get('disservizi'))).toMatchObject({ good: 1, total: 1 });
    expect(after.find((r) => r.indicatorId === ids.get('chiamate-risposte') && r.date === '2026-03-02')).toMatchObject({ good: 9 });
  });

  it('names an indicator it cannot find', async () => {
    const database = await ctx.openFresh();
    const service = await storeKit(database, KIT_INDICATORS.slice(0, 1));
    await expect(rebuildRollups({ database }, { service, edition: '2026', indicator: 'nessuno' })).rejects.toThrow(
      `no indicator "nessuno" with a measure in the 2026 card of service "${service}"`,
    );
  });

  it('folds days without writing: their rollups and the dates left with nothing, as a rebuild would write them', async () => {
    const database = await ctx.openFresh();
    await storeKit(database);
    await ingestEvents({ database }, events(), { mode: 'all-or-nothing' });
    const ids = await indicatorIdsBySlug(database);
    const calls = (await loadMeasuredIndicators(database.db, DEFAULT_WORK_CALENDAR)).find((m) => m.indicatorId === ids.get('chiamate-risposte'))!;
    const before = { rollups: await listRollups(database.db), epoch: await readRollupEpoch(database.db) };
    const folded = await foldRollups(database.db, calls, ['2026-03-03', '2026-03-02', '2026-03-09', '2026-03-02']);
    expect(folded.emptyDates).toEqual(['2026-03-09']);
    expect(folded.rollups).toEqual(before.rollups.filter((r) => r.indicatorId === calls.indicatorId).map(({ indicatorId: _, ...rollup }) => rollup));
    expect(folded.rollups.map((r) => [r.date, r.good, r.total])).toEqual([['2026-03-02', 1, 1], ['2026-03-03', 0, 1]]);
    expect({ rollups: await listRollups(database.db), epoch: await readRollupEpoch(database.db) }).toEqual(before);
  });

  it("reads one day's events at a time, so a busy feed's memory is bounded by its busiest day, not two", async () => {
    const database = await ctx.openFresh();
    await storeKit(database);
    const days = ['2026-03-02', '2026-03-03', '2026-03-04'];
    const calls = days.flatMap((date, day) =>
      [0, 1, 2].map((n) => ({ id: `c${day}-${n}`, kind: 'call.received', at: `${date}T${10 + n}:00:00Z`, attributes: { answered: n > 0 } })),
    );
    await ingestEvents({ database }, rows(...calls), { mode: 'all-or-nothing' });
    const ids = await indicatorIdsBySlug(database);
    const indicator = (await loadMeasuredIndicators(database.db, DEFAULT_WORK_CALENDAR)).find((m) => m.indicatorId === ids.get('chiamate-risposte'))!;
    const sizes = new ResultSizes();
    const folded = await foldRollups(database.db.withPlugin(sizes), indicator, days);
    expect(folded.rollups.map((r) => [r.date, r.good, r.total])).toEqual(days.map((date) => [date, 2, 3]));
    expect(sizes.largest).toBe(3);
  });

  it('drops the earlier reads past the events budget before the next read, so two big reads are never held at once', async () => {
    const database = await ctx.openFresh();
    await storeKit(database);
    await ingestEvents({ database }, events(), { mode: 'all-or-nothing' });
    const ids = await indicatorIdsBySlug(database);
    const indicator = (await loadMeasuredIndicators(database.db, DEFAULT_WORK_CALENDAR)).find((m) => m.indicatorId === ids.get('chiamate-risposte'))!;
    // A settled read of a busy day (50 000 events, past the budget), as the previous day's refresh leaves it.
    const loads = createEventLoads();
    loads.onDates.loads.set('busy day', Promise.resolve([]));
    loads.onDates.sizes.set('busy day', 50_000);
    loads.onDates.held = 50_000;
    const keptWhileReading: boolean[] = [];
    const spy: KyselyPlugin = {
      transformQuery: (args) => args.node,
      transformResult: (args) => {
        keptWhileReading.push(loads.onDates.loads.has('busy day'));
        return Promise.resolve(args.result);
      },
    };
    await foldRollups(database.db.withPlugin(spy), indicator, ['2026-03-02'], loads);
    expect(keptWhileReading).toEqual([false]);
  });
});

/** Remembers the largest number of rows a query returned. */
class ResultSizes implements KyselyPlugin {
  largest = 0;
  transformQuery: KyselyPlugin['transformQuery'] = (args) => args.node;
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.largest = Math.max(this.largest, args.result.rows.length);
    return Promise.resolve(args.result);
  }
}

