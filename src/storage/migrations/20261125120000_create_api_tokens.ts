import type { Kysely } from 'kysely';
import type { MigrationDialect } from '../dialects/storage-dialect.ts';

/**
 * The bearer tokens that let a source send events over HTTP (only their SHA-256 is kept), and the data version:
 * one counter, bumped whenever events, measures or cards change, that keys the evaluation and page caches.
 */
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  await dialect
    .addIdColumn(db.schema.createTable('api_tokens'))
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('label', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('data_version')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('version', 'integer', (col) => col.notNull())
    .execute();
  // The single row exists from the start, so reading and bumping never need an upsert.
  await (db as Kysely<{ data_version: { id: number; version: number } }>).insertInto('data_version').values({ id: 1, version: 0 }).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['data_version', 'api_tokens']) {
    await db.schema.dropTable(table).execute();
  }
}
