import type { Organisation, Service } from '../domain/cards/card.ts';
import type { Database } from '../storage/database.ts';
import { findOrganisationsByIds } from '../storage/repositories/organisation.repository.ts';
import { listServices as listStoredServices } from '../storage/repositories/service.repository.ts';

/** A stored service, with everything its public page shows (channels, diffida body), and its organisation. */
export interface ServiceListing {
  organisation: Organisation;
  service: Service;
}

/** Every stored service with its organisation, by service slug (then organisation). */
export async function listServices(deps: { database: Database }): Promise<ServiceListing[]> {
  const { db } = deps.database;
  const services = await listStoredServices(db);
  const organisations = new Map((await findOrganisationsByIds(db, [...new Set(services.map((s) => s.organisationId))])).map((o) => [o.id, o]));
  return services.map((stored) => {
    const organisation = organisations.get(stored.organisationId);
    if (organisation === undefined) throw new Error(`service ${stored.id} has no organisation: the database is inconsistent`);
    return { organisation: { slug: organisation.slug, name: organisation.name }, service: stored.service };
  });
}
