import type { Kysely } from 'kysely';
import type { MigrationDialect } from '../dialects/storage-dialect.ts';

/**
 * Days whose rollups wait to be recomputed: the HTTP ingestion records them in the transaction that stores the events
 * and answers at once; a drain recomputes and removes them. A row per (indicator, date) and ingestion, duplicates
 * allowed, so that a drain removes exactly the rows it read and never one written after.
 */
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  await dialect
    .addIdColumn(db.schema.createTable('rollup_queue'))
    .addColumn('indicator_id', 'integer', (col) => col.notNull())
    .addColumn('date', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rollup_queue').execute();
}
