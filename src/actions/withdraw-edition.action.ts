import type { Actor } from '../domain/accounts/actor.ts';
import { nextEditionStatus } from '../domain/editions/edition-status.ts';
import { UserError } from '../domain/shared/errors.ts';
import { appendAuditRecord } from '../storage/repositories/audit-log.repository.ts';
import { bumpDataVersion } from '../storage/repositories/data-version.repository.ts';
import { updateEditionState } from '../storage/repositories/edition.repository.ts';
import type { EditionReference } from './approve-edition.action.ts';
import { auditKeyOf, loadServiceEditions, nowOf, resolveEdition, type EditionDeps } from './edition-steps.ts';
import { listingOf, type EditionListing } from './list-editions.action.ts';

/**
 * Takes back an approved or published edition, with the reason: it stays listed as withdrawn, with its dates, and is
 * no longer in force. Audited as "edition.withdraw".
 */
export async function withdrawEdition(deps: EditionDeps, actor: Actor, input: EditionReference & { reason: string }): Promise<EditionListing> {
  const reason = input.reason.trim();
  if (reason === '') throw new UserError('say why the edition is withdrawn', { field: 'reason' });
  const now = nowOf(deps);
  return deps.database.db.transaction().execute(async (trx) => {
    const service = await loadServiceEditions(trx, input.service);
    const stored = resolveEdition(service, input.edition);
    const status = nextEditionStatus(stored.edition.status, 'withdraw', `${service.serviceSlug} ${stored.editionKey}`);
    await updateEditionState(trx, stored.id, { status, closedAt: now, closeReason: reason });
    await appendAuditRecord(
      trx,
      actor,
      { action: 'edition.withdraw', entityType: 'edition', entityKey: auditKeyOf(service, stored), before: { status: stored.edition.status }, after: { status, reason } },
      now,
    );
    await bumpDataVersion(trx);
    return listingOf(service, { ...stored, edition: { ...stored.edition, status, closedAt: now, closeReason: reason } });
  });
}
