import type { Kysely } from 'kysely';
import type { MigrationDialect } from '../dialects/storage-dialect.ts';

/**
 * Indicators whose rollups could not be computed (say, an event on a day the calendar cannot judge): recorded by the
 * drain instead of failing it, so that one indicator is degraded and says why while the rest of the site stays up.
 * A row goes away when the indicator's days are computed again without error.
 */
export async function up(db: Kysely<unknown>, _dialect: MigrationDialect): Promise<void> {
  await db.schema
    .createTable('indicator_faults')
    .addColumn('indicator_id', 'integer', (col) => col.primaryKey())
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('since', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('indicator_faults').execute();
}
