import type { Kysely } from 'kysely';

/**
 * The daily duties `misura serve` runs on its own (the diffide reminder, their erasure at the end of retention): one
 * row per duty and local day, inserted by whichever server claims it first, so that two servers on one database never
 * both send the day's reminder.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('daily_runs')
    .addColumn('duty', 'text', (col) => col.notNull())
    .addColumn('day', 'text', (col) => col.notNull())
    .addColumn('at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('daily_runs_primary_key', ['duty', 'day'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('daily_runs').execute();
}
