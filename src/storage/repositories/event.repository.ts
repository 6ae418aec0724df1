import { CompiledQuery, sql, type Insertable, type Selectable } from 'kysely';
import type { AttributeValue, MeasureEvent } from '../../domain/events/event.ts';
import { chunksOf, IN_LIST_LIMIT } from '../chunks.ts';
import { fromJsonColumn, toJsonColumn } from '../json-column.ts';
import type { EventsTable, Queryable } from '../schema.ts';

/** An event as stored: the domain event plus its row id, local date and arrival time. */
export interface StoredEvent {
  rowId: number;
  event: MeasureEvent;
  /** 'YYYY-MM-DD' in the administration's time zone. */
  localDate: string;
  receivedAt: string;
}

/** An event to write, with what storage derives from it. */
export interface EventToWrite {
  event: MeasureEvent;
  /** The instant as ISO 8601 UTC text (event.occurredAt.toISOString()), made once per event. */
  occurredAt: string;
  localDate: string;
  receivedAt: string;
  /** The attributes as JSON text when the reader had it (see EventRow.attributesJson); else they are written out. */
  attributesJson?: string;
}

function eventFromRow(row: Selectable<EventsTable>): StoredEvent {
  return {
    rowId: row.id,
    event: {
      id: row.event_id,
      source: row.source,
      kind: row.kind,
      subject: row.subject,
      occurredAt: new Date(row.occurred_at),
      attributes: fromJsonColumn<Record<string, AttributeValue>>(row.attributes_json),
    },
    localDate: row.local_date,
    receivedAt: row.received_at,
  };
}

function eventColumns(write: EventToWrite) {
  const { event } = write;
  return {
    kind: event.kind,
    subject: event.subject,
    occurred_at: write.occurredAt,
    local_date: write.localDate,
    attributes_json: write.attributesJson ?? toJsonColumn(event.attributes),
    received_at: write.receivedAt,
  } satisfies Omit<Insertable<EventsTable>, 'source' | 'event_id'>;
}

/** The stored events of one source with these ids (any order). */
export async function findEventsByIds(db: Queryable, source: string, eventIds: readonly string[]): Promise<StoredEvent[]> {
  const found: StoredEvent[] = [];
  for (const chunk of chunksOf([...new Set(eventIds)], IN_LIST_LIMIT)) {
    const rows = await db.selectFrom('events').selectAll().where('source', '=', source).where('event_id', 'in', chunk).execute();
    for (const row of rows) found.push(eventFromRow(row));
  }
  return found;
}

/** Inserts new events, several rows per statement. Their keys must not be stored yet (a stored one fails the insert). */
export async function insertEvents(db: Queryable, writes: readonly EventToWrite[], rowsPerStatement = 500): Promise<void> {
  for (const chunk of chunksOf(writes, rowsPerStatement)) await db.executeQuery(CompiledQuery.raw(insertSqlFor(db, chunk.length, 'fail'), parametersOf(chunk)));
}

/** The key of a stored event. */
export interface EventKey {
  source: string;
  eventId: string;
}

/**
 * Inserts the events whose keys are not stored and skips the others; returns the keys it inserted. A key another
 * transaction is inserting at the same moment (another instance on the same PostgreSQL database) is waited for, and
 * skipped if that transaction commits: the caller reads it back as stored.
 */
export async function insertEventsIfAbsent(db: Queryable, writes: readonly EventToWrite[], rowsPerStatement = 500): Promise<EventKey[]> {
  const inserted: EventKey[] = [];
  for (const chunk of chunksOf(writes, rowsPerStatement)) {
    const { rows } = await db.executeQuery<{ source: string; event_id: string }>(CompiledQuery.raw(insertSqlFor(db, chunk.length, 'skip-returning'), parametersOf(chunk)));
    for (const row of rows) inserted.push({ source: row.source, eventId: row.event_id });
  }
  return inserted;
}

