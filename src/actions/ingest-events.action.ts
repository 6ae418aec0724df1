import { DEFAULT_WORK_CALENDAR, localDateOf, type WorkCalendar } from '../domain/calendar/index.ts';
import { haveSameContent, type MeasureEvent } from '../domain/events/event.ts';
import { eventWindowOf, instantOutsideWindow, type EventWindow, type EventWindowSettings } from '../domain/events/event-window.ts';
import { ownDateSelectorsOf } from '../domain/measures/day-fold.ts';
import { matchesAnySelector, matchesSelector } from '../domain/measures/event-match.ts';
import type { EventSelector } from '../domain/measures/measure.ts';
import { UserError } from '../domain/shared/errors.ts';
import type { EventRow, EventRowError } from '../formats/event-record.ts';
import type { Database } from '../storage/database.ts';
import type { Transaction } from 'kysely';
import type { Queryable, Schema } from '../storage/schema.ts';
import {
  findEventsByIds,
  findEventsBySubjects,
  insertEventsIfAbsent,
  insertEventsIfNew,
  replaceEvent,
  type EventToWrite,
  type StoredEvent,
} from '../storage/repositories/event.repository.ts';
import { findEarliestEditionYear } from '../storage/repositories/card.repository.ts';
import { recordSourceActivity, type SourceActivity } from '../storage/repositories/source.repository.ts';
import { bumpDataVersion } from '../storage/repositories/data-version.repository.ts';
import { enqueueRollupDays } from '../storage/repositories/rollup-queue.repository.ts';
import { createEventLoads, kindsOf, loadMeasuredIndicators, refreshRollups, type MeasuredIndicator } from './rebuild-rollups.action.ts';

export type IngestMode = 'all-or-nothing' | 'partial';

/** How far an ingestion has got; sent every PROGRESS_EVERY rows. */
export interface IngestProgress {
  rows: number;
  accepted: number;
  duplicates: number;
  corrected: number;
  rejected: number;
}

export interface IngestOptions {
  /**
   * 'all-or-nothing' (files): the first bad row aborts with a UserError naming file, line and field, and nothing is
   * written. 'partial' (the HTTP API): good rows are kept and bad ones listed with their line.
   */
  mode: IngestMode;
  onProgress?: (progress: IngestProgress) => void;
  /**
   * Called in the ingestion's transaction once its rows are stored, before the commit: a caller that records the change
   * beside the events (the back office's audit row for an entry recorded by hand) does it here, so both land or neither.
   */
  inTransaction?: (trx: Transaction<Schema>, summary: IngestSummary) => Promise<void>;
}

export interface IngestSummary {
  /** Events stored for the first time. */
  accepted: number;
  /** Events already stored with the same content: nothing changed. */
  duplicates: number;
  /** Events already stored with other content: replaced, and the days of both versions recomputed. */
  corrected: number;
  /** Bad rows (only in partial mode; all-or-nothing throws instead). */
  rejected: EventRowError[];
}

export interface IngestEventsDeps {
  database: Database;
  /** The clock; tests pin it. */
  now?: () => Date;
  /** The administration's calendar: its time zone gives each event's local date. Default Europe/Rome. */
  calendar?: WorkCalendar;
  /** The span of time events may fall in (MISURA_EVENTS_FROM, MISURA_EVENTS_UNTIL_DAYS_AHEAD); defaults when absent. */
  eventWindow?: EventWindowSettings;
}

/** Rows written per statement and handled per round. */
export const INGEST_BATCH_SIZE = 500;
/** Rows between two progress reports. */
export const PROGRESS_EVERY = 10_000;
/** Times an ingestion of rows in memory runs again after the database aborted it for a concurrent one's sake. */
const CONFLICT_RETRIES = 3;

