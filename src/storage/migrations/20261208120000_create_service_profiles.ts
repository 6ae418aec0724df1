import type { Kysely } from 'kysely';

/**
 * What the quality office sets about a service in the back office, over what its card says: name, office, channels
 * and hours, the organo for the diffida with its PEC address and procedure, the web page, and how to complain and be
 * indemnified (cards do not state these). A NULL column falls back to the card. Kept apart from `services`, which
 * every import of a card rewrites, so that a value set here survives re-imports; one row per service.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('service_profiles')
    .addColumn('service_id', 'integer', (col) => col.primaryKey().references('services.id').onDelete('cascade'))
    .addColumn('name', 'text')
    .addColumn('office', 'text')
    .addColumn('channels_text', 'text')
    .addColumn('diffida_body', 'text')
    .addColumn('diffida_pec', 'text')
    .addColumn('diffida_procedure', 'text')
    .addColumn('web_address', 'text')
    .addColumn('complaint_how', 'text')
    .addColumn('complaint_response_days', 'integer')
    // Euro cents, so amounts stay exact in both dialects.
    .addColumn('indemnity_amount_cents', 'integer')
    .addColumn('indemnity_conditions', 'text')
    .addColumn('updated_by', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('service_profiles').execute();
}
