import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
import { batchesOf, benchRounds, formatNumber, runClient } from './load.ts';

/**
 * Events per second through POST /api/v1/events (NDJSON, one source token per feed, batches of BENCH_BATCH events,
 * each acknowledged once committed: parsing, checks, idempotency, sources and the queue of days whose rollups a worker
 * thread recomputes right after; the time until those are done is shown too) against a raw better-sqlite3
 * prepared-statement insert of the same rows, one transaction per batch, into an events table of the same shape (made
 * by the same migrations, same pragmas). Both on files in a temp folder. The events are the demo's synthetic feeds for
 * January to March, after a first day stored with the seed cards and their measures.
 *
 * The machine is shared, so the two are measured side by side in BENCH_ROUNDS alternating rounds (each on a fresh
 * copy of the same database) and the ratio is the median of the rounds' ratios.
 */

const NOW = new Date('2026-04-01T10:00:00Z');
const BATCH = Number(process.env.BENCH_BATCH ?? 5000);
if (!Number.isInteger(BATCH) || BATCH < 1) throw new Error(`BENCH_BATCH must be a whole number, got "${process.env.BENCH_BATCH}"`);
const ROUNDS = benchRounds();
const now = () => NOW;

interface HttpRound {
  /** Seconds from the first request to the last answer. */
  seconds: number;
  /** Seconds until the last queued rollup was recomputed. */
  drainedSeconds: number;
}

const folder = mkdtempSync(join(tmpdir(), 'misura-bench-ingest-'));
try {
  // The starting database (seed cards, measures, the first day) is built once and copied for every round.
  const template = join(folder, 'template.db');
  const database = await openDatabase(template);
  await buildDemo({ database, now }, { seed: 2026, year: 2026, lastDate: '2026-01-01', seedDir: SEED_DIR });
  await database.close();
  // The raw insert goes into an empty table made by the same migrations (a few first-day keys come again in the feeds).
  const emptyTemplate = join(folder, 'empty.db');
  await (await openDatabase(emptyTemplate)).close();
  const firstDayEnd = new Date('2026-01-01T23:00:00Z');
  // One version per key (the feeds also send corrections), so that the raw insert takes the same rows.
  const byKey = new Map<string, MeasureEvent>();
  for (const event of generateDemoEvents({ seed: 2026, year: 2026, lastDate: '2026-03-31' })) {
    if (event.occurredAt >= firstDayEnd) byKey.set(`${event.source}\u0000${event.id}`, event);
  }
  const events = [...byKey.values()];
  const batches = batchesOf(events, BATCH);
  const files = batches.map((batch, index) => {
    const file = join(folder, `batch-${index}.ndjson`);
    writeFileSync(file, `${batch.map((event) => JSON.stringify(event)).join('\n')}\n`);
    return file;
  });
  const receivedAt = NOW.toISOString();
  const rawBatches = batches.map((batch) =>
    batch.map((e) => [e.source, e.id, e.kind, e.subject, e.occurredAt.toISOString(), localDateOf(e.occurredAt), JSON.stringify(e.attributes), receivedAt]),
  );

  const https: HttpRound[] = [];
  const raws: number[] = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    https.push(await measureHttp(template, join(folder, `http-${round}.db`), batches, files, events.length));
    raws.push(measureRaw(emptyTemplate, join(folder, `raw-${round}.db`), rawBatches, events.length));
  }

  const ratios = https.map((http, index) => (100 * (events.length / http.seconds)) / (events.length / raws[index]!));
  const middle = medianIndex(ratios);
  const http = https[middle]!;
  const rawSeconds = raws[middle]!;
  console.log(`ingest bench: ${formatNumber(events.length)} demo events from ${new Set(events.map((e) => e.source)).size} sources, ${batches.length} NDJSON requests of at most ${formatNumber(BATCH)} events, ${ROUNDS} rounds (the median round shown)`);
  console.log(`  POST /api/v1/events (NDJSON, committed)   ${formatNumber(events.length / http.seconds).padStart(9)} events/s   (${formatNumber(http.seconds, 2)} s)`);
  console.log(`  … until every rollup is recomputed       ${formatNumber(events.length / http.drainedSeconds).padStart(9)} events/s   (${formatNumber(http.drainedSeconds, 2)} s)`);
  console.log(`  raw better-sqlite3 prepared insert         ${formatNumber(events.length / rawSeconds).padStart(9)} events/s   (${formatNumber(rawSeconds, 2)} s)`);
  console.log(`  ratio HTTP / raw: ${formatNumber(ratios[middle]!, 1)} % (goal >= 50 %; rounds: ${ratios.map((ratio) => formatNumber(ratio, 1)).join(', ')} %)`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}

/** One HTTP round on a fresh copy of the template: the app wired as `misura serve` wires it, a sender in its own process. */
async function measureHttp(template: string, path: string, batches: readonly MeasureEvent[][], files: readonly string[], expected: number): Promise<HttpRound> {
  copyFileSync(template, path);
  // The queued rollups are recomputed by a worker thread, as `misura serve` does.
  const context = await openContext({ MISURA_DB_URL: path }, now, { drainInWorker: true });
  const { actions } = context;
  const app = buildApp(actions, { logger: false, now, rateLimitPerMinute: false, api: { ingestRequestsPerMinute: false } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const tokens = new Map<string, string>();
    for (const source of new Set(batches.map((batch) => batch[0]!.source))) tokens.set(source, (await actions.createApiToken({ source })).token);
    const requests = batches.map((batch, index) => ({ token: tokens.get(batch[0]!.source)!, file: files[index]! }));
    // The server is measured running, not starting: the worker thread answers its first drain once it has loaded.
    await actions.drainRollupQueue();
    // The sender times the requests itself: from the first request to the last answer.
    const sent = await runClient<IngestJob, IngestClientResult>('./ingest-client.ts', { origin, requests });
    const answeredAt = performance.now();
    if (sent.failure !== undefined) throw new Error(sent.failure);
    // A few events of the first day's feeds (late closures, register corrections) come again: all are counted.
    if (sent.taken !== expected) throw new Error(`${expected} events sent, ${sent.taken} taken`);
    // Closing waits for the last queued rollups to be recomputed: the time until the public results show every event.
    await app.close();
    return { seconds: sent.seconds, drainedSeconds: sent.seconds + (performance.now() - answeredAt) / 1000 };
  } finally {
    await app.close(); // a second close only waits for the first
    await context.close();
  }
}

/** One raw round: the same rows, computed beforehand, inserted by one prepared statement into a fresh empty copy. */
function measureRaw(template: string, path: string, rawBatches: readonly unknown[][][], expected: number): number {
  copyFileSync(template, path);
  const raw = new BetterSqlite3(path);
  try {
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    const insert = raw.prepare(
      'insert into events (source, event_id, kind, subject, occurred_at, local_date, attributes_json, received_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insertBatch = raw.transaction((rows: unknown[][]) => {
      for (const row of rows) insert.run(...row);
    });
    const started = performance.now();
    for (const rows of rawBatches) insertBatch(rows);
    const seconds = (performance.now() - started) / 1000;
    const stored = (raw.prepare('select count(*) as n from events').get() as { n: number }).n;
    if (stored !== expected) throw new Error(`${expected} rows inserted, ${stored} stored`);
    return seconds;
  } finally {
    raw.close();
  }
}

/** The index of the median value (the lower one of the two middle values for an even count). */
function medianIndex(values: readonly number[]): number {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  return order[Math.floor((order.length - 1) / 2)]!.index;
}
