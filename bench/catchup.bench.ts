import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDemo } from '../src/actions/build-demo.action.ts';
import { ingestEvents } from '../src/actions/ingest-events.action.ts';
import { SEED_DIR } from '../src/cli/demo.command.ts';
import { openContext } from '../src/context.ts';
import type { MeasureEvent } from '../src/domain/events/event.ts';
import { generateDemoEvents } from '../src/demo/demo-events.ts';
import { buildApp } from '../src/http/app.ts';
import { openDatabase } from '../src/storage/database.ts';
import type { IngestClientResult, IngestJob } from './ingest-client.ts';
import { batchesOf, benchSettings, formatNumber, measureLoad, runClient, type LoadResult } from './load.ts';

/**
 * Page latency while a server catches up (issue 10, item 2): the demo served as `misura serve` serves it (drain worker,
 * catch-up in the background), a public service page loaded by BENCH_CONNECTIONS connections for BENCH_SECONDS per
 * phase, its p50 and p99 printed beside the idle figure:
 * - idle;
 * - during an ingestion of BENCH_CATCHUP_EVENTS events (default 1 000 000: the demo's first-quarter feeds sent again
 *   under new ids, so every day of the quarter is recomputed) through POST /api/v1/events from another process;
 * - right after the last acknowledgement, while the queued days are recomputed;
 * - once they are;
 * - after a restart that left a quarter of that many events queued (as a crash would): the first page and the load
 *   while the new server catches up at boot.
 * Any answer but 200 fails the bench: that would be an outage.
 */

const NOW = new Date('2026-04-01T10:00:00Z');
const now = () => NOW;
const EVENTS = Number(process.env.BENCH_CATCHUP_EVENTS ?? 1_000_000);
if (!Number.isInteger(EVENTS) || EVENTS < 1000) throw new Error(`BENCH_CATCHUP_EVENTS must be a whole number ≥ 1000, got "${process.env.BENCH_CATCHUP_EVENTS}"`);
const BATCH = 5000;
const PAGE = '/servizi/centro-di-contatto';
const { durationMs, connections } = benchSettings();

/** The demo's events of the quarter, repeated under new ids until there are `count`. */
function eventsToSend(count: number): MeasureEvent[] {
  const quarter = [...generateDemoEvents({ seed: 2026, year: 2026, lastDate: '2026-03-31' })].filter((event) => event.occurredAt < NOW);
  const events: MeasureEvent[] = [];
  for (let copy = 1; events.length < count; copy += 1) {
    for (const event of quarter) {
      if (events.length === count) break;
      events.push({ ...event, id: `${event.id}~${copy}`, subject: event.subject === null ? null : `${event.subject}~${copy}` });
    }
  }
  return events;
}


function check(phase: string, result: LoadResult): LoadResult {
  const bad = Object.entries(result.statuses).filter(([status]) => status !== '200');
  if (bad.length > 0 || result.errors > 0) throw new Error(`${phase}: answers other than 200 (${JSON.stringify(result.statuses)}, ${result.errors} errors): an outage`);
  return result;
}

async function serve(path: string) {
  const context = await openContext({ MISURA_DB_URL: path }, now, { drainInWorker: true });
  const app = buildApp(context.actions, { logger: false, now, rateLimitPerMinute: false, api: { ingestRequestsPerMinute: false } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return { context, app, origin, close: async () => (await app.close(), await context.close()) };
}

const folder = mkdtempSync(join(tmpdir(), 'misura-bench-catchup-'));
try {
  const path = join(folder, 'misura.db');
  const database = await openDatabase(path);
  await buildDemo({ database, now }, { seed: 2026, year: 2026, lastDate: '2026-03-31', seedDir: SEED_DIR });
  await database.close();
  const events = eventsToSend(EVENTS);
  const batches = batchesOf(events, BATCH);
  const files = batches.map((batch, index) => {
    const file = join(folder, `batch-${index}.ndjson`);
    writeFileSync(file, `${batch.map((event) => JSON.stringify(event)).join('\n')}\n`);
    return file;
  });

  const server = await serve(path);
  const { actions } = server.context;
  await actions.drainRollupQueue();
  const load = () => measureLoad({ url: `${server.origin}${PAGE}`, connections, durationMs });
  const idle = check('idle', await load());

  const tokens = new Map<string, string>();
  for (const source of new Set(batches.map((batch) => batch[0]!.source))) tokens.set(source, (await actions.createApiToken({ source })).token);
  const job: IngestJob = { origin: server.origin, requests: batches.map((batch, index) => ({ token: tokens.get(batch[0]!.source)!, file: files[index]! })) };
  const sending = runClient<IngestJob, IngestClientResult>('./ingest-client.ts', job);
  const during = check('during the ingestion', await load());
  const sent = await sending;
  if (sent.failure !== undefined) throw new Error(sent.failure);
  const acknowledgedAt = performance.now();
  const afterAck = check('after the last acknowledgement', await load());
  await actions.drainRollupQueue();
  const drainedSeconds = (performance.now() - acknowledgedAt) / 1000;
  const caughtUp = check('caught up', await load());
  await server.close();

  // A crash after acknowledging: events stored and their days queued, no drain run.
  const restartPath = join(folder, 'restart.db');
  copyFileSync(path, restartPath);
  const crashed = await openDatabase(restartPath);
  const left = eventsToSend(Math.floor(EVENTS / 4)).map((event, index) => ({ line: index + 1, file: 'crash', event: { ...event, id: `${event.id}#crash` } }));
  await ingestEvents({ database: crashed, now }, left, { mode: 'partial' });
  await crashed.close();
  const restarted = await serve(restartPath);
  const firstStarted = performance.now();
  const first = await fetch(`${restarted.origin}${PAGE}`);
  await first.arrayBuffer();
  const firstMs = performance.now() - firstStarted;
  if (first.status !== 200) throw new Error(`the first page after the restart answered ${first.status}`);
  const atBoot = check('catching up at boot', await measureLoad({ url: `${restarted.origin}${PAGE}`, connections, durationMs }));
  await restarted.context.actions.drainRollupQueue();
  await restarted.close();

  const row = (name: string, result: LoadResult) =>
    `  ${name.padEnd(38)} p50 ${formatNumber(result.p50, 1).padStart(7)} ms   p99 ${formatNumber(result.p99, 1).padStart(7)} ms   ${formatNumber(result.requestsPerSecond).padStart(6)} pages/s   p99 / idle ${formatNumber(result.p99 / idle.p99, 1)}×`;
  console.log(`catch-up bench: ${formatNumber(EVENTS)} events in ${batches.length} requests (${formatNumber(sent.seconds, 1)} s), ${PAGE}, ${connections} connections, ${durationMs / 1000} s per phase`);
  console.log(row('idle', idle));
  console.log(row('during the ingestion', during));
  console.log(row('after the last acknowledgement', afterAck));
  console.log(row('caught up', caughtUp));
  console.log(`  queued days recomputed ${formatNumber(drainedSeconds, 1)} s after the last acknowledgement`);
  console.log(`  restart with ${formatNumber(left.length)} events' days queued: first page ${formatNumber(firstMs)} ms`);
  console.log(row('catching up at boot', atBoot));
} finally {
  rmSync(folder, { recursive: true, force: true });
}
