import { sql, type Kysely } from 'kysely';
import type { MigrationDialect } from '../dialects/storage-dialect.ts';

/**
 * The earliest instant of an event each source sent: an indicator that counts rare events (days of disruption) is
 * measured from the day its sources started sending, not from its first counted event, and never before.
 */
export async function up(db: Kysely<unknown>, _dialect: MigrationDialect): Promise<void> {
  await db.schema.alterTable('sources').addColumn('first_event_at', 'text').execute();
  // Canonical UTC ISO text orders as time does, in both dialects.
  await sql`update sources set first_event_at = (select min(occurred_at) from events where events.source = sources.name)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sources').dropColumn('first_event_at').execute();
}
