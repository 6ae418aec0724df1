import type { Organisation } from '../domain/cards/card.ts';
import type { Database } from '../storage/database.ts';
import { listOrganisations as listStoredOrganisations } from '../storage/repositories/organisation.repository.ts';

/** Every stored organisation (the administrations publishing cards), by slug. */
export async function listOrganisations(deps: { database: Database }): Promise<Organisation[]> {
  const organisations = await listStoredOrganisations(deps.database.db);
  return organisations.map(({ slug, name }) => ({ slug, name }));
}