/**
 * Inserts the events if NONE of their keys is stored yet and no key comes twice, and says so; otherwise inserts none
 * and returns false, so the caller reads the stored ones and judges re-sends and corrections. New events being the
 * common case, this spares the look-up: the insert probes the unique index anyway (ON CONFLICT DO NOTHING skips a
 * stored key and the second row of a repeated one, then the rows it changed are counted; RETURNING would cost more
 * than the look-up).
 */
export async function insertEventsIfNew(db: Queryable, writes: readonly EventToWrite[], rowsPerStatement = 500): Promise<boolean> {
  await sql`savepoint insert_if_new`.execute(db);
  for (const chunk of chunksOf(writes, rowsPerStatement)) {
    const { numAffectedRows } = await db.executeQuery(CompiledQuery.raw(insertSqlFor(db, chunk.length, 'skip'), parametersOf(chunk)));
    if (numAffectedRows !== BigInt(chunk.length)) {
      await sql`rollback to savepoint insert_if_new`.execute(db);
      await sql`release savepoint insert_if_new`.execute(db);
      return false;
    }
  }
  await sql`release savepoint insert_if_new`.execute(db);
  return true;
}

/** The bound values of a multi-row insert, in the column order of insertSqlFor. */
function parametersOf(chunk: readonly EventToWrite[]): unknown[] {
  const parameters = new Array<unknown>(chunk.length * 8);
  let at = 0;
  for (const write of chunk) {
    const { event } = write;
    parameters[at] = event.source;
    parameters[at + 1] = event.id;
    parameters[at + 2] = event.kind;
    parameters[at + 3] = event.subject;
    parameters[at + 4] = write.occurredAt;
    parameters[at + 5] = write.localDate;
    parameters[at + 6] = write.attributesJson ?? toJsonColumn(event.attributes);
    parameters[at + 7] = write.receivedAt;
    at += 8;
  }
  return parameters;
}

/** What an insert does with a key stored already: fail, skip it, or skip it and return the keys it inserted. */
type OnConflict = 'fail' | 'skip' | 'skip-returning';

/** Multi-row insert texts by dialect (the class of its query adapter), conflict handling and row count. */
const insertSqlByAdapter = new WeakMap<object, Map<string, string>>();
const INSERT_SHAPE_LIMIT = 1000;

/**
 * The SQL of an insert of `rows` events, built by Kysely once per dialect, row count and conflict handling ('skip':
 * ON CONFLICT DO NOTHING; 'skip-returning' also RETURNING the keys inserted): building it per batch (one node per
 * value) cost more than the insert itself.
 */
function insertSqlFor(db: Queryable, rows: number, onConflict: OnConflict): string {
  // Every connection of a dialect writes the same SQL: kept per adapter class, not per opened database.
  const dialect = db.getExecutor().adapter.constructor;
  let texts = insertSqlByAdapter.get(dialect);
  if (texts === undefined) insertSqlByAdapter.set(dialect, (texts = new Map<string, string>()));
  const key = `${onConflict}${rows}`;
  let text = texts.get(key);
  if (text === undefined) {
    const row = { source: '', event_id: '', kind: '', subject: null, occurred_at: '', local_date: '', attributes_json: '', received_at: '' } satisfies Insertable<EventsTable>;
    const insert = db.insertInto('events').values(Array.from({ length: rows }, () => row));
    const skipping = insert.onConflict((oc) => oc.columns(['source', 'event_id']).doNothing());
    text = (onConflict === 'fail' ? insert : onConflict === 'skip' ? skipping : skipping.returning(['source', 'event_id'])).compile().sql;
    if (texts.size >= INSERT_SHAPE_LIMIT) texts.clear();
    texts.set(key, text);
  }
  return text;
}

/** Replaces the content of a stored event (a correction) found by its key; its key and row id stay. */
export async function replaceEvent(db: Queryable, write: EventToWrite): Promise<void> {
  await db.updateTable('events').set(eventColumns(write)).where('source', '=', write.event.source).where('event_id', '=', write.event.id).execute();
}

