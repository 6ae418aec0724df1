import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/dialects.ts';
import { newService } from '../../../test/factories.ts';
import type { ServiceCost } from '../../domain/costs/service-cost.ts';
import { saveOrganisation } from './organisation.repository.ts';
import { findServiceCost, listServiceCosts, saveServiceCost } from './service-cost.repository.ts';
import { saveService } from './service.repository.ts';

const T1 = '2026-01-01T00:00:00.000Z';
const T2 = '2026-02-01T00:00:00.000Z';
// Ten billion euro, the most the domain accepts: beyond PostgreSQL's integer, so the column must be bigint.
const LARGE: ServiceCost = { year: 2025, actualCents: 1_000_000_000_000, staffCents: 2_147_483_648, volume: 3_000_000_000, note: 'Dati del rendiconto', source: 'controllo di gestione' };

describeEachDialect('service cost repository', (ctx) => {
  it('stores a year of costs beyond 32-bit integers, replaces it keeping when it was first recorded, and lists by service and year', async () => {
    const { db } = await ctx.openFresh();
    const org = await saveOrganisation(db, { slug: 'pa', name: 'PA' });
    const id = await saveService(db, org.id, newService(), T1);
    await saveServiceCost(db, id, LARGE, 'cli:root', T1);
    expect(await findServiceCost(db, id, 2025)).toEqual({ serviceId: id, cost: LARGE, createdAt: T1, updatedBy: 'cli:root', updatedAt: T1 });

    const corrected: ServiceCost = { year: 2025, actualCents: 0, staffCents: 1, volume: null, note: null, source: null };
    await saveServiceCost(db, id, corrected, 'user:a@pa.example', T2);
    await saveServiceCost(db, id, { ...corrected, year: 2023 }, 'user:a@pa.example', T2);
    expect(await listServiceCosts(db)).toEqual([
      { serviceId: id, cost: { ...corrected, year: 2023 }, createdAt: T2, updatedBy: 'user:a@pa.example', updatedAt: T2 },
      { serviceId: id, cost: corrected, createdAt: T1, updatedBy: 'user:a@pa.example', updatedAt: T2 },
    ]);
    expect(await listServiceCosts(db, [])).toEqual([]);
    expect(await findServiceCost(db, id, 2024)).toBeUndefined();
  });

  it('goes with its service', async () => {
    const { db } = await ctx.openFresh();
    const org = await saveOrganisation(db, { slug: 'pa', name: 'PA' });
    const id = await saveService(db, org.id, newService(), T1);
    await saveServiceCost(db, id, LARGE, 'cli:root', T1);
    await db.deleteFrom('organisations').where('id', '=', org.id).execute();
    expect(await listServiceCosts(db)).toEqual([]);
  });
});
