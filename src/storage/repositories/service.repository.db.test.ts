import { expect, it } from 'vitest';
import { newService } from '../../../test/factories.ts';
import { describeEachDialect } from '../../../test/dialects.ts';
import { saveOrganisation } from './organisation.repository.ts';
import { findService, findServicesByIds, findServicesBySlugs, listServices, saveService } from './service.repository.ts';

const T1 = '2026-01-01T00:00:00.000Z';
const T2 = '2026-02-01T00:00:00.000Z';

describeEachDialect('service repository', (ctx) => {
  it('stores a service and reads back the same domain value', async () => {
    const { db } = await ctx.openFresh();
    const org = await saveOrganisation(db, { slug: 'pa', name: 'PA' });
    const service = newService();
    const id = await saveService(db, org.id, service, T1);
    expect(await findService(db, org.id, service.slug)).toEqual({ id, organisationId: org.id, service, createdAt: T1, updatedAt: T1 });
  });

  it('keeps nulls as nulls (no office, web page or staff)', async () => {
    const { db } = await ctx.openFresh();
    const org = await saveOrganisation(db, { slug: 'pa', name: 'PA' });
    const service = newService({ office: null, webAddress: null, staff: null, channels: [] });
    await saveService(db, org.id, service, T1);
    expect((await findService(db, org.id, service.slug))?.service).toEqual(service);
  });

  it('updates the content of a service saved again, keeping its id and created_at', async () => {
    const { db } = await ctx.openFresh();
    const org = await saveOrganisation(db, { slug: 'pa', name: 'PA' });
    const service = newService();
    const id = await saveService(db, org.id, service, T1);
    const changed = { ...service, name: 'Nuovo nome', staff: 20 };
    expect(await saveService(db, org.id, changed, T2)).toBe(id);
    expect(await findService(db, org.id, service.slug)).toEqual({ id, organisationId: org.id, service: changed, createdAt: T1, updatedAt: T2 });
  });

  it('leaves updated_at alone when the content is the same', async () => {
    const { db } = await ctx.openFresh();
    const org = await saveOrganisation(db, { slug: 'pa', name: 'PA' });
    const service = newService();
    await saveService(db, org.id, service, T1);
    await saveService(db, org.id, structuredClone(service), T2);
    expect((await findService(db, org.id, service.slug))?.updatedAt).toBe(T1);
  });

  it('keeps services with the same slug in two organisations apart', async () => {
    const { db } = await ctx.openFresh();
    const a = await saveOrganisation(db, { slug: 'a', name: 'A' });
    const b = await saveOrganisation(db, { slug: 'b', name: 'B' });
    const service = newService();
    const inA = await saveService(db, a.id, service, T1);
    const inB = await saveService(db, b.id, { ...service, name: 'Altro' }, T1);
    expect(inA).not.toBe(inB);
    expect((await findServicesBySlugs(db, [service.slug])).map((s) => [s.organisationId, s.service.name])).toEqual([
      [a.id, service.name],
      [b.id, 'Altro'],
    ]);
    expect((await findServicesByIds(db, [inB])).map((s) => s.id)).toEqual([inB]);
  });

  it('finds nothing for no slugs or unknown ones, and lists services by slug', async () => {
    const { db } = await ctx.openFresh();
    const org = await saveOrganisation(db, { slug: 'pa', name: 'PA' });
    await saveService(db, org.id, newService({ slug: 'zeta' }), T1);
    await saveService(db, org.id, newService({ slug: 'alfa' }), T1);
    expect(await findServicesBySlugs(db, [])).toEqual([]);
    expect(await findServicesBySlugs(db, ['nessuno'])).toEqual([]);
    expect(await findService(db, org.id, 'nessuno')).toBeUndefined();
    expect((await listServices(db)).map((s) => s.service.slug)).toEqual(['alfa', 'zeta']);
  });

  it('removes the services of a deleted organisation', async () => {
    const { db } = await ctx.openFresh();
    const org = await saveOrganisation(db, { slug: 'pa', name: 'PA' });
    await saveService(db, org.id, newService(), T1);
    await db.deleteFrom('organisations').where('id', '=', org.id).execute();
    expect(await listServices(db)).toEqual([]);
  });
});