/** Events of these kinds on these local dates, by instant then row id. */
export async function findEventsOnDates(db: Queryable, kinds: readonly string[], dates: readonly string[]): Promise<StoredEvent[]> {
  if (kinds.length === 0 || dates.length === 0) return [];
  const found: StoredEvent[] = [];
  for (const chunk of chunksOf([...new Set(dates)], IN_LIST_LIMIT)) {
    const rows = await db
      .selectFrom('events')
      .selectAll()
      .where('kind', 'in', [...new Set(kinds)])
      .where('local_date', 'in', chunk)
      .orderBy('occurred_at')
      .orderBy('id')
      .execute();
    for (const row of rows) found.push(eventFromRow(row));
  }
  return found;
}

/** Events of these kinds about these subjects, by instant then row id. */
export async function findEventsBySubjects(db: Queryable, kinds: readonly string[], subjects: readonly string[]): Promise<StoredEvent[]> {
  if (kinds.length === 0 || subjects.length === 0) return [];
  const found: StoredEvent[] = [];
  for (const chunk of chunksOf([...new Set(subjects)], IN_LIST_LIMIT)) {
    const rows = await db
      .selectFrom('events')
      .selectAll()
      .where('subject', 'in', chunk)
      .where('kind', 'in', [...new Set(kinds)])
      .orderBy('occurred_at')
      .orderBy('id')
      .execute();
    for (const row of rows) found.push(eventFromRow(row));
  }
  return found;
}

/** The distinct local dates that have events of these kinds, in order. */
export async function findEventDates(db: Queryable, kinds: readonly string[]): Promise<string[]> {
  if (kinds.length === 0) return [];
  const rows = await db
    .selectFrom('events')
    .select('local_date')
    .distinct()
    .where('kind', 'in', [...new Set(kinds)])
    .orderBy('local_date')
    .execute();
  return rows.map((row) => row.local_date);
}

/** How many events are stored. */
export async function countEvents(db: Queryable): Promise<number> {
  const { count } = await db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return Number(count);
}


/**
 * Start events (of `startKinds`, with a subject, on local dates from `from` to `to`) whose subject has no event of
 * `endKinds` at or after them: the items of a duration still open. One pass over the starts by the (kind, local_date)
 * index, each checked by the (subject, kind) index.
 */
export async function findOpenStarts(db: Queryable, startKinds: readonly string[], endKinds: readonly string[], from: string, to: string): Promise<StoredEvent[]> {
  if (startKinds.length === 0 || endKinds.length === 0) return [];
  const rows = await db
    .selectFrom('events as s')
    .selectAll('s')
    .where('s.kind', 'in', [...new Set(startKinds)])
    .where('s.local_date', '>=', from)
    .where('s.local_date', '<=', to)
    .where('s.subject', 'is not', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('events as e')
            .select('e.id')
            .whereRef('e.subject', '=', 's.subject')
            .where('e.kind', 'in', [...new Set(endKinds)])
            .whereRef('e.occurred_at', '>=', 's.occurred_at'),
        ),
      ),
    )
    .orderBy('s.occurred_at')
    .execute();
  return rows.map(eventFromRow);
}

/**
 * Up to `limit` events of these kinds on one local date with a row id above `afterRowId`, by row id: a page of a day's
 * events, so that a busy day (tens of thousands of calls) is read in pages rather than held whole.
 */
export async function findEventsOnDatePage(db: Queryable, kinds: readonly string[], date: string, afterRowId: number, limit: number): Promise<StoredEvent[]> {
  if (kinds.length === 0) return [];
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where('kind', 'in', [...new Set(kinds)])
    .where('local_date', '=', date)
    .where('id', '>', afterRowId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(eventFromRow);
}

/** Up to `limit` events of these kinds, latest instant first (then latest row): a register's newest entries. */
export async function findLatestEventsOfKinds(db: Queryable, kinds: readonly string[], limit: number): Promise<StoredEvent[]> {
  if (kinds.length === 0) return [];
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where('kind', 'in', [...new Set(kinds)])
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(eventFromRow);
}
