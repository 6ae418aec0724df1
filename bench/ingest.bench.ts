import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { buildDemo } from '../src/actions/build-demo.action.ts';
import { SEED_DIR } from '../src/cli/demo.command.ts';
import { localDateOf } from '../src/domain/calendar/index.ts';
import type { MeasureEvent } from '../src/domain/events/event.ts';
import { generateDemoEvents } from '../src/demo/demo-events.ts';
import { openContext } from '../src/context.ts';
import { buildApp } from '../src/http/app.ts';
import { openDatabase } from '../src/storage/database.ts';
import type { IngestClientResult, IngestJob } from './ingest-client.ts';
import { formatNumber } from './load.ts';

/**
 * Events per second through POST /api/v1/events (NDJSON, one source token per feed, batches of BENCH_BATCH events,
 * each acknowledged once committed: parsing, checks, idempotency look-ups, sources and the queue of days whose rollups
 * are recomputed right after; the time until those are done is shown too) against a raw
 * better-sqlite3 prepared-statement insert of the same rows, one transaction per batch, into an events table of the
 * same shape (made by the same migrations, same pragmas). Both on files in a temp folder. The events are the demo's
 * synthetic feeds for January to March, after a first day stored with the seed cards and their measures.
 */

const NOW = new Date('2026-04-01T10:00:00Z');
const BATCH = Number(process.env.BENCH_BATCH ?? 5000);
if (!Number.isInteger(BATCH) || BATCH < 1) throw new Error(`BENCH_BATCH must be a whole number, got "${process.env.BENCH_BATCH}"`);

const folder = mkdtempSync(join(tmpdir(), 'misura-bench-ingest-'));
try {
  const now = () => NOW;
  const database = await openDatabase(join(folder, 'http.db'));
  await buildDemo({ database, now }, { seed: 2026, year: 2026, lastDate: '2026-01-01', seedDir: SEED_DIR });
  const firstDayEnd = new Date('2026-01-01T23:00:00Z');
  // One version per key (the feeds also send corrections), so that the raw insert takes the same rows.
  const byKey = new Map<string, MeasureEvent>();
  for (const event of generateDemoEvents({ seed: 2026, year: 2026, lastDate: '2026-03-31' })) {
    if (event.occurredAt >= firstDayEnd) byKey.set(`${event.source}\u0000${event.id}`, event);
  }
  const events = [...byKey.values()];
  const batches = batchesOf(events);

  await database.close();
  // HTTP: the app wired as `misura serve` wires it (the queued rollups recomputed by a worker thread), on a loopback
  // port, one token per source.
  const context = await openContext({ MISURA_DB_URL: join(folder, 'http.db') }, now, { drainInWorker: true });
  const { actions } = context;
  const app = buildApp(actions, { logger: false, now, rateLimitPerMinute: false, api: { ingestRequestsPerMinute: false } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const tokens = new Map<string, string>();
  for (const source of new Set(events.map((event) => event.source))) tokens.set(source, (await actions.createApiToken({ source })).token);
  const requests = batches.map((batch, index) => {
    const file = join(folder, `batch-${index}.ndjson`);
    writeFileSync(file, `${batch.map((event) => JSON.stringify(event)).join('\n')}\n`);
    return { token: tokens.get(batch[0]!.source)!, file };
  });
  // The sender runs in its own process and times the requests itself: from the first request to the last answer.
  const sent = await sendFromClient({ origin, requests });
  const answeredAt = performance.now();
  if (sent.failure !== undefined) throw new Error(sent.failure);
  // A few events of the first day's feeds (late closures, register corrections) come again: all are counted.
  const accepted = sent.taken;
  const httpSeconds = sent.seconds;
  // Closing waits for the last queued rollups to be recomputed: the time until the public results show every event.
  await app.close();
  const drainedSeconds = sent.seconds + (performance.now() - answeredAt) / 1000;
  await context.close();
  if (accepted !== events.length) throw new Error(`${events.length} events sent, ${accepted} taken`);

  // Raw: the same rows, computed beforehand, inserted by one prepared statement.
  const rawPath = join(folder, 'raw.db');
  await (await openDatabase(rawPath)).close();
  const raw = new BetterSqlite3(rawPath);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  const insert = raw.prepare(
    'insert into events (source, event_id, kind, subject, occurred_at, local_date, attributes_json, received_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const receivedAt = NOW.toISOString();
  const rowsOf = (batch: readonly MeasureEvent[]) =>
    batch.map((e) => [e.source, e.id, e.kind, e.subject, e.occurredAt.toISOString(), localDateOf(e.occurredAt), JSON.stringify(e.attributes), receivedAt]);
  const rawBatches = batches.map(rowsOf);
  const insertBatch = raw.transaction((rows: unknown[][]) => {
    for (const row of rows) insert.run(...row);
  });
  const rawStarted = performance.now();
  for (const rows of rawBatches) insertBatch(rows);
  const rawSeconds = (performance.now() - rawStarted) / 1000;
  const stored = (raw.prepare('select count(*) as n from events').get() as { n: number }).n;
  raw.close();
  if (stored !== events.length) throw new Error(`${events.length} rows inserted, ${stored} stored`);

  const httpRate = events.length / httpSeconds;
  const rawRate = events.length / rawSeconds;
  console.log(`ingest bench: ${formatNumber(events.length)} demo events from ${tokens.size} sources, ${requests.length} NDJSON requests of at most ${formatNumber(BATCH)} events`);
  console.log(`  POST /api/v1/events (NDJSON, committed)   ${formatNumber(httpRate).padStart(9)} events/s   (${formatNumber(httpSeconds, 2)} s)`);
  console.log(`  … until every rollup is recomputed       ${formatNumber(events.length / drainedSeconds).padStart(9)} events/s   (${formatNumber(drainedSeconds, 2)} s)`);
  console.log(`  raw better-sqlite3 prepared insert         ${formatNumber(rawRate).padStart(9)} events/s   (${formatNumber(rawSeconds, 2)} s)`);
  console.log(`  ratio HTTP / raw: ${formatNumber((100 * httpRate) / rawRate, 1)} % (goal >= 50 %)`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}

/** Runs the sender (bench/ingest-client.ts) in its own process and resolves with what it measured. */
function sendFromClient(job: IngestJob): Promise<IngestClientResult> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./ingest-client.ts', import.meta.url), { execArgv: process.execArgv });
    child.once('message', (result) => resolve(result as IngestClientResult));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the ingestion client exited with code ${code}`));
    });
    child.send(job);
  });
}

/** Events cut into batches of one source each, at most BATCH long, in generation order. */
function batchesOf(events: readonly MeasureEvent[]): MeasureEvent[][] {
  const batches: MeasureEvent[][] = [];
  let current: MeasureEvent[] = [];
  for (const event of events) {
    if (current.length === BATCH || (current.length > 0 && current[0]!.source !== event.source)) {
      batches.push(current);
      current = [];
    }
    current.push(event);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
