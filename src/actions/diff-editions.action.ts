import type { Justification } from '../domain/editions/edition.ts';
import { diffEditions, type EditionDiff } from '../domain/editions/edition-diff.ts';
import type { Database } from '../storage/database.ts';
import { comparableIndicators, loadServiceEditions, resolveEdition } from './edition-steps.ts';

/** Two editions of a service compared, with the justifications the later one records for what got worse. */
export interface EditionComparison {
  service: string;
  from: string;
  to: string;
  diff: EditionDiff;
  justifications: Justification[];
}

/** Compares two editions of a service's card ("2026" and "2027", or "2027" and "2027-r2"). */
export async function compareEditions(deps: { database: Database }, input: { service: string; from: string; to: string }): Promise<EditionComparison> {
  const service = await loadServiceEditions(deps.database.db, input.service);
  const from = resolveEdition(service, input.from);
  const to = resolveEdition(service, input.to);
  return {
    service: service.serviceSlug,
    from: from.editionKey,
    to: to.editionKey,
    diff: diffEditions(comparableIndicators(from), comparableIndicators(to)),
    justifications: to.edition.justifications,
  };
}