/**
 * Stores events idempotently by (source, id) in ONE transaction, with the sources' activity: it resolves only after
 * the commit, so an acknowledged event is durable. The day rollups the events touch are recomputed in that same
 * transaction ('all-or-nothing': files, the CLI, the demo), or only queued in it ('partial': the HTTP API, which
 * answers at once and calls drainRollupQueue right after; the queue survives a crash). A re-sent identical event is a duplicate (nothing changes); the same key with other content is a
 * correction (replaced; the days of its old and new versions are recomputed).
 */
export async function ingestEvents(
  deps: IngestEventsDeps,
  rows: AsyncIterable<EventRow> | Iterable<EventRow>,
  options: IngestOptions,
): Promise<IngestSummary> {
  // Several instances on one PostgreSQL database: two ingestions locking the same keys in different orders deadlock,
  // and PostgreSQL rolls one back. Rows in memory (the HTTP API) can be read again, so that one runs again once the
  // other has committed, and finds its keys stored; a stream (a file) cannot, and its error says what happened.
  const replayable = Array.isArray(rows);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await ingestOnce(deps, rows, options);
    } catch (error) {
      if (!replayable || attempt > CONFLICT_RETRIES || !deps.database.isTransientConflict(error)) throw error;
    }
  }
}

async function ingestOnce(deps: IngestEventsDeps, rows: AsyncIterable<EventRow> | Iterable<EventRow>, options: IngestOptions): Promise<IngestSummary> {
  const calendar = deps.calendar ?? DEFAULT_WORK_CALENDAR;
  const now = deps.now?.() ?? new Date();
  const receivedAt = now.toISOString();
  return deps.database.db.transaction().execute(async (trx) => {
    const window = await eventWindowFor(trx, deps, now, calendar);
    const run = new Ingestion(trx, await loadMeasuredIndicators(trx, calendar), calendar, receivedAt, options, window);
    let batch: EventRow[] = [];
    const take = (row: EventRow): Promise<void> | undefined => {
      batch.push(row);
      if (batch.length < INGEST_BATCH_SIZE) return undefined;
      const full = batch;
      batch = [];
      return run.writeBatch(full);
    };
    // Rows already in memory (the HTTP API) are taken without awaiting each one.
    if (Symbol.iterator in rows) {
      for (const row of rows) {
        const written = take(row);
        if (written !== undefined) await written;
      }
    } else {
      for await (const row of rows) await take(row);
    }
    await run.writeBatch(batch);
    await run.finish();
    const summary = run.summary();
    // Caches (pages, API, metrics) key on the data version: it moves exactly when this commit becomes visible.
    if (summary.accepted + summary.corrected > 0) await bumpDataVersion(trx);
    await options.inTransaction?.(trx, summary);
    return summary;
  });
}

/** The state of one ingestion: counts, touched days and source activity, kept across batches. */
class Ingestion {
  private accepted = 0;
  private duplicates = 0;
  private corrected = 0;
  private rows = 0;
  private readonly rejected: EventRowError[] = [];
  /** indicatorId → local dates to re-fold. */
  private readonly touched = new Map<number, Set<string>>();
  private readonly sources = new Map<string, SourceActivity>();
  /** Source → its latest event instant in ms (written to its activity at the end). */
  private readonly latestMs = new Map<string, number>();
  private readonly earliestMs = new Map<string, number>();
  /**
   * Event kind → the indicators reading it: the selectors whose events change their own date, the dates marked so far
   * (the indicator's set in `touched`), and for a duration the selector of its starts.
   */
  private readonly byKind = new Map<string, KindReader[]>();

  constructor(
    private readonly db: Queryable,
    private readonly measured: readonly MeasuredIndicator[],
    private readonly calendar: WorkCalendar,
    private readonly receivedAt: string,
    private readonly options: IngestOptions,
    private readonly window: EventWindow,
  ) {
    for (const indicator of measured) {
      const dates = new Set<string>();
      this.touched.set(indicator.indicatorId, dates);
      const { measure } = indicator;
      const reader: KindReader = { indicator, ownDate: ownDateSelectorsOf(measure), dates, start: measure.kind === 'duration' ? measure.start : undefined };
      for (const kind of indicator.kinds) {
        const list = this.byKind.get(kind) ?? [];
        list.push(reader);
        this.byKind.set(kind, list);
      }
    }
  }

