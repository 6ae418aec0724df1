import * as crypto from 'node:crypto';
import { CompiledQuery, type Insertable, type Selectable } from 'kysely';
import type { AttributeValue, MeasureEvent } from '../../domain/events/event.ts';
import { fromJsonColumn, toJsonColumn } from '../json-column.ts';
import type { EventsTable, Queryable } from '../schema.ts';

/** An event as stored: the domain event plus its row id, local date, content hash and arrival time. */
export interface StoredEvent {
  rowId: number;
  event: MeasureEvent;
  /** 'YYYY-MM-DD' in the administration's time zone. */
  localDate: string;
  contentHash: string;
  receivedAt: string;
}

/** An event to write, with what storage derives from it. */
export interface EventToWrite {
  event: MeasureEvent;
  /** The instant as ISO 8601 UTC text (event.occurredAt.toISOString()), made once per event. */
  occurredAt: string;
  localDate: string;
  contentHash: string;
  receivedAt: string;
}

/** How many values one statement may bind at most; keeps both dialects well under their limits. */
const IN_LIST_LIMIT = 500;

/**
 * A hash of what an event says (kind, subject, instant, attributes with sorted keys), not of its key (source, id):
 * the same key with the same hash is a re-send, with another hash a correction.
 */
export function hashEventContent(event: MeasureEvent, occurredAtIso: string = event.occurredAt.toISOString()): string {
  // The text of JSON.stringify([kind, subject, instant, [[name, value], …]]), built without the arrays.
  const names = Object.keys(event.attributes);
  if (names.length > 1) names.sort();
  let attributes = '';
  for (const name of names) {
    attributes += `${attributes === '' ? '' : ','}[${JSON.stringify(name)},${JSON.stringify(event.attributes[name]) ?? 'null'}]`;
  }
  const canonical = `[${JSON.stringify(event.kind)},${JSON.stringify(event.subject)},"${occurredAtIso}",[${attributes}]]`;
  return sha256Hex(canonical);
}

/** crypto.hash (Node 20.12+) skips the Hash object, which cost more than hashing a short text; older 20.x fall back. */
const oneShotHash = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;
function sha256Hex(text: string): string {
  return oneShotHash === undefined ? crypto.createHash('sha256').update(text).digest('hex') : oneShotHash('sha256', text, 'hex');
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
    contentHash: row.content_hash,
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
    attributes_json: toJsonColumn(event.attributes),
    content_hash: write.contentHash,
    received_at: write.receivedAt,
  } satisfies Omit<Insertable<EventsTable>, 'source' | 'event_id'>;
}

/** The stored events of one source with these ids (any order). */
export async function findEventsByIds(db: Queryable, source: string, eventIds: readonly string[]): Promise<StoredEvent[]> {
  const found: StoredEvent[] = [];
  for (const chunk of chunksOf([...new Set(eventIds)], IN_LIST_LIMIT)) {
    const rows = await db.selectFrom('events').selectAll().where('source', '=', source).where('event_id', 'in', chunk).execute();
    found.push(...rows.map(eventFromRow));
  }
  return found;
}

/** Inserts new events, several rows per statement. Their keys must not be stored yet. */
export async function insertEvents(db: Queryable, writes: readonly EventToWrite[], rowsPerStatement = 500): Promise<void> {
  for (const chunk of chunksOf(writes, rowsPerStatement)) {
    const parameters: unknown[] = [];
    for (const write of chunk) {
      const { event } = write;
      // In the column order of insertSqlFor.
      parameters.push(event.source, event.id, event.kind, event.subject, write.occurredAt, write.localDate, toJsonColumn(event.attributes), write.contentHash, write.receivedAt);
    }
    await db.executeQuery(CompiledQuery.raw(insertSqlFor(db, chunk.length), parameters));
  }
}

/** Multi-row insert texts by dialect (told apart by a one-row text) and row count. */
const insertSqlByShape = new Map<string, string>();
const INSERT_SHAPE_LIMIT = 1000;

/**
 * The SQL of an insert of `rows` events, built by Kysely once per dialect and row count: building it per batch
 * (one node per value) cost more than the insert itself. The one-row text names the dialect (placeholders differ).
 */
function insertSqlFor(db: Queryable, rows: number): string {
  const row = { source: '', event_id: '', kind: '', subject: null, occurred_at: '', local_date: '', attributes_json: '', content_hash: '', received_at: '' } satisfies Insertable<EventsTable>;
  const key = `${db.insertInto('events').values(row).compile().sql}\u0000${rows}`;
  let sql = insertSqlByShape.get(key);
  if (sql === undefined) {
    sql = db.insertInto('events').values(Array.from({ length: rows }, () => row)).compile().sql;
    if (insertSqlByShape.size >= INSERT_SHAPE_LIMIT) insertSqlByShape.clear();
    insertSqlByShape.set(key, sql);
  }
  return sql;
}

/** Replaces the content of a stored event (a correction); its key and row id stay. */
export async function replaceEvent(db: Queryable, rowId: number, write: EventToWrite): Promise<void> {
  await db.updateTable('events').set(eventColumns(write)).where('id', '=', rowId).execute();
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
    found.push(...rows.map(eventFromRow));
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
    found.push(...rows.map(eventFromRow));
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

function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));
  return chunks;
}
