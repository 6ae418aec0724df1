import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.ts';
import { checkDatabase } from './check-database.action.ts';

describeEachDialect('checkDatabase', (ctx) => {
  it('resolves while the database answers', async () => {
    await expect(checkDatabase({ database: await ctx.openFresh() })).resolves.toBeUndefined();
  });

  it('rejects once the database is closed', async () => {
    const database = await ctx.openFresh();
    await database.close();
    await expect(checkDatabase({ database })).rejects.toThrow();
  });
});
