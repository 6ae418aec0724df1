import type { Selectable } from 'kysely';
import type { DayRollup } from '../../domain/evaluation/day-rollup.ts';
import { chunksOf, IN_LIST_LIMIT } from '../chunks.ts';
import type { DayRollupsTable, Queryable } from '../schema.ts';
import { bumpRollupEpoch } from './data-version.repository.ts';

/** Counts the rollup rows reads return, so a test can show that a report reads days, not events. */
export interface RollupReadStats {
  rowsRead: number;
}

function rollupFromRow(row: Selectable<DayRollupsTable>): DayRollup {
  return { date: row.date, good: row.good, total: row.total, sum: row.sum, max: row.max, lastAt: row.last_at };
}

/*
 * Every function here that changes day_rollups also moves the rollup epoch, once per call and only when it changed
 * something: a drain that computed rollups outside the write lock sees that someone wrote meanwhile and starts again
 * (see drain-rollup-queue.action.ts). Call them inside a transaction so the rows and the epoch move together.
 */

/** Writes the rollups of one indicator, replacing those of the same dates; moves the rollup epoch. */
export async function saveRollups(db: Queryable, indicatorId: number, rollups: readonly DayRollup[]): Promise<void> {
  if (rollups.length === 0) return;
  for (let index = 0; index < rollups.length; index += IN_LIST_LIMIT) {
    const chunk = rollups.slice(index, index + IN_LIST_LIMIT);
    await db
      .insertInto('day_rollups')
      .values(
        chunk.map((rollup) => ({
          indicator_id: indicatorId,
          date: rollup.date,
          good: rollup.good,
          total: rollup.total,
          sum: rollup.sum,
          max: rollup.max,
          last_at: rollup.lastAt,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['indicator_id', 'date']).doUpdateSet((eb) => ({
          good: eb.ref('excluded.good'),
          total: eb.ref('excluded.total'),
          sum: eb.ref('excluded.sum'),
          max: eb.ref('excluded.max'),
          last_at: eb.ref('excluded.last_at'),
        })),
      )
      .execute();
  }
  await bumpRollupEpoch(db);
}

/** Removes one indicator's rollups of these dates (days on which nothing counts any more); moves the epoch if any went. */
export async function deleteRollups(db: Queryable, indicatorId: number, dates: readonly string[]): Promise<void> {
  let deleted = 0n;
  for (let index = 0; index < dates.length; index += IN_LIST_LIMIT) {
    const result = await db
      .deleteFrom('day_rollups')
      .where('indicator_id', '=', indicatorId)
      .where('date', 'in', dates.slice(index, index + IN_LIST_LIMIT))
      .executeTakeFirst();
    deleted += BigInt(result.numDeletedRows);
  }
  if (deleted > 0n) await bumpRollupEpoch(db);
}

/** Removes every rollup of these indicators, or of all indicators when none are given; moves the epoch if any went. */
export async function deleteAllRollups(db: Queryable, indicatorIds?: readonly number[]): Promise<void> {
  if (indicatorIds?.length === 0) return;
  let deleted = 0n;
  for (const chunk of indicatorIds === undefined ? [undefined] : chunksOf(indicatorIds)) {
    let query = db.deleteFrom('day_rollups');
    if (chunk !== undefined) query = query.where('indicator_id', 'in', chunk);
    deleted += BigInt((await query.executeTakeFirst()).numDeletedRows);
  }
  if (deleted > 0n) await bumpRollupEpoch(db);
}

/** One indicator's rollups from `from` to `to` (local dates, inclusive), by date; counts the rows in `stats`. */
export async function findRollups(
  db: Queryable,
  indicatorId: number,
  from: string,
  to: string,
  stats?: RollupReadStats,
): Promise<DayRollup[]> {
  const rows = await db
    .selectFrom('day_rollups')
    .selectAll()
    .where('indicator_id', '=', indicatorId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date')
    .execute();
  if (stats) stats.rowsRead += rows.length;
  return rows.map(rollupFromRow);
}

/** Every rollup, by indicator and date: for tests and checks that compare a rebuild with what ingestion left. */
export async function listRollups(db: Queryable): Promise<(DayRollup & { indicatorId: number })[]> {
  const rows = await db.selectFrom('day_rollups').selectAll().orderBy('indicator_id').orderBy('date').execute();
  return rows.map((row) => ({ indicatorId: row.indicator_id, ...rollupFromRow(row) }));
}

/** The first local date with a rollup of this indicator, or null: one seek of the primary key. */
export async function findFirstRollupDate(db: Queryable, indicatorId: number): Promise<string | null> {
  const row = await db.selectFrom('day_rollups').select('date').where('indicator_id', '=', indicatorId).orderBy('date').limit(1).executeTakeFirst();
  return row?.date ?? null;
}
