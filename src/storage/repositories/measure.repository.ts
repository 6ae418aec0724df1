import type { Selectable } from 'kysely';
import type { Measure } from '../../domain/measures/measure.ts';
import { chunksOf } from '../chunks.ts';
import { fromJsonColumn, toJsonColumn } from '../json-column.ts';
import type { MeasuresTable, Queryable } from '../schema.ts';

/** The measure of one indicator, as stored. */
export interface StoredMeasure {
  indicatorId: number;
  measure: Measure;
  updatedAt: string;
}

export type MeasureSaveStatus = 'created' | 'updated' | 'unchanged';

function measureFromRow(row: Selectable<MeasuresTable>): StoredMeasure {
  // Only validated measures are written (apply-measures), so the JSON is trusted.
  return { indicatorId: row.indicator_id, measure: fromJsonColumn<Measure>(row.definition_json), updatedAt: row.updated_at };
}

/** Every stored measure, by indicator id. */
export async function listMeasures(db: Queryable): Promise<StoredMeasure[]> {
  const rows = await db.selectFrom('measures').selectAll().orderBy('indicator_id').execute();
  return rows.map(measureFromRow);
}

/** The measure of one indicator, if any. */
export async function findMeasure(db: Queryable, indicatorId: number): Promise<StoredMeasure | undefined> {
  const row = await db.selectFrom('measures').selectAll().where('indicator_id', '=', indicatorId).executeTakeFirst();
  return row && measureFromRow(row);
}

/**
 * Sets the measure of an indicator. A definition equal to the stored one changes nothing (not even updated_at),
 * so re-applying the same file leaves the rollups alone.
 */
export async function saveMeasure(db: Queryable, indicatorId: number, measure: Measure, now: string): Promise<MeasureSaveStatus> {
  const definition = toJsonColumn(measure);
  const existing = await db.selectFrom('measures').select(['id', 'definition_json']).where('indicator_id', '=', indicatorId).executeTakeFirst();
  if (existing === undefined) {
    await db.insertInto('measures').values({ indicator_id: indicatorId, kind: measure.kind, definition_json: definition, updated_at: now }).execute();
    return 'created';
  }
  if (existing.definition_json === definition) return 'unchanged';
  await db.updateTable('measures').set({ kind: measure.kind, definition_json: definition, updated_at: now }).where('id', '=', existing.id).execute();
  return 'updated';
}

/** The measures of these indicators (any number of them). */
export async function findMeasuresOf(db: Queryable, indicatorIds: readonly number[]): Promise<StoredMeasure[]> {
  const found: StoredMeasure[] = [];
  for (const chunk of chunksOf(indicatorIds)) {
    for (const row of await db.selectFrom('measures').selectAll().where('indicator_id', 'in', chunk).execute()) found.push(measureFromRow(row));
  }
  return found;
}
