import type { Actor } from '../domain/accounts/actor.ts';
import type { EditionReference } from './approve-edition.action.ts';
import { loadServiceEditions, nowOf, publishInTransaction, resolveEdition, type EditionDeps } from './edition-steps.ts';
import { listingOf, type EditionListing } from './list-editions.action.ts';

/** Publishes an approved edition (the one of the same year it corrects becomes superseded). Audited as "edition.publish". */
export async function publishEdition(deps: EditionDeps, actor: Actor, input: EditionReference): Promise<EditionListing> {
  const now = nowOf(deps);
  return deps.database.db.transaction().execute(async (trx) => {
    const service = await loadServiceEditions(trx, input.service);
    return listingOf(service, await publishInTransaction(trx, actor, service, resolveEdition(service, input.edition), now));
  });
}
