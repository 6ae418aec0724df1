import type { Queryable } from '../schema.ts';

/** Claims `duty` for the local `day`: true for the one caller that inserted the row, false for every later one. */
export async function claimDailyRun(db: Queryable, duty: string, day: string, at: string): Promise<boolean> {
  const row = await db
    .insertInto('daily_runs')
    .values({ duty, day, at })
    .onConflict((conflict) => conflict.columns(['duty', 'day']).doNothing())
    .returning('duty')
    .executeTakeFirst();
  return row !== undefined;
}
