import type { ImportedCard } from '../domain/cards/imported-card.ts';
import { UserError } from '../domain/shared/errors.ts';
import type { Database } from '../storage/database.ts';
import type { StoredCard } from '../storage/repositories/card.repository.ts';
import type { Queryable } from '../storage/schema.ts';
import type { EditionReference } from './approve-edition.action.ts';
import { loadServiceEditions, resolveEdition } from './edition-steps.ts';

/**
 * The card of a draft edition with its organisation, as an import gives it: what the card editor shows and, with
 * the person's corrections, imports again (the draft is updated in place). Only a draft can be edited.
 */
export async function findDraftCard(deps: { database: Database }, input: EditionReference): Promise<ImportedCard> {
  const stored = await findDraftEdition(deps.database.db, input);
  return { organisation: { slug: stored.organisation.slug, name: stored.organisation.name }, card: stored.card, doubts: [] };
}

/** The stored draft edition named, in the caller's transaction when given one; anything but a draft is refused. */
export async function findDraftEdition(db: Queryable, input: EditionReference): Promise<StoredCard> {
  const service = await loadServiceEditions(db, input.service);
  const stored = resolveEdition(service, input.edition);
  if (stored.edition.status !== 'draft') {
    throw new UserError(`the ${stored.editionKey} edition of "${service.serviceSlug}" is ${stored.edition.status}: only a draft can be edited; a correction is a new import`, { field: 'edition' });
  }
  return stored;
}
