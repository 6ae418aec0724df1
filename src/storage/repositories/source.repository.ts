import type { ExpressionBuilder, OnConflictDatabase, OnConflictTables, Selectable } from 'kysely';
import { compareText } from '../compare-text.ts';
import type { Queryable, Schema, SourcesTable } from '../schema.ts';

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
  /** The earliest event instant in the batch; latestEventAt when not given. */
  earliestEventAt?: string;
  receivedAt: string;
  /** Events newly stored (re-sends and corrections add none). */
  newEvents: number;
}

function sourceFromRow(row: Selectable<SourcesTable>): StoredSource {
  return { name: row.name, lastEventAt: row.last_event_at, lastReceivedAt: row.last_received_at, eventCount: row.event_count };
}

/** Sources per statement: four bound values each, far below both dialects' limits. */
const SOURCES_PER_STATEMENT = 500;

/**
 * Records what sources sent: creates unknown ones; keeps the latest event instant and arrival time; adds new events
 * to the count. One upsert computed by the database from the row as it is when written (never a value read earlier),
 * so that concurrent ingestions (several server instances on one PostgreSQL database) neither lose counts nor collide
 * on a new source's name. Rows go in name order: two transactions lock the sources they share in the same order, so
 * they wait for each other instead of deadlocking.
 */
export async function recordSourceActivity(db: Queryable, activity: readonly SourceActivity[]): Promise<void> {
  const ordered = [...activity].sort((a, b) => compareText(a.name, b.name));
  for (let index = 0; index < ordered.length; index += SOURCES_PER_STATEMENT) {
    const chunk = ordered.slice(index, index + SOURCES_PER_STATEMENT);
    await db
      .insertInto('sources')
      .values(
        chunk.map((seen) => ({
          name: seen.name,
          last_event_at: seen.latestEventAt,
          first_event_at: seen.earliestEventAt ?? seen.latestEventAt,
          last_received_at: seen.receivedAt,
          event_count: seen.newEvents,
        })),
      )
      .onConflict((conflict) =>
        conflict.column('name').doUpdateSet((eb) => ({
          event_count: eb('sources.event_count', '+', eb.ref('excluded.event_count')),
          last_event_at: later(eb, 'last_event_at'),
          last_received_at: later(eb, 'last_received_at'),
          first_event_at: earlier(eb),
        })),
      )
      .execute();
  }
}

/**
 * The earliest instant any of these sources sent an event, or null. With `kinds`, only the sources that ever sent one
 * of those kinds count: an indicator is measured from the day its feeds began, not from its first counted event.
 */
export async function findFirstEventOfSources(db: Queryable, kinds: readonly string[], source?: string): Promise<string | null> {
  let query = db.selectFrom('sources').select((eb) => eb.fn.min('first_event_at').as('first'));
  if (source !== undefined) query = query.where('name', '=', source);
  else query = query.where('name', 'in', db.selectFrom('events').select('source').distinct().where('kind', 'in', [...kinds]));
  const row = await query.executeTakeFirst();
  return row?.first ?? null;
}

/** Every source, by name. */
export async function listSources(db: Queryable): Promise<StoredSource[]> {
  const rows = await db.selectFrom('sources').selectAll().execute();
  return rows.map(sourceFromRow).sort((a, b) => compareText(a.name, b.name));
}

/** The earlier of the stored first instant and the new one (a late, back-dated event moves it back). */
function earlier(eb: ExpressionBuilder<OnConflictDatabase<Schema, 'sources'>, OnConflictTables<'sources'>>) {
  const stored = eb.ref('sources.first_event_at');
  const incoming = eb.ref('excluded.first_event_at');
  return eb.case().when(eb.or([eb(stored, 'is', null), eb(stored, '>', incoming)])).then(incoming).else(stored).end();
}

/**
 * The later of the stored instant and the new one. Canonical UTC ISO text orders as time does; a CASE rather than
 * greatest()/max(), which the two dialects spell differently (and PostgreSQL's greatest() skips nulls, SQLite's max() not).
 */
function later(eb: ExpressionBuilder<OnConflictDatabase<Schema, 'sources'>, OnConflictTables<'sources'>>, column: 'last_event_at' | 'last_received_at') {
  const stored = eb.ref(`sources.${column}`);
  const incoming = eb.ref(`excluded.${column}`);
  return eb.case().when(eb.or([eb(stored, 'is', null), eb(stored, '<', incoming)])).then(incoming).else(stored).end();
}
