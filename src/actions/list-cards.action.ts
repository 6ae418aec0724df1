import type { Indicator } from '../domain/cards/card.ts';
import type { Target } from '../domain/cards/target.ts';
import { withoutKey, type EditionRecord } from '../domain/editions/edition.ts';
import { PUBLIC_STATUSES, type EditionStatus } from '../domain/editions/edition-status.ts';
import { UserError } from '../domain/shared/errors.ts';
import { slugify } from '../domain/shared/slug.ts';
import type { Database } from '../storage/database.ts';
import { listCards as listStoredCards, type StoredCard } from '../storage/repositories/card.repository.ts';
import { findServicesBySlugs } from '../storage/repositories/service.repository.ts';

/** One indicator as listings and `misura cards --json` show it. */
export interface IndicatorListing {
  position: number;
  slug: string;
  dimension: string;
  dimensionKey: string;
  subdimension: string | null;
  description: string | null;
  formula: string | null;
  target: Target;
  additional: boolean;
  notes: string | null;
  /** The stable id (stored cards only; a dry run has none yet). */
  uid?: string;
}

/** One stored card; `service` is the service's name. */
export interface CardListing {
  organisation: { slug: string; name: string };
  service: string;
  serviceSlug: string;
  year: number | null;
  /** The edition key: the year as text ("2027-r2" for a correction), or "undated". */
  edition: string;
  /** Status, approval, the act, in force since, justifications. */
  lifecycle: Omit<EditionRecord, 'key'>;
  indicators: IndicatorListing[];
  /** Footnotes under the card's table ("(*) Dimensioni aggiuntive…", "(&) …"), as written. */
  notes: string[];
  /** The "(&)" rule as the card words it: a valore programmato may never be worse than an earlier one. */
  ruleText: string | null;
}

export interface CardFilterInput {
  year?: number;
  /** A service slug, or its name (matched through its slug). */
  service?: string;
  /**
   * Editions in these states; 'all' for every state. Default: published only, what the public may read as in force,
   * so that no reader shows a draft by forgetting a filter.
   */
  statuses?: readonly EditionStatus[] | 'all';
}

/** What the public sees of a service's editions: the one in force and those it replaced or took back, with their dates. */
export const PUBLIC_EDITIONS: CardFilterInput['statuses'] = PUBLIC_STATUSES;

/**
 * The stored cards, ordered by organisation, service and year (undated last), with their
 * indicators by position. A service filter that names no stored service is a UserError.
 */
export async function listCards(deps: { database: Database }, filter: CardFilterInput = {}): Promise<CardListing[]> {
  const { db } = deps.database;
  let serviceSlugs: string[] | undefined;
  if (filter.service !== undefined) {
    serviceSlugs = [...new Set([filter.service, slugify(filter.service)])];
    if ((await findServicesBySlugs(db, serviceSlugs)).length === 0) {
      throw new UserError(`no stored service is called "${filter.service}"`, { field: 'service' });
    }
  }
  const statuses = filter.statuses ?? ['published'];
  const cards = await listStoredCards(db, {
    ...(filter.year !== undefined ? { year: filter.year } : {}),
    ...(serviceSlugs !== undefined ? { serviceSlugs } : {}),
    ...(statuses === 'all' ? {} : { statuses }),
  });
  return cards.map(toListing);
}

export function toListing(stored: StoredCard): CardListing {
  const { card } = stored;
  return {
    organisation: { slug: stored.organisation.slug, name: stored.organisation.name },
    service: card.service.name,
    serviceSlug: card.service.slug,
    year: card.year,
    edition: stored.editionKey,
    lifecycle: withoutKey(stored.edition),
    indicators: card.indicators.map((indicator, index) => {
      const uid = stored.indicatorUids[index];
      return uid === undefined ? toIndicatorListing(indicator) : { ...toIndicatorListing(indicator), uid };
    }),
    notes: card.notes,
    ruleText: card.ruleText,
  };
}

/** An indicator as listings show it (also the dry run of an import). */
export function toIndicatorListing(indicator: Indicator): IndicatorListing {
  const { target } = indicator;
  return {
    position: indicator.position,
    slug: indicator.slug,
    dimension: indicator.dimension,
    dimensionKey: indicator.dimensionKey,
    subdimension: indicator.subdimension,
    description: indicator.description,
    formula: indicator.formula,
    target: {
      text: target.text,
      comparator: target.comparator,
      value: target.value,
      unit: target.unit,
      period: target.period,
      measurable: target.measurable,
      comparatorReason: target.comparatorReason,
      comparatorSource: target.comparatorSource,
    },
    additional: indicator.additional,
    notes: indicator.notes,
  };
}
