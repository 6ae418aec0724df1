import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/dialects.ts';
import {
  deleteQueuedRollupDays,
  enqueueRollupDays,
  findLastQueuedRollupId,
  hasQueuedRollupDays,
  listQueuedRollupDays,
} from './rollup-queue.repository.ts';

describeEachDialect('rollup queue repository', (ctx) => {
  it('lists queued rows with their ids in order, duplicates included, bounded by a limit and an upper id', async () => {
    const { db } = await ctx.openFresh();
    expect(await findLastQueuedRollupId(db)).toBeUndefined();
    await enqueueRollupDays(db, [
      { indicatorId: 1, date: '2026-03-01' },
      { indicatorId: 2, date: '2026-03-01' },
      { indicatorId: 1, date: '2026-03-01' },
    ]);
    const all = await listQueuedRollupDays(db, 10);
    expect(all.map(({ indicatorId, date }) => `${indicatorId} ${date}`)).toEqual(['1 2026-03-01', '2 2026-03-01', '1 2026-03-01']);
    const ids = all.map((row) => row.id);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(await findLastQueuedRollupId(db)).toBe(ids[2]);
    expect(await listQueuedRollupDays(db, 2)).toEqual(all.slice(0, 2));
    expect(await listQueuedRollupDays(db, 10, ids[1])).toEqual(all.slice(0, 2));
  });

  it('deletes exactly the rows named by id, leaving the ones queued after', async () => {
    const { db } = await ctx.openFresh();
    await enqueueRollupDays(db, [{ indicatorId: 1, date: '2026-03-01' }, { indicatorId: 1, date: '2026-03-02' }]);
    const read = await listQueuedRollupDays(db, 10);
    await enqueueRollupDays(db, [{ indicatorId: 1, date: '2026-03-01' }]);
    await deleteQueuedRollupDays(db, read.map((row) => row.id));
    const left = await listQueuedRollupDays(db, 10);
    expect(left.map(({ indicatorId, date }) => `${indicatorId} ${date}`)).toEqual(['1 2026-03-01']);
    expect(read.map((row) => row.id)).not.toContain(left[0]?.id);
    await deleteQueuedRollupDays(db, []);
    await deleteQueuedRollupDays(db, left.map((row) => row.id));
    expect(await hasQueuedRollupDays(db)).toBe(false);
  });
});
