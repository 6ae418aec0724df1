import { sql, type Kysely } from 'kysely';
import type { MigrationDialect } from '../dialects/storage-dialect.ts';

/**
 * Editions with a lifecycle (draft → approved → published → superseded or withdrawn), the act that adopted each,
 * the "(&)" justifications, and stable indicator ids with every slug they have had (for redirects and measures files).
 * Cards stored before this were published by their import, so they stay published; each indicator's stable id is
 * derived from its service and slug, so the same slug in several editions is one indicator, as it was read before.
 */
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  await db.schema.alterTable('cards').addColumn('status', 'text', (col) => col.notNull().defaultTo('published')).execute();
  for (const column of ['approved_by', 'approved_at', 'act', 'in_force_from', 'published_at', 'closed_at', 'close_reason']) {
    await db.schema.alterTable('cards').addColumn(column, 'text').execute();
  }
  await sql`update cards set published_at = imported_at, in_force_from = coalesce(cast(year as text) || '-01-01', substr(imported_at, 1, 10))`.execute(db);

  await db.schema.alterTable('indicators').addColumn('uid', 'text').execute();
  await sql`update indicators set uid = (select 'i-' || cast(cards.service_id as text) || '-' || indicators.slug from cards where cards.id = indicators.card_id)`.execute(db);
  await db.schema.createIndex('indicators_card_uid_unique').on('indicators').columns(['card_id', 'uid']).unique().execute();

  await dialect
    .addIdColumn(db.schema.createTable('indicator_slugs'))
    .addColumn('service_id', 'integer', (col) => col.notNull().references('services.id').onDelete('cascade'))
    .addColumn('slug', 'text', (col) => col.notNull())
    .addColumn('uid', 'text', (col) => col.notNull())
    .addColumn('recorded_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('indicator_slugs_service_slug_unique', ['service_id', 'slug'])
    .execute();
  await sql`insert into indicator_slugs (service_id, slug, uid, recorded_at)
    select cards.service_id, indicators.slug, min(indicators.uid), min(cards.imported_at)
    from indicators join cards on cards.id = indicators.card_id
    group by cards.service_id, indicators.slug`.execute(db);

  await dialect
    .addIdColumn(db.schema.createTable('edition_justifications'))
    .addColumn('card_id', 'integer', (col) => col.notNull().references('cards.id').onDelete('cascade'))
    .addColumn('indicator_uid', 'text', (col) => col.notNull())
    .addColumn('indicator_slug', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('recorded_by', 'text', (col) => col.notNull())
    .addColumn('recorded_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('edition_justifications_card_uid_unique', ['card_id', 'indicator_uid'])
    .addCheckConstraint('edition_justifications_kind_known', sql`kind in ('worsened', 'removed')`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('edition_justifications').execute();
  await db.schema.dropTable('indicator_slugs').execute();
  await db.schema.dropIndex('indicators_card_uid_unique').execute();
  await db.schema.alterTable('indicators').dropColumn('uid').execute();
  for (const column of ['status', 'approved_by', 'approved_at', 'act', 'in_force_from', 'published_at', 'closed_at', 'close_reason']) {
    await db.schema.alterTable('cards').dropColumn(column).execute();
  }
}
