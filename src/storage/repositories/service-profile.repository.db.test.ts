import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/dialects.ts';
import { newService } from '../../../test/factories.ts';
import { EMPTY_PROFILE, type ServiceProfile } from '../../domain/services/service-profile.ts';
import { saveOrganisation } from './organisation.repository.ts';
import { findServiceProfiles, saveServiceProfile } from './service-profile.repository.ts';
import { saveService } from './service.repository.ts';

const T1 = '2026-01-01T00:00:00.000Z';
const T2 = '2026-02-01T00:00:00.000Z';
const FULL: ServiceProfile = {
  name: 'Sportello',
  office: 'URP',
  channelsText: 'Via Roma 1\nlun-ven 9-13',
  diffidaBody: 'Segretario generale',
  diffidaPec: 'protocollo@pec.comune.example.it',
  diffidaProcedure: 'Entro 90 giorni.',
  webAddress: 'https://comune.example.it',
  complaintHow: 'Modulo online',
  complaintResponseDays: 30,
  // The largest amount the form accepts (one million euro): it must fit PostgreSQL's integer.
  indemnityAmountCents: 100_000_000,
  indemnityConditions: 'Oltre il termine',
};

describeEachDialect('service profile repository', (ctx) => {
  it('stores a profile, replaces it, and reads back the same values with who and when', async () => {
    const { db } = await ctx.openFresh();
    const org = await saveOrganisation(db, { slug: 'pa', name: 'PA' });
    const id = await saveService(db, org.id, newService(), T1);
    await saveServiceProfile(db, id, FULL, 'user:a@pa.example', T1);
    expect(await findServiceProfiles(db, [id])).toEqual(new Map([[id, { serviceId: id, profile: FULL, updatedBy: 'user:a@pa.example', updatedAt: T1 }]]));
    await saveServiceProfile(db, id, { ...EMPTY_PROFILE, office: 'Altro' }, 'cli:root', T2);
    expect((await findServiceProfiles(db)).get(id)).toEqual({ serviceId: id, profile: { ...EMPTY_PROFILE, office: 'Altro' }, updatedBy: 'cli:root', updatedAt: T2 });
    expect(await findServiceProfiles(db, [])).toEqual(new Map());
  });

  it('goes with its service', async () => {
    const { db } = await ctx.openFresh();
    const org = await saveOrganisation(db, { slug: 'pa', name: 'PA' });
    const id = await saveService(db, org.id, newService(), T1);
    await saveServiceProfile(db, id, FULL, 'cli:root', T1);
    await db.deleteFrom('organisations').where('id', '=', org.id).execute();
    expect((await findServiceProfiles(db)).size).toBe(0);
  });
});
