import { editionKeyOf, type Organisation, type StandardCard } from '../domain/cards/card.ts';
import type { Finding } from '../domain/cards/finding.ts';
import type { ImportedCard } from '../domain/cards/imported-card.ts';
import { overrideComparator } from '../domain/cards/target-parse.ts';
import { UserError } from '../domain/shared/errors.ts';
import { slugify } from '../domain/shared/slug.ts';
import { hashCard } from '../storage/card-hash.ts';
import type { Database } from '../storage/database.ts';
import type { Queryable } from '../storage/schema.ts';
import { findCard, saveCard } from '../storage/repositories/card.repository.ts';
import { findComparatorOverrides, type ComparatorOverride } from '../storage/repositories/comparator-override.repository.ts';
import { listOrganisations, saveOrganisation } from '../storage/repositories/organisation.repository.ts';
import { findService, saveService } from '../storage/repositories/service.repository.ts';
import { bumpDataVersion, bumpRollupEpoch } from '../storage/repositories/data-version.repository.ts';

export type ImportStatus = 'created' | 'updated' | 'unchanged';

/** What happened to one card of the batch. */
export interface ImportedCardSummary {
  file: string;
  organisationSlug: string;
  serviceName: string;
  serviceSlug: string;
  year: number | null;
  edition: string;
  indicatorCount: number;
  status: ImportStatus;
  /** The reader's doubts, passed through for the person to check. */
  doubts: Finding[];
}

export interface ImportSummary {
  /** In the order the cards were given. */
  cards: ImportedCardSummary[];
}

export interface ImportCardsDeps {
  database: Database;
  /** The clock; tests pin it. */
  now?: () => Date;
}

/** The organisation of a card whose file names none: the office in charge, else a generic one. */
export function defaultOrganisationFor(card: StandardCard): Organisation {
  const name = card.service.office?.trim() || 'Default organisation';
  return { slug: slugify(name), name };
}

/**
 * Stores a batch of read cards in ONE transaction: all are written or none. Idempotent: a card
 * whose content (stored comparator overrides applied) equals what is stored is left untouched
 * and reported 'unchanged'; ids of cards and indicators never change on re-import.
 */
export async function importCards(deps: ImportCardsDeps, cards: readonly ImportedCard[]): Promise<ImportSummary> {
  const now = (deps.now?.() ?? new Date()).toISOString();
  return deps.database.db.transaction().execute(async (trx) => {
    const seen = new Map<string, string>();
    const summaries: ImportedCardSummary[] = [];
    const fallback = await fallbackOrganisation(trx, cards);
    // Each card is checked just before it is written, so a bad card anywhere in the batch rolls back the ones before it.
    for (const imported of cards) summaries.push(await importCard(trx, imported, seen, now, fallback));
    if (summaries.some((card) => card.status !== 'unchanged')) {
      await bumpDataVersion(trx);
      // Definitions changed: a drain that folded with the old ones must not land its rollups.
      await bumpRollupEpoch(trx);
    }
    return { cards: summaries };
  });
}

/**
 * The PA of a card that names none (card 003 has no header): the one PA the batch names, else the one PA already
 * stored; only when that is ambiguous does the card's office (or a default) stand in. A misura instance normally
 * serves one PA, so its cards should not scatter over made-up organisations.
 */
async function fallbackOrganisation(db: Queryable, cards: readonly ImportedCard[]): Promise<Organisation | null> {
  const named = new Map(cards.flatMap((c) => (c.organisation ? [[c.organisation.slug, c.organisation] as const] : [])));
  if (named.size === 1) return [...named.values()][0] ?? null;
  if (named.size > 1) return null;
  const stored = await listOrganisations(db);
  return stored.length === 1 && stored[0] ? { slug: stored[0].slug, name: stored[0].name } : null;
}

async function importCard(db: Queryable, imported: ImportedCard, seen: Map<string, string>, now: string, fallback: Organisation | null): Promise<ImportedCardSummary> {
  const organisation = imported.organisation ?? fallback ?? defaultOrganisationFor(imported.card);
  const { service } = imported.card;
  const file = imported.card.source.file;
  const edition = editionKeyOf(imported.card.year);
  assertFirstInBatch(seen, `${organisation.slug}/${service.slug}/${edition}`, imported.card);
  assertDistinctIndicators(imported.card);

  const card = applyOverrides(imported.card, await findComparatorOverrides(db, service.slug, edition));
  const { id: organisationId } = await saveOrganisation(db, organisation);
  const storedService = await findService(db, organisationId, service.slug);
  const existing = storedService && (await findCard(db, storedService.id, edition));

  let status: ImportStatus;
  if (existing && hashCard(existing.card) === hashCard(card)) {
    status = 'unchanged';
  } else {
    const serviceId = await saveService(db, organisationId, service, now);
    await saveCard(db, serviceId, card, now);
    status = existing ? 'updated' : 'created';
  }
  return {
    file,
    organisationSlug: organisation.slug,
    serviceName: service.name,
    serviceSlug: service.slug,
    year: card.year,
    edition,
    indicatorCount: card.indicators.length,
    status,
    doubts: imported.doubts,
  };
}

/** Two files for the same service and edition in one batch would silently overwrite each other. */
function assertFirstInBatch(seen: Map<string, string>, key: string, card: StandardCard): void {
  const earlier = seen.get(key);
  if (earlier !== undefined) {
    const edition = editionKeyOf(card.year);
    throw new UserError(`the ${edition} card of service "${card.service.slug}" is also in ${earlier}; import one of them`, {
      file: card.source.file,
      field: 'service',
    });
  }
  seen.set(key, card.source.file);
}

/** Positions and slugs identify indicators inside a card; a repeat is an input error, not a database one. */
function assertDistinctIndicators(card: StandardCard): void {
  const positions = new Map<number, number>();
  const slugs = new Map<string, number>();
  for (const indicator of card.indicators) {
    const where = { file: card.source.file, line: indicator.source.line, field: 'indicator' };
    const atPosition = positions.get(indicator.position);
    if (atPosition !== undefined) throw new UserError(`indicator position ${indicator.position} is used twice (also at line ${atPosition})`, where);
    const atSlug = slugs.get(indicator.slug);
    if (atSlug !== undefined) throw new UserError(`indicator slug "${indicator.slug}" is used twice (also at line ${atSlug})`, where);
    positions.set(indicator.position, indicator.source.line);
    slugs.set(indicator.slug, indicator.source.line);
  }
}

/** The person's comparator beats the one read from the file. */
function applyOverrides(card: StandardCard, overrides: readonly ComparatorOverride[]): StandardCard {
  if (overrides.length === 0) return card;
  const bySlug = new Map(overrides.map((override) => [override.indicatorSlug, override]));
  return {
    ...card,
    indicators: card.indicators.map((indicator) => {
      const override = bySlug.get(indicator.slug);
      return override ? { ...indicator, target: overrideComparator(indicator.target, override.comparator, override.reason) } : indicator;
    }),
  };
}
