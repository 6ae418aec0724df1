import { chunksOf } from '../chunks.ts';
import type { Queryable } from '../schema.ts';

/** An indicator whose rollups could not be computed: why, and since when. */
export interface IndicatorFault {
  indicatorId: number;
  reason: string;
  /** UTC ISO instant the fault was first seen. */
  since: string;
}

/** Records these faults; an indicator already at fault keeps its first `since` and gets the latest reason. */
export async function recordIndicatorFaults(db: Queryable, faults: readonly IndicatorFault[]): Promise<void> {
  for (const fault of faults) {
    await db
      .insertInto('indicator_faults')
      .values({ indicator_id: fault.indicatorId, reason: fault.reason, since: fault.since })
      .onConflict((oc) => oc.column('indicator_id').doUpdateSet({ reason: fault.reason }))
      .execute();
  }
}

/** Forgets the faults of these indicators: their days were computed again without error. */
export async function clearIndicatorFaults(db: Queryable, indicatorIds: readonly number[]): Promise<void> {
  for (const chunk of chunksOf(indicatorIds)) await db.deleteFrom('indicator_faults').where('indicator_id', 'in', chunk).execute();
}

/** Every recorded fault, by indicator id. */
export async function listIndicatorFaults(db: Queryable): Promise<IndicatorFault[]> {
  const rows = await db.selectFrom('indicator_faults').select(['indicator_id', 'reason', 'since']).orderBy('indicator_id').execute();
  return rows.map((row) => ({ indicatorId: Number(row.indicator_id), reason: row.reason, since: row.since }));
}

/** A fault with the indicator it concerns, as the operators read it. */
export interface NamedIndicatorFault extends IndicatorFault {
  service: string;
  edition: string;
  indicator: string;
}

/** Every recorded fault of an indicator still stored, named by service, edition and indicator slug. */
export async function listNamedIndicatorFaults(db: Queryable): Promise<NamedIndicatorFault[]> {
  const rows = await db
    .selectFrom('indicator_faults')
    .innerJoin('indicators', 'indicators.id', 'indicator_faults.indicator_id')
    .innerJoin('cards', 'cards.id', 'indicators.card_id')
    .innerJoin('services', 'services.id', 'cards.service_id')
    .select(['indicator_faults.indicator_id', 'indicator_faults.reason', 'indicator_faults.since', 'services.slug as service', 'cards.edition_key', 'indicators.slug as indicator'])
    .orderBy('services.slug')
    .orderBy('cards.edition_key')
    .orderBy('indicators.position')
    .execute();
  return rows.map((row) => ({
    indicatorId: Number(row.indicator_id),
    reason: row.reason,
    since: row.since,
    service: row.service,
    edition: row.edition_key,
    indicator: row.indicator,
  }));
}
