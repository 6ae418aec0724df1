import type { Kysely } from 'kysely';

/**
 * The rollup epoch: a counter on the data_version row that every write of day_rollups moves. A drain computes
 * rollups outside the write lock and writes them only if the epoch is still the one it read first, so a rollup
 * written meanwhile by anyone else (a file ingestion, a rebuild, measures, another drainer) is never overwritten
 * with older numbers. Plain ADD COLUMN with a default: both SQLite and PostgreSQL fill the existing row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('data_version')
    .addColumn('rollup_epoch', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('data_version').dropColumn('rollup_epoch').execute();
}
