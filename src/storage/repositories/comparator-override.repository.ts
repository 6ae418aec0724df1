import type { Selectable } from 'kysely';
import type { Comparator } from '../../domain/cards/target.ts';
import { compareText } from '../compare-text.ts';
import type { ComparatorOverridesTable, Queryable } from '../schema.ts';

/** A comparator a person set for one indicator of one edition; it outlives re-imports. */
export interface ComparatorOverride {
  serviceSlug: string;
  editionKey: string;
  indicatorSlug: string;
  comparator: Comparator;
  reason: string;
  /** When the current override was set (canonical UTC ISO). */
  createdAt: string;
}

function overrideFromRow(row: Selectable<ComparatorOverridesTable>): ComparatorOverride {
  return {
    serviceSlug: row.service_slug,
    editionKey: row.edition_key,
    indicatorSlug: row.indicator_slug,
    // The migration's check constraint holds the column to the domain's comparators.
    comparator: row.comparator as Comparator,
    reason: row.reason,
    createdAt: row.created_at,
  };
}

/** Stores the override, replacing any earlier one for the same service, edition and indicator. */
export async function saveComparatorOverride(db: Queryable, override: ComparatorOverride): Promise<void> {
  const replaced = { comparator: override.comparator, reason: override.reason, created_at: override.createdAt };
  await db
    .insertInto('comparator_overrides')
    .values({ service_slug: override.serviceSlug, edition_key: override.editionKey, indicator_slug: override.indicatorSlug, ...replaced })
    .onConflict((oc) => oc.columns(['service_slug', 'edition_key', 'indicator_slug']).doUpdateSet(replaced))
    .execute();
}

/** The overrides of one service's edition, by indicator slug. */
export async function findComparatorOverrides(db: Queryable, serviceSlug: string, editionKey: string): Promise<ComparatorOverride[]> {
  const rows = await db
    .selectFrom('comparator_overrides')
    .selectAll()
    .where('service_slug', '=', serviceSlug)
    .where('edition_key', '=', editionKey)
    .execute();
  return rows.map(overrideFromRow).sort((a, b) => compareText(a.indicatorSlug, b.indicatorSlug));
}

/** Every override, by service, edition and indicator slug. */
export async function listComparatorOverrides(db: Queryable): Promise<ComparatorOverride[]> {
  const rows = await db.selectFrom('comparator_overrides').selectAll().execute();
  return rows
    .map(overrideFromRow)
    .sort((a, b) => compareText(a.serviceSlug, b.serviceSlug) || compareText(a.editionKey, b.editionKey) || compareText(a.indicatorSlug, b.indicatorSlug));
}

/** Removes one override; says whether there was one. The indicator keeps its current target until re-import. */
export async function deleteComparatorOverride(db: Queryable, serviceSlug: string, editionKey: string, indicatorSlug: string): Promise<boolean> {
  const result = await db
    .deleteFrom('comparator_overrides')
    .where('service_slug', '=', serviceSlug)
    .where('edition_key', '=', editionKey)
    .where('indicator_slug', '=', indicatorSlug)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
