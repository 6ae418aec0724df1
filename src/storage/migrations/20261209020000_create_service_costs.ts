import type { Kysely } from 'kysely';

/**
 * The costs accounted for each service and year (art. 32 c.2 lett. a d.lgs. 33/2013): those actually incurred and those
 * imputed to staff, in euro cents. bigint, not integer: PostgreSQL's integer stops at 21 million euro, below what a
 * large service costs in a year. Kept apart from `services`, which every import of a card rewrites.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('service_costs')
    .addColumn('service_id', 'integer', (col) => col.notNull().references('services.id').onDelete('cascade'))
    .addColumn('year', 'integer', (col) => col.notNull())
    .addColumn('actual_cents', 'bigint', (col) => col.notNull())
    .addColumn('staff_cents', 'bigint', (col) => col.notNull())
    // Units delivered that year, when known: the page then shows a cost per unit.
    .addColumn('volume', 'bigint')
    .addColumn('note', 'text')
    .addColumn('source', 'text')
    // When the year was first published (never moved by a correction), and who changed it last and when.
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_by', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('service_costs_pk', ['service_id', 'year'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('service_costs').execute();
}
