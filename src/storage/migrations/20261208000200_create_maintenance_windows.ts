import type { Kysely } from 'kysely';
import type { MigrationDialect } from '../dialects/storage-dialect.ts';

/** Planned maintenance of what a probe watches (issue F): once or weekly, published beside the indicator. */
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  await dialect
    .addIdColumn(db.schema.createTable('maintenance_windows'))
    .addColumn('probe', 'text', (col) => col.notNull())
    .addColumn('reason', 'text', (col) => col.notNull())
    // MaintenanceTime as JSON: { kind: 'once', from, to } or { kind: 'weekly', weekday, at, minutes }.
    .addColumn('time_json', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('maintenance_windows').execute();
}
