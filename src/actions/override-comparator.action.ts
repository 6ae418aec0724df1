import type { StandardCard } from '../domain/cards/card.ts';
import type { Comparator, Target } from '../domain/cards/target.ts';
import { overrideComparator as overrideTarget } from '../domain/cards/target-parse.ts';
import { UserError } from '../domain/shared/errors.ts';
import { slugify } from '../domain/shared/slug.ts';
import type { Database } from '../storage/database.ts';
import { findCard, saveCard, type StoredCard } from '../storage/repositories/card.repository.ts';
import { saveComparatorOverride } from '../storage/repositories/comparator-override.repository.ts';
import { findServicesBySlugs } from '../storage/repositories/service.repository.ts';
import { bumpDataVersion, bumpRollupEpoch } from '../storage/repositories/data-version.repository.ts';

const COMPARATORS: readonly Comparator[] = ['>=', '<=', '='];

export interface OverrideComparatorInput {
  /** The service's slug, or its name. */
  service: string;
  /** The edition key: a year such as "2021", or "undated". */
  edition: string;
  /** The indicator's slug. */
  indicator: string;
  /** '>=', '<=' or '='; typed as string because it comes from people. */
  comparator: string;
  /** Why the person overrides the inferred comparator; shown as the comparator's reason. */
  reason: string;
}

export interface OverrideComparatorResult {
  serviceSlug: string;
  edition: string;
  indicatorSlug: string;
  /** The indicator's target after the override. */
  target: Target;
}

export interface OverrideComparatorDeps {
  database: Database;
  /** The clock; tests pin it. */
  now?: () => Date;
}

/**
 * Sets the comparator of one indicator of one edition by hand: stores the override (re-imports
 * apply it again) and updates the stored indicator. Unknown service, edition or indicator → UserError.
 */
export async function overrideComparator(deps: OverrideComparatorDeps, input: OverrideComparatorInput): Promise<OverrideComparatorResult> {
  const comparator = parseComparator(input.comparator);
  const reason = input.reason.trim();
  if (reason === '') throw new UserError('say why the comparator is overridden', { field: 'reason' });
  const edition = input.edition.trim().toLowerCase();
  const now = (deps.now?.() ?? new Date()).toISOString();

  return deps.database.db.transaction().execute(async (trx) => {
    const services = await findServicesBySlugs(trx, [...new Set([input.service, slugify(input.service)])]);
    const serviceSlugs = [...new Set(services.map((stored) => stored.service.slug))];
    const [serviceSlug] = serviceSlugs;
    if (serviceSlug === undefined) throw new UserError(`unknown service "${input.service}"`, { field: 'service' });
    if (serviceSlugs.length > 1) throw new UserError(`"${input.service}" matches the services ${serviceSlugs.join(', ')}: give the slug`, { field: 'service' });

    const cards: StoredCard[] = [];
    for (const stored of services) {
      const card = await findCard(trx, stored.id, edition);
      if (card) cards.push(card);
    }
    const [first, ...others] = cards;
    if (first === undefined) throw new UserError(`service "${serviceSlug}" has no "${edition}" edition`, { field: 'edition' });

    // Every organisation's card of this service and edition follows the override, as re-imports would.
    const update = (stored: StoredCard) => ({ stored, ...withOverride(stored, input.indicator, comparator, reason) });
    const firstUpdate = update(first);
    const updates = [firstUpdate, ...others.map(update)];
    for (const { stored, card } of updates) await saveCard(trx, stored.serviceId, card, stored.importedAt);
    await saveComparatorOverride(trx, { serviceSlug, editionKey: edition, indicatorSlug: input.indicator, comparator, reason, createdAt: now });
    await bumpDataVersion(trx);
    // Definitions changed: a drain that folded with the old ones must not land its rollups.
    await bumpRollupEpoch(trx);
    return { serviceSlug, edition, indicatorSlug: input.indicator, target: firstUpdate.target };
  });
}

function parseComparator(text: string): Comparator {
  const comparator = COMPARATORS.find((known) => known === text.trim());
  if (comparator === undefined) throw new UserError(`unknown comparator "${text}"; use one of ${COMPARATORS.join(' ')}`, { field: 'comparator' });
  return comparator;
}

function withOverride(stored: StoredCard, indicatorSlug: string, comparator: Comparator, reason: string): { card: StandardCard; target: Target } {
  const { card } = stored;
  const indicator = card.indicators.find((candidate) => candidate.slug === indicatorSlug);
  if (indicator === undefined) {
    const known = card.indicators.map((candidate) => candidate.slug).join(', ');
    throw new UserError(`unknown indicator "${indicatorSlug}" in the ${stored.editionKey} card of "${card.service.slug}"; its indicators are: ${known}`, {
      file: card.source.file,
      field: 'indicator',
    });
  }
  const target = overrideTarget(indicator.target, comparator, reason);
  return { card: { ...card, indicators: card.indicators.map((candidate) => (candidate === indicator ? { ...candidate, target } : candidate)) }, target };
}
