import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/dialects.ts';
import { findOrganisationBySlug, findOrganisationsByIds, listOrganisations, saveOrganisation } from './organisation.repository.ts';

describeEachDialect('organisation repository', (ctx) => {
  it('creates an organisation and finds it by slug', async () => {
    const { db } = await ctx.openFresh();
    const saved = await saveOrganisation(db, { slug: 'ministero-del-lavoro', name: 'Ministero del Lavoro' });
    expect(await findOrganisationBySlug(db, 'ministero-del-lavoro')).toEqual({ id: saved.id, slug: 'ministero-del-lavoro', name: 'Ministero del Lavoro' });
  });

  it('finds nothing for an unknown slug', async () => {
    const { db } = await ctx.openFresh();
    expect(await findOrganisationBySlug(db, 'nobody')).toBeUndefined();
  });

  it('renames an organisation saved again with the same slug, keeping its id', async () => {
    const { db } = await ctx.openFresh();
    const first = await saveOrganisation(db, { slug: 'mlps', name: 'Old name' });
    const second = await saveOrganisation(db, { slug: 'mlps', name: 'New name' });
    expect(second).toEqual({ id: first.id, slug: 'mlps', name: 'New name' });
    expect(await listOrganisations(db)).toEqual([second]);
  });

  it('lists organisations in code-point order of slug, whatever the collation', async () => {
    const { db } = await ctx.openFresh();
    for (const slug of ['b-x', 'a', 'b', 'ab', 'B']) await saveOrganisation(db, { slug, name: slug.toUpperCase() });
    expect((await listOrganisations(db)).map((o) => o.slug)).toEqual(['B', 'a', 'ab', 'b', 'b-x']);
  });

  it('finds organisations by ids, and nothing for no ids', async () => {
    const { db } = await ctx.openFresh();
    const a = await saveOrganisation(db, { slug: 'a', name: 'A' });
    await saveOrganisation(db, { slug: 'b', name: 'B' });
    expect(await findOrganisationsByIds(db, [a.id])).toEqual([a]);
    expect(await findOrganisationsByIds(db, [])).toEqual([]);
  });
});
