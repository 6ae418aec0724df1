import type { Kysely } from 'kysely';

/**
 * Events lose their content hash: ingestion inserts with ON CONFLICT DO NOTHING and compares the content of the few
 * keys already stored, so hashing every event (and storing 64 characters per row) bought nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('events').dropColumn('content_hash').execute();
}

/** Puts the column back, empty: the versions that used it compared hashes, so re-sends there would read as corrections. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('events')
    .addColumn('content_hash', 'text', (col) => col.notNull().defaultTo(''))
    .execute();
}
