import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/dialects.ts';
import { bumpDataVersion, readDataVersion } from './data-version.repository.ts';

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
});
