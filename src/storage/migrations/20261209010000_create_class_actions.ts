import type { Kysely } from 'kysely';
import type { MigrationDialect } from '../dialects/storage-dialect.ts';

/**
 * Ricorsi per l'efficienza (d.lgs. 198/2009) and what is published of each: the notice of the ricorso, the sentence,
 * the measures taken to comply. The service is kept by slug, not by id: a case stays published as it was recorded
 * whatever later imports do to the service. Instants are UTC ISO text, days YYYY-MM-DD. Nothing personal is stored:
 * the texts are checked before they get here (src/domain/class-actions).
 */
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  await dialect
    .addIdColumn(db.schema.createTable('class_action_cases'))
    .addColumn('service_slug', 'text')
    .addColumn('court', 'text', (col) => col.notNull())
    .addColumn('case_number', 'text')
    .addColumn('filed_on', 'text', (col) => col.notNull())
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();

  await dialect
    .addIdColumn(db.schema.createTable('class_action_publications'))
    .addColumn('case_id', 'integer', (col) => col.notNull().references('class_action_cases.id').onDelete('cascade'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('published_on', 'text', (col) => col.notNull())
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('document_url', 'text')
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('class_action_publications_case_index').on('class_action_publications').column('case_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['class_action_publications', 'class_action_cases']) await db.schema.dropTable(table).execute();
}
