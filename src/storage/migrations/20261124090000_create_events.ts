import type { Kysely } from 'kysely';
import type { MigrationDialect } from '../dialects/storage-dialect.ts';

/** Raw events, the sources that send them, the measure of each indicator and the per-day rollups evaluation reads. */
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  await dialect
    .addIdColumn(db.schema.createTable('events'))
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('event_id', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('subject', 'text')
    .addColumn('occurred_at', 'text', (col) => col.notNull())
    .addColumn('local_date', 'text', (col) => col.notNull())
    .addColumn('attributes_json', 'text', (col) => col.notNull())
    .addColumn('content_hash', 'text', (col) => col.notNull())
    .addColumn('received_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('events_source_event_id_unique', ['source', 'event_id'])
    .execute();
  // Folding a day reads its events by kind and date; pairing a duration's start and end reads them by subject
  // and kind. With kind second, the planner never prefers the (kind, local_date) index for a subject lookup,
  // which would scan every event of that kind.
  await db.schema.createIndex('events_kind_local_date_index').on('events').columns(['kind', 'local_date']).execute();
  await db.schema.createIndex('events_subject_kind_index').on('events').columns(['subject', 'kind']).execute();

  await dialect
    .addIdColumn(db.schema.createTable('sources'))
    .addColumn('name', 'text', (col) => col.notNull().unique())
    .addColumn('last_event_at', 'text')
    .addColumn('last_received_at', 'text')
    .addColumn('event_count', 'integer', (col) => col.notNull())
    .execute();

  await dialect
    .addIdColumn(db.schema.createTable('measures'))
    .addColumn('indicator_id', 'integer', (col) => col.notNull().unique().references('indicators.id').onDelete('cascade'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('definition_json', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('day_rollups')
    .addColumn('indicator_id', 'integer', (col) => col.notNull().references('indicators.id').onDelete('cascade'))
    .addColumn('date', 'text', (col) => col.notNull())
    .addColumn('good', 'integer', (col) => col.notNull())
    .addColumn('total', 'integer', (col) => col.notNull())
    .addColumn('sum', dialect.floatType, (col) => col.notNull())
    .addColumn('max', dialect.floatType)
    .addColumn('last_at', 'text')
    .addPrimaryKeyConstraint('day_rollups_primary_key', ['indicator_id', 'date'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['day_rollups', 'measures', 'sources', 'events']) {
    await db.schema.dropTable(table).execute();
  }
}