  async writeBatch(rows: readonly EventRow[]): Promise<void> {
    const writes: EventToWrite[] = [];
    for (const row of rows) {
      this.countRow();
      const event = this.accept(row);
      if (event === undefined) continue;
      this.noteSource(event);
      const { occurredAt } = event;
      const write: EventToWrite = {
        event,
        occurredAt: row.occurredAtIso ?? occurredAt.toISOString(),
        localDate: localDateOf(occurredAt, this.calendar.timeZone),
        receivedAt: this.receivedAt,
      };
      if (row.attributesJson !== undefined) write.attributesJson = row.attributesJson;
      writes.push(write);
    }
    if (writes.length === 0) return;

    // The common case, every event new and no key repeated, is the one where the insert stores every row: nothing
    // is read back. Otherwise (a key stored already, or repeated here) it stores none and the rows are judged below.
    if (await insertEventsIfNew(this.db, writes, INGEST_BATCH_SIZE)) {
      this.accepted += writes.length;
      this.countNewEvents(writes);
      await this.touch(writes);
      return;
    }
    // The first version of each key is the one stored when the key is new.
    const firsts = new Map<string, EventToWrite>();
    for (const write of writes) {
      const key = keyOf(write.event.source, write.event.id);
      if (!firsts.has(key)) firsts.set(key, write);
    }
    const stored = await this.findStored([...firsts.values()]);
    const absent = [...firsts].filter(([key]) => !stored.has(key));
    const inserted = new Set((await insertEventsIfAbsent(this.db, absent.map(([, write]) => write), INGEST_BATCH_SIZE)).map((k) => keyOf(k.source, k.eventId)));
    // A key absent when read but stored by the time of the insert came from a concurrent ingestion (another instance
    // on the same PostgreSQL database) that committed: it is read back and judged as stored before.
    const raced = absent.filter(([key]) => !inserted.has(key)).map(([, write]) => write);
    if (raced.length > 0) {
      for (const [key, original] of await this.findStored(raced)) stored.set(key, original);
      const lost = raced.find(({ event }) => !stored.has(keyOf(event.source, event.id)));
      if (lost !== undefined) throw new Error(`event ${lost.event.id} of ${lost.event.source} was neither inserted nor found stored`);
    }

    // Rows are judged in order against what is stored or came earlier in the batch, so a key repeated within the
    // batch counts as it would across batches.
    const states = new Map<string, KeyState>();
    for (const write of writes) {
      const key = keyOf(write.event.source, write.event.id);
      let state = states.get(key);
      if (state === undefined) {
        const original = stored.get(key);
        if (original === undefined) {
          // The first version of a new key: the one just inserted.
          states.set(key, { original: undefined, latest: write, replacement: undefined });
          this.accepted += 1;
          this.sourceOf(write.event).newEvents += 1;
          continue;
        }
        state = { original, latest: original, replacement: undefined };
        states.set(key, state);
      }
      if (haveSameContent(state.latest.event, write.event)) {
        this.duplicates += 1;
      } else {
        this.corrected += 1;
        state.latest = write;
        state.replacement = write;
      }
    }

    // Every version that becomes visible or stops being visible: its date or its match may differ.
    const versions: { event: MeasureEvent; localDate: string }[] = [];
    for (const { original, latest, replacement } of states.values()) {
      if (replacement !== undefined) await replaceEvent(this.db, replacement);
      if (original === undefined) versions.push(latest);
      else if (replacement !== undefined) versions.push(original, replacement);
    }
    await this.touch(versions);
  }

