import type { Actor } from '../domain/accounts/actor.ts';
import { DEFAULT_WORK_CALENDAR } from '../domain/calendar/index.ts';
import { editionKeyOf } from '../domain/cards/card.ts';
import { UserError } from '../domain/shared/errors.ts';
import { appendAuditRecord } from '../storage/repositories/audit-log.repository.ts';
import { saveCard } from '../storage/repositories/card.repository.ts';
import { bumpDataVersion, bumpRollupEpoch } from '../storage/repositories/data-version.repository.ts';
import { copyMeasuresForward } from './copy-measures.ts';
import { loadServiceEditions, nowOf, type EditionDeps } from './edition-steps.ts';
import type { EditionListing } from './list-editions.action.ts';
import { listingOf } from './list-editions.action.ts';

/**
 * Starts the `year` edition of a service as a draft copy of its latest edition (the latest published one, else the
 * latest of any state but withdrawn), with the same stable ids and the same measures. Audited as "edition.new".
 */
export async function startEdition(deps: EditionDeps, actor: Actor, input: { service: string; year: number }): Promise<EditionListing & { measuresCopied: number }> {
  const now = nowOf(deps);
  return deps.database.db.transaction().execute(async (trx) => {
    const service = await loadServiceEditions(trx, input.service);
    const key = editionKeyOf(input.year);
    const existing = service.editions.find((stored) => stored.card.year === input.year);
    if (existing !== undefined) {
      throw new UserError(`service "${service.serviceSlug}" already has a ${input.year} edition (${existing.editionKey}, ${existing.edition.status})`, { field: 'year' });
    }
    const candidates = service.editions.filter((stored) => stored.edition.status !== 'withdrawn');
    const source = candidates.filter((stored) => stored.edition.status === 'published').at(-1) ?? candidates.at(-1);
    if (source === undefined) throw new UserError(`service "${service.serviceSlug}" has no edition to start from: import its card first`, { field: 'service' });
    if (source.card.year !== null && source.card.year >= input.year) {
      throw new UserError(`the new edition must come after ${source.editionKey}, the one it copies`, { field: 'year' });
    }
    const card = { ...source.card, year: input.year, source: { file: `copy of ${source.editionKey}` } };
    const saved = await saveCard(trx, source.serviceId, card, now, { editionKey: key, uids: source.indicatorUids, status: 'draft' });
    const measuresCopied = await copyMeasuresForward(trx, source, { indicatorIds: saved.indicatorIds, indicatorUids: source.indicatorUids }, now, deps.calendar ?? DEFAULT_WORK_CALENDAR);
    await appendAuditRecord(
      trx,
      actor,
      { action: 'edition.new', entityType: 'edition', entityKey: `${service.serviceSlug}/${key}`, before: null, after: { status: 'draft', copiedFrom: source.editionKey, indicators: card.indicators.length, measuresCopied } },
      now,
    );
    await bumpDataVersion(trx);
    await bumpRollupEpoch(trx);
    const started = (await loadServiceEditions(trx, service.serviceSlug)).editions.find((stored) => stored.id === saved.id);
    if (started === undefined) throw new Error(`the ${key} edition just written cannot be read back`);
    return { ...listingOf(service, started), measuresCopied };
  });
}
