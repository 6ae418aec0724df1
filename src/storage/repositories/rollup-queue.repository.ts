import type { Queryable } from '../schema.ts';

/** One indicator's local date whose rollup must be recomputed. */
export interface QueuedRollupDay {
  indicatorId: number;
  date: string;
}

/** Rows per insert or delete: keeps the bound parameters far below SQLite's and PostgreSQL's limits. */
const ROWS_PER_INSERT = 500;

/** Records days to recompute; call it in the transaction that stores the events that change them. */
export async function enqueueRollupDays(db: Queryable, days: readonly QueuedRollupDay[]): Promise<void> {
  for (let index = 0; index < days.length; index += ROWS_PER_INSERT) {
    const chunk = days.slice(index, index + ROWS_PER_INSERT);
    await db
      .insertInto('rollup_queue')
      .values(chunk.map((day) => ({ indicator_id: day.indicatorId, date: day.date })))
      .execute();
  }
}

/** Whether any day waits: a cheap read, so callers can skip opening a write transaction. */
export async function hasQueuedRollupDays(db: Queryable): Promise<boolean> {
  const row = await db.selectFrom('rollup_queue').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** A queued day with the id of its row, so that a drain removes exactly the rows it read. */
export interface QueuedRollupRow extends QueuedRollupDay {
  id: number;
}

/** The id of the last queued row, or undefined when nothing waits: one read of the primary key's end. */
export async function findLastQueuedRollupId(db: Queryable): Promise<number | undefined> {
  const row = await db.selectFrom('rollup_queue').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row === undefined ? undefined : Number(row.id);
}

/** The first `limit` waiting rows by id (duplicates included), only those up to `upToId` when given. Writes nothing. */
export async function listQueuedRollupDays(db: Queryable, limit: number, upToId?: number): Promise<QueuedRollupRow[]> {
  let query = db.selectFrom('rollup_queue').select(['id', 'indicator_id', 'date']);
  if (upToId !== undefined) query = query.where('id', '<=', upToId);
  const rows = await query.orderBy('id').limit(limit).execute();
  return rows.map((row) => ({ id: Number(row.id), indicatorId: Number(row.indicator_id), date: row.date }));
}

/** Removes these rows, by id: rows queued after they were read stay. */
export async function deleteQueuedRollupDays(db: Queryable, ids: readonly number[]): Promise<void> {
  for (let index = 0; index < ids.length; index += ROWS_PER_INSERT) {
    await db.deleteFrom('rollup_queue').where('id', 'in', ids.slice(index, index + ROWS_PER_INSERT)).execute();
  }
}
