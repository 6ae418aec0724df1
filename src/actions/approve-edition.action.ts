import type { Actor } from '../domain/accounts/actor.ts';
import { listingOf, type EditionListing } from './list-editions.action.ts';
import { findWorsenings, type Worsening } from '../domain/editions/edition-diff.ts';
import { approveInTransaction, comparableIndicators, findPrecedingEdition, loadServiceEditions, nowOf, resolveEdition, type ApprovalInput, type EditionDeps } from './edition-steps.ts';

export interface EditionReference {
  /** The service's slug or name. */
  service: string;
  /** "2027" (its latest revision), "2027-r2" or "undated". */
  edition: string;
}

/**
 * Approves a draft edition with the act that adopted it; refused by the "(&)" rule when a target gets worse, or an
 * indicator goes, without a justification (see approveInTransaction). Audited as "edition.approve".
 */
export async function approveEdition(deps: EditionDeps, actor: Actor, input: EditionReference & ApprovalInput): Promise<EditionListing> {
  const now = nowOf(deps);
  return deps.database.db.transaction().execute(async (trx) => {
    const service = await loadServiceEditions(trx, input.service);
    const approved = await approveInTransaction(trx, actor, service, resolveEdition(service, input.edition), input, now);
    return listingOf(service, approved);
  });
}

/** What the "(&)" rule will ask to justify when this edition is approved: its worse targets and dropped indicators. */
export async function findEditionWorsenings(deps: { database: EditionDeps['database'] }, input: EditionReference): Promise<Worsening[]> {
  const service = await loadServiceEditions(deps.database.db, input.service);
  const stored = resolveEdition(service, input.edition);
  const preceding = findPrecedingEdition(service, stored);
  return preceding === undefined ? [] : findWorsenings(comparableIndicators(preceding), comparableIndicators(stored));
}
