import { Readable } from 'node:stream';
import type { KyselyPlugin, PluginTransformResultArgs, QueryResult, UnknownRow } from 'kysely';
import { expect, it } from 'vitest';
import { UserError } from '../domain/shared/errors.ts';
import { readEventsCsv } from '../formats/events-csv.reader.ts';
import { readEventsNdjson } from '../formats/events-ndjson.reader.ts';
import type { Database } from '../storage/database.ts';
import { countEvents } from '../storage/repositories/event.repository.ts';
import { listRollups } from '../storage/repositories/rollup.repository.ts';
import { listSources } from '../storage/repositories/source.repository.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import { KIT_INDICATORS, row, rows, storeKit, T0 } from './events.test-kit.ts';
import { drainRollupQueue } from './drain-rollup-queue.action.ts';
import { ingestEvents, type IngestProgress } from './ingest-events.action.ts';
import { rebuildRollups } from './rebuild-rollups.action.ts';

const deps = (database: Database) => ({ database, now: () => T0 });
const ratioOnly = KIT_INDICATORS.filter((kit) => kit.measure.kind === 'ratio');
const durationOnly = KIT_INDICATORS.filter((kit) => kit.measure.kind === 'duration');

const CALLS_CSV = [
  'id,source,kind,subject,occurredAt,attr.answered',
  'c1,cc,call.received,,2026-03-02T09:00:00+01:00,true',
  'c2,cc,call.received,,2026-03-02T10:00:00+01:00,false',
  'c3,cc,call.received,,2026-03-03T00:30:00+01:00,true',
  // 23:30Z on 3 March is already 4 March in Rome.
  'c4,cc,call.received,,2026-03-03T23:30:00Z,true',
].join('\n');

const csvRows = (text: string, file = 'calls.csv') => readEventsCsv(Readable.from([text]), { file });

/** Rollups without the indicator id, for readable comparisons. */
async function rollupsByDate(database: Database) {
  return (await listRollups(database.db)).map(({ date, good, total }) => ({ date, good, total }));
}

