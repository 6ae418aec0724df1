import type { Kysely } from 'kysely';
import type { MigrationDialect } from '../dialects/storage-dialect.ts';

/**
 * Alert rules (issue F), the state of each subject they watch (firing or not, so a change is noticed once, by one
 * instance), and the notifications: the alert history, and the outbox from which webhooks are sent with retries.
 */
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  await db.schema
    .createTable('alert_rules')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('condition_json', 'text', (col) => col.notNull())
    .addColumn('channel_json', 'text', (col) => col.notNull())
    .addColumn('silenced_until', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('alert_states')
    .addColumn('rule', 'text', (col) => col.notNull())
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('firing', 'integer', (col) => col.notNull())
    .addColumn('since', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('alert_states_pkey', ['rule', 'subject'])
    .execute();
  await dialect
    .addIdColumn(db.schema.createTable('alert_notifications'))
    .addColumn('rule', 'text', (col) => col.notNull())
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('change', 'text', (col) => col.notNull())
    .addColumn('summary', 'text', (col) => col.notNull())
    .addColumn('at', 'text', (col) => col.notNull())
    // pending → sent | failed | silenced
    .addColumn('outcome', 'text', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text')
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('alert_notifications_pending').on('alert_notifications').columns(['outcome', 'next_attempt_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('alert_notifications').execute();
  await db.schema.dropTable('alert_states').execute();
  await db.schema.dropTable('alert_rules').execute();
}
