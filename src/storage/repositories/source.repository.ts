import type { Selectable } from 'kysely';
import { compareText } from '../compare-text.ts';
import type { Queryable, SourcesTable } from '../schema.ts';

/** A feed of events and when it last spoke. */
export interface StoredSource {
  name: string;
  /** The latest instant of an event it sent (canonical UTC ISO), or null. */
  lastEventAt: string | null;
  /** When it last sent anything, even a re-send (canonical UTC ISO), or null. */
  lastReceivedAt: string | null;
  /** Distinct events stored from it. */
  eventCount: number;
}

/** What one ingestion saw from a source. */
export interface SourceActivity {
  name: string;
  /** The latest event instant in the batch (canonical UTC ISO). */
  latestEventAt: string;
  receivedAt: string;
  /** Events newly stored (re-sends and corrections add none). */
  newEvents: number;
}

function sourceFromRow(row: Selectable<SourcesTable>): StoredSource {
  return { name: row.name, lastEventAt: row.last_event_at, lastReceivedAt: row.last_received_at, eventCount: row.event_count };
}

/**
 * Records what sources sent: creates unknown ones; keeps the latest event instant and arrival time; adds new events
 * to the count. Computed here rather than in SQL, as greatest()/max() are spelled differently in the two dialects.
 */
export async function recordSourceActivity(db: Queryable, activity: readonly SourceActivity[]): Promise<void> {
  if (activity.length === 0) return;
  const existing = new Map(
    (await db.selectFrom('sources').selectAll().where('name', 'in', activity.map((a) => a.name)).execute()).map((row) => [row.name, row]),
  );
  for (const seen of activity) {
    const row = existing.get(seen.name);
    if (row === undefined) {
      await db
        .insertInto('sources')
        .values({ name: seen.name, last_event_at: seen.latestEventAt, last_received_at: seen.receivedAt, event_count: seen.newEvents })
        .execute();
      continue;
    }
    await db
      .updateTable('sources')
      .set({
        last_event_at: later(row.last_event_at, seen.latestEventAt),
        last_received_at: later(row.last_received_at, seen.receivedAt),
        event_count: row.event_count + seen.newEvents,
      })
      .where('id', '=', row.id)
      .execute();
  }
}

/** Every source, by name. */
export async function listSources(db: Queryable): Promise<StoredSource[]> {
  const rows = await db.selectFrom('sources').selectAll().execute();
  return rows.map(sourceFromRow).sort((a, b) => compareText(a.name, b.name));
}

/** Canonical UTC ISO text orders as time does. */
function later(a: string | null, b: string): string {
  return a !== null && a > b ? a : b;
}
