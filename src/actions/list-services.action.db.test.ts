import { PUBLISH_NOW } from '../../test/factories.ts';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.ts';
import { newCard, newOrganisation, newService } from '../../test/factories.ts';
import { importCards } from './import-cards.action.ts';
import { listServices } from './list-services.action.ts';

describeEachDialect('listServices', (ctx) => {
  it('lists every service by slug with its organisation, channels and diffida body as imported', async () => {
    const database = await ctx.openFresh();
    const lavoro = newService({ slug: 'servizi-lavoro', name: 'Servizi Lavoro' });
    const cliclavoro = newService({ slug: 'cliclavoro', name: 'Cliclavoro', webAddress: null, channels: [] });
    const interno = newOrganisation({ slug: 'ministero-dell-interno', name: "Ministero dell'Interno" });
    await importCards({ database }, [
      newCard({ service: lavoro, year: 2021 }),
      newCard({ service: lavoro, year: 2022, source: { file: 'b.txt' } }),
      newCard({ service: cliclavoro, year: 2021, source: { file: 'c.txt' } }, { organisation: interno }),
    ], PUBLISH_NOW);
    const services = await listServices({ database });
    expect(services.map((s) => [s.service.slug, s.organisation.slug])).toEqual([
      ['cliclavoro', 'ministero-dell-interno'],
      ['servizi-lavoro', 'ministero-del-lavoro'],
    ]);
    expect({ organisation: services[1]?.organisation, service: services[1]?.service }).toEqual({ organisation: newOrganisation(), service: lavoro });
    expect(services[0]?.service.webAddress).toBeNull();
  });

  it('lists nothing in an empty database', async () => {
    expect(await listServices({ database: await ctx.openFresh() })).toEqual([]);
  });
});
