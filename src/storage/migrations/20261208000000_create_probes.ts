import type { Kysely } from 'kysely';
import type { MigrationDialect } from '../dialects/storage-dialect.ts';

/**
 * Built-in probes (issue F) and their runs. A run row is the lease on one slot of one probe: the instance that
 * inserts it checks the target, another that finds it taken does not, so several servers on one database check
 * each target once per interval, and a restarted one does not check a slot again.
 */
export async function up(db: Kysely<unknown>, _dialect: MigrationDialect): Promise<void> {
  await db.schema
    .createTable('probes')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('target', 'text', (col) => col.notNull())
    .addColumn('interval_seconds', 'integer', (col) => col.notNull())
    .addColumn('timeout_seconds', 'integer', (col) => col.notNull())
    .addColumn('retries', 'integer', (col) => col.notNull())
    .addColumn('expect_json', 'text', (col) => col.notNull())
    .addColumn('paused', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('probe_runs')
    .addColumn('probe', 'text', (col) => col.notNull())
    .addColumn('slot_at', 'text', (col) => col.notNull())
    .addColumn('taken_at', 'text', (col) => col.notNull())
    .addColumn('ok', 'integer')
    .addColumn('error', 'text')
    .addPrimaryKeyConstraint('probe_runs_pkey', ['probe', 'slot_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('probe_runs').execute();
  await db.schema.dropTable('probes').execute();
}
