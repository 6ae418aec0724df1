import type { Kysely } from 'kysely';
import type { MigrationDialect } from '../dialects/storage-dialect.ts';

/**
 * Diffide (d.lgs. 198/2009 art. 3) and their history. A diffida keeps what the citizen was told at receipt (the organo,
 * its PEC, the standard as the card in force worded it), since cards and organi change afterwards. Instants are UTC
 * ISO text; received_on is the local day of receipt the terms run from, fixed then (a later MISURA_TIME_ZONE moves no
 * deadline); the deadlines themselves are computed from it (src/domain/diffide), not stored. Numbers come from a per-year
 * counter bumped in the inserting transaction (an upsert, atomic on both dialects), so two servers on one PostgreSQL
 * database never hand out the same one; the unique index is the last guard.
 */
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  await db.schema
    .createTable('diffida_counters')
    .addColumn('year', 'integer', (col) => col.primaryKey())
    .addColumn('last_number', 'integer', (col) => col.notNull())
    .execute();

  await dialect
    .addIdColumn(db.schema.createTable('diffide'))
    .addColumn('number', 'text', (col) => col.notNull().unique())
    .addColumn('service_id', 'integer', (col) => col.notNull().references('services.id'))
    .addColumn('edition_key', 'text')
    .addColumn('indicator_slug', 'text')
    .addColumn('standard_text', 'text')
    .addColumn('facts', 'text', (col) => col.notNull())
    .addColumn('claimant_name', 'text', (col) => col.notNull())
    .addColumn('claimant_email', 'text', (col) => col.notNull())
    .addColumn('organo', 'text', (col) => col.notNull())
    .addColumn('organo_pec', 'text')
    .addColumn('received_at', 'text', (col) => col.notNull())
    .addColumn('received_on', 'text', (col) => col.notNull())
    .addColumn('state', 'text', (col) => col.notNull())
    .addColumn('outcome', 'text')
    .addColumn('measures', 'text')
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('diffide_state_index').on('diffide').column('state').execute();

  await dialect
    .addIdColumn(db.schema.createTable('diffida_history'))
    .addColumn('diffida_id', 'integer', (col) => col.notNull().references('diffide.id').onDelete('cascade'))
    .addColumn('at', 'text', (col) => col.notNull())
    .addColumn('step', 'text', (col) => col.notNull())
    .addColumn('actor', 'text', (col) => col.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('diffida_history_diffida_index').on('diffida_history').column('diffida_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['diffida_history', 'diffide', 'diffida_counters']) await db.schema.dropTable(table).execute();
}
