import type { Database } from '../storage/database.ts';
import { listNamedIndicatorFaults, type NamedIndicatorFault } from '../storage/repositories/indicator-fault.repository.ts';

/** The indicators whose days could not be computed, and why: /readyz and operators report them. */
export function listIndicatorFaults(deps: { database: Database }): Promise<NamedIndicatorFault[]> {
  return listNamedIndicatorFaults(deps.database.db);
}