  /** Re-folds (or, in partial mode, queues) every touched day, then records what the sources sent. */
  async finish(): Promise<void> {
    if (this.options.mode === 'partial') {
      const days = [...this.touched].flatMap(([indicatorId, dates]) => [...dates].map((date) => ({ indicatorId, date })));
      await enqueueRollupDays(this.db, days);
      await recordSourceActivity(this.db, this.activities());
      return;
    }
    // Sources first, as in partial mode: on PostgreSQL every ingestion then locks sources before the rollup epoch's row
    // (written with the rollups), and two of them wait for each other instead of deadlocking.
    await recordSourceActivity(this.db, this.activities());
    const loads = createEventLoads();
    // Day by day, then indicator by indicator: the indicators reading the same kinds (one after the other) share that
    // day's read, and only one day's events are held, however many days a large file touches.
    const ordered = [...this.measured].sort((x, y) => x.kinds.join(',').localeCompare(y.kinds.join(',')));
    const allDates = [...new Set([...this.touched.values()].flatMap((dates) => [...dates]))].sort();
    for (const date of allDates) {
      for (const indicator of ordered) {
        if (this.touched.get(indicator.indicatorId)?.has(date) === true) await refreshRollups(this.db, indicator, [date], loads);
      }
    }
  }

  summary(): IngestSummary {
    return { accepted: this.accepted, duplicates: this.duplicates, corrected: this.corrected, rejected: this.rejected };
  }

  private countRow(): void {
    this.rows += 1;
    if (this.options.onProgress !== undefined && this.rows % PROGRESS_EVERY === 0) {
      this.options.onProgress({ rows: this.rows, accepted: this.accepted, duplicates: this.duplicates, corrected: this.corrected, rejected: this.rejected.length });
    }
  }

  /** The row's event, or undefined after recording (partial) or throwing (all-or-nothing) its error. */
  private accept(row: EventRow): MeasureEvent | undefined {
    const error =
      row.error ?? (row.event === undefined ? { line: row.line, field: 'event', message: 'the row holds no event' } : (checkEvent(row.event, row.line) ?? checkWindow(row.event, row.line, this.window)));
    if (error === undefined) return row.event;
    if (this.options.mode === 'all-or-nothing') {
      // The message reads "events.csv:17: occurredAt: …"; the transaction rolls back, so nothing is written.
      throw new UserError(`${error.field}: ${error.message}`, row.file === undefined ? { line: error.line } : { file: row.file, line: error.line });
    }
    this.rejected.push(error);
    return undefined;
  }

  private async findStored(writes: readonly EventToWrite[]): Promise<Map<string, StoredEvent>> {
    const idsBySource = new Map<string, string[]>();
    for (const { event } of writes) {
      const ids = idsBySource.get(event.source) ?? [];
      ids.push(event.id);
      idsBySource.set(event.source, ids);
    }
    const found = new Map<string, StoredEvent>();
    for (const [source, ids] of idsBySource) {
      for (const stored of await findEventsByIds(this.db, source, ids)) found.set(keyOf(source, stored.event.id), stored);
    }
    return found;
  }

  /**
   * Marks the days these event versions change, per indicator whose measure reads their kind. A duration start
   * changes the day of its subject's end, which may be stored already (a late start): those are looked up.
   */
  private async touch(versions: readonly { event: MeasureEvent; localDate: string }[]): Promise<void> {
    const startSubjects = new Map<MeasuredIndicator, Set<string>>();
    for (const { event, localDate } of versions) {
      const readers = this.byKind.get(event.kind);
      if (readers === undefined) continue;
      for (const { indicator, ownDate, dates, start } of readers) {
        // A feed sends many events per day: once a date is marked, its other events need no selector test.
        if (!dates.has(localDate) && matchesAnySelector(event, ownDate)) dates.add(localDate);
        if (start !== undefined && event.subject !== null && matchesSelector(event, start)) {
          const subjects = startSubjects.get(indicator) ?? new Set<string>();
          subjects.add(event.subject);
          startSubjects.set(indicator, subjects);
        }
      }
    }
    for (const [indicator, subjects] of startSubjects) {
      const { measure } = indicator;
      if (measure.kind !== 'duration') continue;
      const dates = this.touched.get(indicator.indicatorId);
      if (dates === undefined) continue;
      for (const end of await findEventsBySubjects(this.db, kindsOf(measure.end), [...subjects])) {
        // Most ends came in the same batch as their start, and their day is marked already.
        if (!dates.has(end.localDate) && matchesSelector(end.event, measure.end)) dates.add(end.localDate);
      }
    }
  }

