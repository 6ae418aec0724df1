import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/dialects.ts';
import { deleteComparatorOverride, findComparatorOverrides, listComparatorOverrides, saveComparatorOverride, type ComparatorOverride } from './comparator-override.repository.ts';

function newOverride(overrides: Partial<ComparatorOverride> = {}): ComparatorOverride {
  return { serviceSlug: 'servizi-lavoro', editionKey: '2021', indicatorSlug: 'continuita', comparator: '<=', reason: 'giorni di disagio: meno è meglio', createdAt: '2026-01-01T00:00:00.000Z', ...overrides };
}

describeEachDialect('comparator override repository', (ctx) => {
  it('stores an override and finds it by service and edition', async () => {
    const { db } = await ctx.openFresh();
    const override = newOverride();
    await saveComparatorOverride(db, override);
    expect(await findComparatorOverrides(db, 'servizi-lavoro', '2021')).toEqual([override]);
    expect(await findComparatorOverrides(db, 'servizi-lavoro', 'undated')).toEqual([]);
    expect(await findComparatorOverrides(db, 'altro', '2021')).toEqual([]);
  });

  it('replaces the override of the same indicator instead of adding a second one', async () => {
    const { db } = await ctx.openFresh();
    await saveComparatorOverride(db, newOverride());
    const replacement = newOverride({ comparator: '=', reason: 'esatto', createdAt: '2026-02-01T00:00:00.000Z' });
    await saveComparatorOverride(db, replacement);
    expect(await listComparatorOverrides(db)).toEqual([replacement]);
  });

  it('lists overrides by service, edition and indicator', async () => {
    const { db } = await ctx.openFresh();
    const keys = [['b', '2021', 'x'], ['a', 'undated', 'x'], ['a', '2021', 'y'], ['a', '2021', 'x']] as const;
    for (const [serviceSlug, editionKey, indicatorSlug] of keys) await saveComparatorOverride(db, newOverride({ serviceSlug, editionKey, indicatorSlug }));
    expect((await listComparatorOverrides(db)).map((o) => `${o.serviceSlug}/${o.editionKey}/${o.indicatorSlug}`)).toEqual(['a/2021/x', 'a/2021/y', 'a/undated/x', 'b/2021/x']);
  });

  it('deletes an override and says whether there was one', async () => {
    const { db } = await ctx.openFresh();
    await saveComparatorOverride(db, newOverride());
    expect(await deleteComparatorOverride(db, 'servizi-lavoro', '2021', 'continuita')).toBe(true);
    expect(await deleteComparatorOverride(db, 'servizi-lavoro', '2021', 'continuita')).toBe(false);
    expect(await listComparatorOverrides(db)).toEqual([]);
  });

  it('refuses a comparator the domain does not know', async () => {
    const { db } = await ctx.openFresh();
    const insert = sql`insert into comparator_overrides (service_slug, edition_key, indicator_slug, comparator, reason, created_at) values ('s', '2021', 'i', '>', 'r', 't')`.execute(db);
    await expect(insert).rejects.toThrow(/check/i);
  });
});
