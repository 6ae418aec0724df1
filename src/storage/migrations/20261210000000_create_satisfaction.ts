import type { Kysely } from 'kysely';
import type { MigrationDialect } from '../dialects/storage-dialect.ts';

/**
 * "Mettiamoci la faccia" votes (CAD art. 7 c.3) and what keeps them honest.
 *
 * - satisfaction_votes: one face per service and channel, an optional reason, the UTC instant and the local day. The
 *   client is kept only as client_key, an HMAC of its address under the salt of that day: one vote per client, service,
 *   channel and day is a unique index (a repeat is not counted twice, even from two servers at once), and the raw
 *   address is never stored. event_id names the event the vote became (source "soddisfazione").
 * - satisfaction_salts: one random salt per local day, made by whichever server needs it first. The form tokens are
 *   signed with it too. Salts older than yesterday are deleted, so no one (not even with the database) can later tell
 *   which address cast an old vote.
 * - satisfaction_token_uses: the nonces of the form tokens already used, so each token counts once.
 */
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  await dialect
    .addIdColumn(db.schema.createTable('satisfaction_votes'))
    .addColumn('service_id', 'integer', (col) => col.notNull().references('services.id').onDelete('cascade'))
    .addColumn('channel', 'text', (col) => col.notNull())
    .addColumn('face', 'text', (col) => col.notNull())
    .addColumn('reason', 'text')
    .addColumn('voted_at', 'text', (col) => col.notNull())
    .addColumn('voted_on', 'text', (col) => col.notNull())
    .addColumn('client_key', 'text', (col) => col.notNull())
    .addColumn('event_id', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('satisfaction_votes_once_a_day').on('satisfaction_votes').columns(['client_key', 'service_id', 'channel', 'voted_on']).unique().execute();
  await db.schema.createIndex('satisfaction_votes_day_index').on('satisfaction_votes').column('voted_on').execute();

  await db.schema
    .createTable('satisfaction_salts')
    .addColumn('day', 'text', (col) => col.primaryKey())
    .addColumn('salt', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('satisfaction_token_uses')
    .addColumn('nonce', 'text', (col) => col.primaryKey())
    .addColumn('used_at', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['satisfaction_token_uses', 'satisfaction_salts', 'satisfaction_votes']) await db.schema.dropTable(table).execute();
}
