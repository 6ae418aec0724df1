import { sql, type Kysely } from 'kysely';
import type { MigrationDialect } from '../dialects/storage-dialect.ts';

/** Organisations, services, their yearly cards with indicators, and the comparator overrides people set. */
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  await dialect
    .addIdColumn(db.schema.createTable('organisations'))
    .addColumn('slug', 'text', (col) => col.notNull().unique())
    .addColumn('name', 'text', (col) => col.notNull())
    .execute();

  await dialect
    .addIdColumn(db.schema.createTable('services'))
    .addColumn('organisation_id', 'integer', (col) => col.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('slug', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('office', 'text')
    .addColumn('characteristics_json', 'text', (col) => col.notNull())
    .addColumn('delivery_mode_json', 'text', (col) => col.notNull())
    .addColumn('user_types_json', 'text', (col) => col.notNull())
    .addColumn('diffida_body_json', 'text', (col) => col.notNull())
    .addColumn('web_address_json', 'text')
    .addColumn('channels_json', 'text', (col) => col.notNull())
    .addColumn('staff', 'integer')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('services_organisation_slug_unique', ['organisation_id', 'slug'])
    .execute();

  await dialect
    .addIdColumn(db.schema.createTable('cards'))
    .addColumn('service_id', 'integer', (col) => col.notNull().references('services.id').onDelete('cascade'))
    .addColumn('year', 'integer')
    .addColumn('edition_key', 'text', (col) => col.notNull())
    .addColumn('source_file', 'text', (col) => col.notNull())
    .addColumn('source_hash', 'text', (col) => col.notNull())
    .addColumn('notes_json', 'text', (col) => col.notNull())
    .addColumn('rule_text', 'text')
    .addColumn('imported_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('cards_service_edition_unique', ['service_id', 'edition_key'])
    .execute();

  await dialect
    .addIdColumn(db.schema.createTable('indicators'))
    .addColumn('card_id', 'integer', (col) => col.notNull().references('cards.id').onDelete('cascade'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('slug', 'text', (col) => col.notNull())
    .addColumn('dimension', 'text', (col) => col.notNull())
    .addColumn('dimension_key', 'text', (col) => col.notNull())
    .addColumn('subdimension', 'text')
    .addColumn('description', 'text')
    .addColumn('formula', 'text')
    .addColumn('target_text', 'text', (col) => col.notNull())
    .addColumn('target_comparator', 'text')
    .addColumn('target_value', dialect.floatType)
    .addColumn('target_unit', 'text')
    .addColumn('target_period', 'text')
    .addColumn('target_measurable', 'integer', (col) => col.notNull())
    .addColumn('comparator_reason', 'text', (col) => col.notNull())
    .addColumn('comparator_source', 'text', (col) => col.notNull())
    .addColumn('notes', 'text')
    .addColumn('additional', 'integer', (col) => col.notNull())
    .addColumn('source_line', 'integer', (col) => col.notNull())
    .addUniqueConstraint('indicators_card_position_unique', ['card_id', 'position'])
    .addUniqueConstraint('indicators_card_slug_unique', ['card_id', 'slug'])
    .addCheckConstraint('indicators_target_measurable_bool', sql`target_measurable in (0, 1)`)
    .addCheckConstraint('indicators_additional_bool', sql`additional in (0, 1)`)
    .addCheckConstraint('indicators_target_comparator_known', sql`target_comparator in ('>=', '<=', '=')`)
    .addCheckConstraint('indicators_comparator_source_known', sql`comparator_source in ('inferred', 'override')`)
    .execute();

  await dialect
    .addIdColumn(db.schema.createTable('comparator_overrides'))
    .addColumn('service_slug', 'text', (col) => col.notNull())
    .addColumn('edition_key', 'text', (col) => col.notNull())
    .addColumn('indicator_slug', 'text', (col) => col.notNull())
    .addColumn('comparator', 'text', (col) => col.notNull())
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('comparator_overrides_key_unique', ['service_slug', 'edition_key', 'indicator_slug'])
    .addCheckConstraint('comparator_overrides_comparator_known', sql`comparator in ('>=', '<=', '=')`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['comparator_overrides', 'indicators', 'cards', 'services', 'organisations']) {
    await db.schema.dropTable(table).execute();
  }
}
