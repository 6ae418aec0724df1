import type { Database } from '../storage/database.ts';
import { bumpDataVersion as bumpStoredDataVersion, readDataVersion as readStoredDataVersion } from '../storage/repositories/data-version.repository.ts';

/** The data version: it changes whenever events, measures or cards change, and keys every evaluation cache. */
export async function readDataVersion(deps: { database: Database }): Promise<number> {
  return readStoredDataVersion(deps.database.db);
}

/**
 * Bumps the data version on its own. Writers should rather bump inside their own transaction
 * (storage/repositories/data-version.repository.ts), so the version moves exactly when their change commits.
 */
export async function bumpDataVersion(deps: { database: Database }): Promise<number> {
  return bumpStoredDataVersion(deps.database.db);
}
