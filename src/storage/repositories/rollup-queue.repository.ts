import type { Queryable } from '../schema.ts';

/** One indicator's local date whose rollup must be recomputed. */
export interface QueuedRollupDay {
  indicatorId: number;
  date: string;
}

/** Rows per insert: keeps the bound parameters far below SQLite's and PostgreSQL's limits. */
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

/**
 * Removes every waiting day and returns them (duplicates included), in one statement; call it in the transaction
 * that recomputes them, so a failure puts them back. A concurrent taker waits on the same rows and gets none of them.
 */
export async function takeQueuedRollupDays(db: Queryable): Promise<QueuedRollupDay[]> {
  const rows = await db.deleteFrom('rollup_queue').returning(['indicator_id', 'date']).execute();
  return rows.map((row) => ({ indicatorId: Number(row.indicator_id), date: row.date }));
}
