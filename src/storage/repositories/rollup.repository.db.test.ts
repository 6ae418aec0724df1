import { expect, it } from 'vitest';
import type { DayRollup } from '../../domain/evaluation/day-rollup.ts';
import { newCard } from '../../../test/factories.ts';
import { describeEachDialect } from '../../../test/dialects.ts';
import type { Queryable } from '../schema.ts';
import { readRollupEpoch } from './data-version.repository.ts';
import { saveCard } from './card.repository.ts';
import { saveOrganisation } from './organisation.repository.ts';
import { deleteAllRollups, deleteRollups, findRollups, listRollups, saveRollups, type RollupReadStats } from './rollup.repository.ts';
import { saveService } from './service.repository.ts';

const T = '2026-01-01T00:00:00.000Z';

async function twoIndicators(db: Queryable): Promise<{ cardId: number; ids: number[] }> {
  const { card } = newCard();
  const org = await saveOrganisation(db, { slug: 'pa', name: 'PA' });
  const saved = await saveCard(db, await saveService(db, org.id, card.service, T), card, T);
  return { cardId: saved.id, ids: saved.indicatorIds };
}

const day = (date: string, overrides: Partial<DayRollup> = {}): DayRollup => ({ date, good: 3, total: 4, sum: 12.5, max: 7.25, lastAt: `${date}T10:00:00.000Z`, ...overrides });

describeEachDialect('rollup repository', (ctx) => {
  it('writes rollups, replaces those of the same day and reads a range by date, counting rows read', async () => {
    const { db } = await ctx.openFresh();
    const { ids: [a, b] } = await twoIndicators(db);
    await saveRollups(db, a!, [day('2026-03-02'), day('2026-03-01', { max: null, lastAt: null }), day('2026-04-01')]);
    await saveRollups(db, a!, [day('2026-03-02', { good: 4, sum: 0 })]);
    await saveRollups(db, b!, [day('2026-03-02')]);
    const stats: RollupReadStats = { rowsRead: 0 };
    expect(await findRollups(db, a!, '2026-03-01', '2026-03-31', stats)).toEqual([day('2026-03-01', { max: null, lastAt: null }), day('2026-03-02', { good: 4, sum: 0 })]);
    await findRollups(db, b!, '2026-01-01', '2026-12-31', stats);
    expect(stats.rowsRead).toBe(3);
  });

  it('deletes some days, one indicator\'s days or all days', async () => {
    const { db } = await ctx.openFresh();
    const { ids: [a, b] } = await twoIndicators(db);
    await saveRollups(db, a!, [day('2026-03-01'), day('2026-03-02'), day('2026-03-03')]);
    await saveRollups(db, b!, [day('2026-03-01')]);
    await deleteRollups(db, a!, ['2026-03-02', '2026-03-09']);
    expect((await listRollups(db)).map((r) => `${r.indicatorId === a ? 'a' : 'b'} ${r.date}`)).toEqual(['a 2026-03-01', 'a 2026-03-03', 'b 2026-03-01']);
    await deleteAllRollups(db, [a!]);
    expect((await listRollups(db)).map((r) => r.indicatorId)).toEqual([b]);
    await deleteAllRollups(db, []);
    expect(await listRollups(db)).toHaveLength(1);
    await deleteAllRollups(db);
    expect(await listRollups(db)).toEqual([]);
  });

  it('removes an indicator\'s rollups with its card', async () => {
    const { db } = await ctx.openFresh();
    const { cardId, ids: [a] } = await twoIndicators(db);
    await saveRollups(db, a!, [day('2026-03-01')]);
    await db.deleteFrom('cards').where('id', '=', cardId).execute();
    expect(await listRollups(db)).toEqual([]);
  });

  it.each([
    ['saving rollups', true, (db: Queryable, a: number) => saveRollups(db, a, [day('2026-03-05')])],
    ['saving no rollup', false, (db: Queryable, a: number) => saveRollups(db, a, [])],
    ['deleting a day that has a rollup', true, (db: Queryable, a: number) => deleteRollups(db, a, ['2026-03-01', '2026-03-09'])],
    ['deleting days without rollups', false, (db: Queryable, a: number) => deleteRollups(db, a, ['2026-03-09'])],
    ["deleting an indicator's rollups", true, (db: Queryable, a: number) => deleteAllRollups(db, [a])],
    ['deleting the rollups of an indicator without any', false, (db: Queryable, a: number) => deleteAllRollups(db, [a + 1000])],
    ['deleting every rollup', true, (db: Queryable) => deleteAllRollups(db)],
  ])('%s moves the rollup epoch by one: %s', async (_what, moves, write) => {
    const { db } = await ctx.openFresh();
    const { ids: [a] } = await twoIndicators(db);
    await saveRollups(db, a!, [day('2026-03-01')]);
    const before = await readRollupEpoch(db);
    await write(db, a!);
    expect(await readRollupEpoch(db)).toBe(before + (moves ? 1 : 0));
  });
});
