import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/dialects.ts';
import { advanceRollupEpoch, bumpDataVersion, bumpRollupEpoch, readDataVersion, readRollupEpoch } from './data-version.repository.ts';

describeEachDialect('data version repository', (ctx) => {
  it('starts at 0 and counts up by one per bump', async () => {
    const { db } = await ctx.openFresh();
    expect(await readDataVersion(db)).toBe(0);
    expect(await bumpDataVersion(db)).toBe(1);
    expect(await bumpDataVersion(db)).toBe(2);
    expect(await readDataVersion(db)).toBe(2);
  });

  it('bumps inside a transaction and forgets the bump when it rolls back', async () => {
    const database = await ctx.openFresh();
    await database.db.transaction().execute((trx) => bumpDataVersion(trx));
    await expect(
      database.db.transaction().execute(async (trx) => {
        await bumpDataVersion(trx);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await readDataVersion(database.db)).toBe(1);
  });

  it('moves the rollup epoch only from the value expected, and apart from the data version', async () => {
    const { db } = await ctx.openFresh();
    expect(await readRollupEpoch(db)).toBe(0);
    expect(await advanceRollupEpoch(db, 0)).toBe(true);
    expect(await readRollupEpoch(db)).toBe(1);
    expect(await advanceRollupEpoch(db, 0)).toBe(false);
    expect(await readRollupEpoch(db)).toBe(1);
    await bumpRollupEpoch(db);
    expect(await advanceRollupEpoch(db, 1)).toBe(false);
    expect(await advanceRollupEpoch(db, 2)).toBe(true);
    expect(await readRollupEpoch(db)).toBe(3);
    expect(await readDataVersion(db)).toBe(0);
  });

  it('lets only one of two writers that read the same epoch advance it', async () => {
    const database = await ctx.openFresh();
    const seen = await readRollupEpoch(database.db);
    const first = await database.db.transaction().execute((trx) => advanceRollupEpoch(trx, seen));
    const second = await database.db.transaction().execute((trx) => advanceRollupEpoch(trx, seen));
    expect([first, second]).toEqual([true, false]);
  });
});