  private noteSource(event: MeasureEvent): void {
    const ms = event.occurredAt.getTime();
    const latest = this.latestMs.get(event.source);
    if (latest === undefined) this.sourceOf(event);
    if (latest === undefined || ms > latest) this.latestMs.set(event.source, ms);
    const earliest = this.earliestMs.get(event.source);
    if (earliest === undefined || ms < earliest) this.earliestMs.set(event.source, ms);
  }

  /** Adds new events to their sources' counts, one look-up per run of the same source. */
  private countNewEvents(writes: readonly EventToWrite[]): void {
    let activity: SourceActivity | undefined;
    for (const { event } of writes) {
      if (activity?.name !== event.source) activity = this.sourceOf(event);
      activity.newEvents += 1;
    }
  }

  /** The sources' activity, with the latest instant each sent. */
  private activities(): SourceActivity[] {
    for (const activity of this.sources.values()) {
      const latest = this.latestMs.get(activity.name);
      if (latest !== undefined) activity.latestEventAt = new Date(latest).toISOString();
      const earliest = this.earliestMs.get(activity.name);
      if (earliest !== undefined) activity.earliestEventAt = new Date(earliest).toISOString();
    }
    return [...this.sources.values()];
  }

  private sourceOf(event: MeasureEvent): SourceActivity {
    let activity = this.sources.get(event.source);
    if (activity === undefined) {
      activity = { name: event.source, latestEventAt: event.occurredAt.toISOString(), receivedAt: this.receivedAt, newEvents: 0 };
      this.sources.set(event.source, activity);
    }
    return activity;
  }
}

/** Events built by hand (the HTTP API, tests) get the checks the readers make on the fields storage relies on. */
function checkEvent(event: MeasureEvent, line: number): EventRowError | undefined {
  if (!(event.occurredAt instanceof Date) || Number.isNaN(event.occurredAt.getTime())) return { line, field: 'occurredAt', message: 'is not a valid instant' };
  if (event.id.trim() === '') return { line, field: 'id', message: 'missing' };
  if (event.source.trim() === '') return { line, field: 'source', message: 'missing' };
  if (event.kind.trim() === '') return { line, field: 'kind', message: 'missing' };
  return undefined;
}

/**
 * The span of time this ingestion accepts: every way events come in (HTTP, NDJSON, CSV, XLSX, the demo) passes here,
 * so one check refuses an event no rollup could fold (before the calendar's first year, far in the future).
 */
async function eventWindowFor(db: Queryable, deps: IngestEventsDeps, now: Date, calendar: WorkCalendar): Promise<EventWindow> {
  const earliestEditionYear = await findEarliestEditionYear(db);
  return eventWindowOf({ now, earliestEditionYear, timeZone: calendar.timeZone, ...(deps.eventWindow === undefined ? {} : { settings: deps.eventWindow }) });
}

/** The error of an event outside the window, on its instant. */
function checkWindow(event: MeasureEvent, line: number, window: EventWindow): EventRowError | undefined {
  const problem = instantOutsideWindow(event.occurredAt, window);
  return problem === undefined ? undefined : { line, field: 'occurredAt', message: problem };
}

/** One indicator as the events of a kind it reads see it (see Ingestion.byKind). */
interface KindReader {
  indicator: MeasuredIndicator;
  ownDate: readonly EventSelector[];
  dates: Set<string>;
  start: EventSelector | undefined;
}

/** Where one key stands within a batch: the version stored before (none for a key new here), the latest. */
interface KeyState {
  original: StoredEvent | undefined;
  latest: EventToWrite | StoredEvent;
  /** The version to write over the row, when the batch changed it. */
  replacement: EventToWrite | undefined;
}

function keyOf(source: string, id: string): string {
  return `${source}\u0000${id}`;
}
