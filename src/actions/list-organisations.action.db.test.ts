import { PUBLISH_NOW } from '../../test/factories.ts';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.ts';
import { newCard, newOrganisation } from '../../test/factories.ts';
import { importCards } from './import-cards.action.ts';
import { listOrganisations } from './list-organisations.action.ts';

describeEachDialect('listOrganisations', (ctx) => {
  it('lists each organisation once, by slug, without database ids', async () => {
    const database = await ctx.openFresh();
    const interno = newOrganisation({ slug: 'ministero-dell-interno', name: "Ministero dell'Interno" });
    await importCards({ database }, [newCard({}, { organisation: interno }), newCard({ source: { file: 'b.txt' } }), newCard({ source: { file: 'c.txt' } })], PUBLISH_NOW);
    expect(await listOrganisations({ database })).toEqual([newOrganisation(), interno]);
  });
});
