import type { Database } from '../storage/database.ts';
import { listOrganisations } from '../storage/repositories/organisation.repository.ts';

/**
 * Resolves when the database answers a query on a migrated table; rejects otherwise. Readiness probes
 * call it: reading the (small) organisations table proves both the connection and the schema.
 */
export async function checkDatabase(deps: { database: Database }): Promise<void> {
  await listOrganisations(deps.database.db);
}