describeEachDialect('ingesting events', (ctx) => {
  it('stores events, folds their days by local date and records the source', async () => {
    const database = await ctx.openFresh();
    await storeKit(database, ratioOnly);
    const summary = await ingestEvents(deps(database), csvRows(CALLS_CSV), { mode: 'all-or-nothing' });
    expect(summary).toEqual({ accepted: 4, duplicates: 0, corrected: 0, rejected: [] });
    expect(await rollupsByDate(database)).toEqual([
      { date: '2026-03-02', good: 1, total: 2 },
      { date: '2026-03-03', good: 1, total: 1 },
      { date: '2026-03-04', good: 1, total: 1 },
    ]);
    expect(await listSources(database.db)).toEqual([
      { name: 'cc', lastEventAt: '2026-03-03T23:30:00.000Z', lastReceivedAt: T0.toISOString(), eventCount: 4 },
    ]);
  });

  it('changes nothing when the same file is ingested twice', async () => {
    const database = await ctx.openFresh();
    await storeKit(database, ratioOnly);
    await ingestEvents(deps(database), csvRows(CALLS_CSV), { mode: 'all-or-nothing' });
    const rollups = await listRollups(database.db);
    const later = new Date(T0.getTime() + 3_600_000);
    const again = await ingestEvents({ database, now: () => later }, csvRows(CALLS_CSV), { mode: 'all-or-nothing' });
    expect(again).toEqual({ accepted: 0, duplicates: 4, corrected: 0, rejected: [] });
    expect(await countEvents(database.db)).toBe(4);
    expect(await listRollups(database.db)).toEqual(rollups);
    // The feed spoke again, so it is not silent; its count is of distinct events.
    expect(await listSources(database.db)).toEqual([{ name: 'cc', lastEventAt: '2026-03-03T23:30:00.000Z', lastReceivedAt: later.toISOString(), eventCount: 4 }]);
  });

  it('rejects a bad CSV row with its file, line and field, and writes nothing at all', async () => {
    const database = await ctx.openFresh();
    await storeKit(database, ratioOnly);
    const bad = `${CALLS_CSV}\nc5,cc,call.received,,2026-13-01,true\nc6,cc,call.received,,2026-03-05T09:00:00Z,true`;
    const attempt = ingestEvents(deps(database), csvRows(bad), { mode: 'all-or-nothing' });
    await expect(attempt).rejects.toThrow(UserError);
    await expect(ingestEvents(deps(database), csvRows(bad), { mode: 'all-or-nothing' })).rejects.toThrow(
      "calls.csv:6: occurredAt: '2026-13-01' is not an ISO 8601 instant with offset",
    );
    expect(await countEvents(database.db)).toBe(0);
    expect(await listRollups(database.db)).toEqual([]);
    expect(await listSources(database.db)).toEqual([]);
  });

  it('aborts on a bad row after several full batches, leaving nothing written', async () => {
    const database = await ctx.openFresh();
    await storeKit(database, ratioOnly);
    const many = Array.from({ length: 1_200 }, (_, i) => row(i + 1, { id: `c${i}`, kind: 'call.received', at: '2026-03-02T09:00:00Z', attributes: { answered: true } }));
    many.push({ line: 1_201, file: 'big.ndjson', error: { line: 1_201, field: 'kind', message: 'missing' } });
    await expect(ingestEvents(deps(database), many, { mode: 'all-or-nothing' })).rejects.toThrow('big.ndjson:1201: kind: missing');
    expect(await countEvents(database.db)).toBe(0);
  });

  it('keeps the good lines in partial mode and lists the bad ones with their line', async () => {
    const database = await ctx.openFresh();
    await storeKit(database, ratioOnly);
    const text = [
      '{"id":"p1","source":"api","kind":"call.received","occurredAt":"2026-03-02T09:00:00+01:00","attributes":{"answered":true}}',
      '{"id":"p2","source":"api","kind":"call.received","occurredAt":"2026-03-02T09:00:00"}',
      'not json',
      '{"id":"p3","source":"api","kind":"call.received","occurredAt":"2026-03-02T11:00:00+01:00","attributes":{"answered":false}}',
    ].join('\n');
    const summary = await ingestEvents(deps(database), readEventsNdjson(Readable.from([text])), { mode: 'partial' });
    expect(summary.accepted).toBe(2);
    expect(summary.rejected).toEqual([
      { line: 2, field: 'occurredAt', message: expect.stringMatching(/no UTC offset/) },
      { line: 3, field: 'json', message: expect.stringMatching(/not valid JSON/) },
    ]);
    // Partial mode (the HTTP API) only queues the touched days; the drain folds them.
    expect(await rollupsByDate(database)).toEqual([]);
    expect((await drainRollupQueue(deps(database))).days).toBeGreaterThan(0);
    expect(await rollupsByDate(database)).toEqual([{ date: '2026-03-02', good: 1, total: 2 }]);
  });

  it('replaces a corrected event and recomputes both its old and its new day', async () => {
    const database = await ctx.openFresh();
    await storeKit(database, ratioOnly);
    await ingestEvents(deps(database), csvRows(CALLS_CSV), { mode: 'all-or-nothing' });
    const moved = rows({ id: 'c1', source: 'cc', kind: 'call.received', at: '2026-03-05T09:00:00+01:00', attributes: { answered: false } });
    expect(await ingestEvents(deps(database), moved, { mode: 'all-or-nothing' })).toEqual({ accepted: 0, duplicates: 0, corrected: 1, rejected: [] });
    expect(await countEvents(database.db)).toBe(4);
    expect(await rollupsByDate(database)).toEqual([
      { date: '2026-03-02', good: 0, total: 1 },
      { date: '2026-03-03', good: 1, total: 1 },
      { date: '2026-03-04', good: 1, total: 1 },
      { date: '2026-03-05', good: 0, total: 1 },
    ]);
  });

  it('stores the new events of an input that also re-sends and corrects stored ones, and counts each kind once', async () => {
    const database = await ctx.openFresh();
    await storeKit(database, ratioOnly);
    await ingestEvents(deps(database), csvRows(CALLS_CSV), { mode: 'all-or-nothing' });
    const mixed = [
      CALLS_CSV.split('\n')[0],
      'c5,cc,call.received,,2026-03-06T09:00:00+01:00,true',
      'c1,cc,call.received,,2026-03-02T09:00:00+01:00,true',
      'c2,cc,call.received,,2026-03-02T10:00:00+01:00,true',
      'c6,cc,call.received,,2026-03-06T10:00:00+01:00,false',
    ].join('\n');
    expect(await ingestEvents(deps(database), csvRows(mixed), { mode: 'all-or-nothing' })).toEqual({ accepted: 2, duplicates: 1, corrected: 1, rejected: [] });
    expect(await countEvents(database.db)).toBe(6);
    expect(await rollupsByDate(database)).toEqual([
      { date: '2026-03-02', good: 2, total: 2 },
      { date: '2026-03-03', good: 1, total: 1 },
      { date: '2026-03-04', good: 1, total: 1 },
      { date: '2026-03-06', good: 1, total: 2 },
    ]);
  });

  it('drops the rollup of a day left with nothing to count', async () => {
    const database = await ctx.openFresh();
    await storeKit(database, ratioOnly);
    await ingestEvents(deps(database), rows({ id: 'x', kind: 'call.received', at: '2026-03-02T09:00:00Z', attributes: { answered: true } }), { mode: 'partial' });
    await drainRollupQueue(deps(database));
    expect(await listRollups(database.db)).not.toEqual([]);
    await ingestEvents(deps(database), rows({ id: 'x', kind: 'call.missed', at: '2026-03-02T09:00:00Z' }), { mode: 'partial' });
    await drainRollupQueue(deps(database));
    expect(await listRollups(database.db)).toEqual([]);
  });

  it('judges a key repeated within one input in order: the same content is a duplicate, other content a correction', async () => {
    const database = await ctx.openFresh();
    await storeKit(database, ratioOnly);
    const call = { id: 'r', kind: 'call.received', at: '2026-03-02T09:00:00Z' };
    const input = rows({ ...call, attributes: { answered: true } }, { ...call, attributes: { answered: true } }, { ...call, attributes: { answered: false } });
    expect(await ingestEvents(deps(database), input, { mode: 'partial' })).toEqual({ accepted: 1, duplicates: 1, corrected: 1, rejected: [] });
    await drainRollupQueue(deps(database));
    expect(await rollupsByDate(database)).toEqual([{ date: '2026-03-02', good: 0, total: 1 }]);
    expect((await listSources(database.db))[0]?.eventCount).toBe(1);
  });

  it('pairs an end with a start that arrives later, recomputing the day of the end', async () => {
    const database = await ctx.openFresh();
    await storeKit(database, durationOnly);
    const end = rows({ id: 'end-1', kind: 'request.closed', subject: 'REQ-1', at: '2026-03-06T10:00:00+01:00' });
    await ingestEvents(deps(database), end, { mode: 'all-or-nothing' });
    // No start yet: the end cannot be paired, so nothing counts on its day.
    expect(await listRollups(database.db)).toEqual([]);
    const start = rows({ id: 'start-1', kind: 'request.opened', subject: 'REQ-1', at: '2026-03-02T09:00:00+01:00' });
    await ingestEvents(deps(database), start, { mode: 'all-or-nothing' });
    // Monday 2 to Friday 6 March: 4 working days after the start day.
    expect(await listRollups(database.db)).toEqual([expect.objectContaining({ date: '2026-03-06', good: 1, total: 1, sum: 4, max: 4 })]);
    // A corrected start moves the item's length, and the end's day follows.
    const earlier = rows({ id: 'start-1', kind: 'request.opened', subject: 'REQ-1', at: '2026-02-26T09:00:00+01:00' });
    await ingestEvents(deps(database), earlier, { mode: 'all-or-nothing' });
    expect(await listRollups(database.db)).toEqual([expect.objectContaining({ date: '2026-03-06', total: 1, max: 6 })]);
  });

  it('reports progress every 10,000 rows and leaves the same rollups a rebuild computes', async () => {
    const database = await ctx.openFresh();
    await storeKit(database);
    const input = Array.from({ length: 20_500 }, (_, i) =>
      row(i + 1, { id: `c${i}`, kind: 'call.received', at: new Date(Date.UTC(2026, 0, 1) + i * 200_000).toISOString(), attributes: { answered: i % 7 !== 0 } }),
    );
    input.push(...rows({ id: 's1', kind: 'request.opened', subject: 'A', at: '2026-02-02T09:00:00Z' }, { id: 'e1', kind: 'request.closed', subject: 'A', at: '2026-02-04T09:00:00Z' }));
    const progress: IngestProgress[] = [];
    const summary = await ingestEvents(deps(database), input, { mode: 'all-or-nothing', onProgress: (p) => progress.push(p) });
    expect(summary.accepted).toBe(20_502);
    expect(progress.map((p) => p.rows)).toEqual([10_000, 20_000]);
    const ingested = await listRollups(database.db);
    expect(ingested.length).toBeGreaterThan(40);
    expect(await rebuildRollups({ database })).toEqual({ indicators: KIT_INDICATORS.length, days: ingested.length });
    expect(await listRollups(database.db)).toEqual(ingested);
  });

  it("refreshes day by day: indicators reading the same kinds share each day's read, however many days a file touches", async () => {
    const database = await ctx.openFresh();
    const answered = KIT_INDICATORS[0]!;
    // Two indicators reading calls, and more days than the reads kept for sharing (16): each call is read once.
    await storeKit(database, [answered, { ...answered, slug: 'chiamate-ricevute', target: KIT_INDICATORS[5]!.target, measure: { kind: 'count', select: { kind: 'call.received' }, count: 'events' } }]);
    const days = Array.from({ length: 20 }, (_, day) => `2026-02-${String(day + 1).padStart(2, '0')}T10:00:00Z`);
    const read = new EventRowsRead();
    const summary = await ingestEvents(
      { database: { ...database, db: database.db.withPlugin(read) }, now: () => T0 },
      rows(...days.map((at, day) => ({ id: `c${day}`, kind: 'call.received', at, attributes: { answered: true } }))),
      { mode: 'all-or-nothing' },
    );
    expect(summary.accepted).toBe(days.length);
    expect((await listRollups(database.db)).length).toBe(2 * days.length);
    expect(read.rows).toBe(days.length);
  });
});

/** Counts the stored events queries read back (rows with an event_id). */
class EventRowsRead implements KyselyPlugin {
  rows = 0;
  transformQuery: KyselyPlugin['transformQuery'] = (args) => args.node;
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.rows += args.result.rows.filter((row) => 'event_id' in row && 'local_date' in row).length;
    return Promise.resolve(args.result);
  }
}

