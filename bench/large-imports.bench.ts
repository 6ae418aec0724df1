import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { lintCard } from '../src/domain/cards/card-lint.ts';
import { readCardText } from '../src/formats/card-text.importer.ts';
import { formatNumber } from './load.ts';

/**
 * Large inputs, side by side in one run (issue E item 4):
 * - `lint` of a card of N and of 4N rows (in this process): the time per row of each, and their ratio (1.0 is linear;
 *   it was about 4 before the fix, as time grew with the square of the rows);
 * - `misura import` of a card of BENCH_LARGE_CARD_ROWS rows (default 100 000), in its own process: time and peak RSS;
 * - `misura ingest` of a CSV of BENCH_LARGE_EVENTS_MB megabytes of events (default 1024), written here as it streams,
 *   in its own process: events per second and peak RSS (goal ≤ 256 MB), beside a raw better-sqlite3 prepared insert of
 *   the same number of rows into an events table made by the same migrations. That process's V8 heap is capped as
 *   `misura ingest` caps it (bin/misura.js: MISURA_INGEST_HEAP_MB, default 128); BENCH_LARGE_INGEST_HEAP_MB changes the
 *   cap, 0 leaves V8 its own sizing.
 */

const root = fileURLToPath(new URL('../', import.meta.url));
const CARD_ROWS = Number(process.env.BENCH_LARGE_CARD_ROWS ?? 100_000);
const EVENTS_MB = Number(process.env.BENCH_LARGE_EVENTS_MB ?? 1024);
// The default of bin/misura.js, which runs `misura ingest` in a child with this cap.
const INGEST_HEAP_MB = process.env.BENCH_LARGE_INGEST_HEAP_MB ?? process.env.MISURA_INGEST_HEAP_MB ?? '128';
const LINT_ROWS = 2_000;
const SEED = join(root, 'seeds', '002_36860386eee61ce2.txt');

function cardText(rows: number): string {
  const lines = readFileSync(SEED, 'utf8').split('\n');
  const header = lines.findIndex((line) => line.startsWith('Dimensioni\t'));
  const body = Array.from({ length: rows }, (_, i) => `Tempestività\tTempestività ${i}\tTempo di risposta alla richiesta numero ${i}\tGiorni tra richiesta e risposta\t${(i % 30) + 1} giorni\t`);
  return `${[...lines.slice(0, header + 1), ...body].join('\n')}\n`;
}

function secondsToLint(rows: number): number {
  const text = cardText(rows);
  const started = performance.now();
  for (const card of [readCardText(text, { file: `card-${rows}.txt` }).card]) lintCard(card);
  return (performance.now() - started) / 1000;
}

/** Runs `misura …` alone in a child process (bench/large-imports-child.ts) and returns what it measured. */
function misura(env: Record<string, string>, ...args: string[]): { code: number; seconds: number; maxRssMb: number } {
  const child = spawnSync(process.execPath, [...process.execArgv, join(root, 'bench', 'large-imports-child.ts'), ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const last = child.stdout.trim().split('\n').at(-1) ?? '';
  if (child.status !== 0 || !last.startsWith('{')) throw new Error(`misura ${args.join(' ')} failed: ${child.stderr}`);
  const result = JSON.parse(last) as { code: number; seconds: number; maxRssMb: number };
  if (result.code !== 0) throw new Error(`misura ${args.join(' ')} exited with ${result.code}: ${child.stderr}`);
  return result;
}

/** Writes a CSV of call events of about `megabytes`, streaming; returns the number of events. */
async function writeEventsCsv(path: string, megabytes: number): Promise<number> {
  const out = createWriteStream(path);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve())));
  await write('id,source,kind,subject,occurredAt,attr.answered\n');
  const start = Date.parse('2026-01-01T00:00:00Z');
  let bytes = 0;
  let events = 0;
  while (bytes < megabytes * 1024 * 1024) {
    let chunk = '';
    for (let i = 0; i < 1000; i += 1, events += 1) {
      const at = new Date(start + ((events * 7_000) % (300 * 86_400_000))).toISOString();
      chunk += `call-${events},contact-centre,call.received,,${at},${events % 5 === 0 ? 'false' : 'true'}\n`;
    }
    bytes += Buffer.byteLength(chunk);
    await write(chunk);
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return events;
}

function rawInsertSeconds(path: string, events: number): number {
  const raw = new BetterSqlite3(path);
  try {
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    const insert = raw.prepare('insert into events (source, event_id, kind, subject, occurred_at, local_date, attributes_json, received_at) values (?, ?, ?, ?, ?, ?, ?, ?)');
    const start = Date.parse('2026-01-01T00:00:00Z');
    const started = performance.now();
    const batch = raw.transaction((from: number, to: number) => {
      for (let i = from; i < to; i += 1) {
        const at = new Date(start + ((i * 7_000) % (300 * 86_400_000))).toISOString();
        insert.run('contact-centre', `call-${i}`, 'call.received', null, at, at.slice(0, 10), `{"answered":${i % 5 !== 0}}`, at);
      }
    });
    for (let from = 0; from < events; from += 500) batch(from, Math.min(events, from + 500));
    return (performance.now() - started) / 1000;
  } finally {
    raw.close();
  }
}

const folder = mkdtempSync(join(tmpdir(), 'misura-bench-large-'));
try {
  const small = secondsToLint(LINT_ROWS);
  const large = secondsToLint(LINT_ROWS * 4);
  console.log(`large-imports bench`);
  console.log(`  lint ${formatNumber(LINT_ROWS)} rows: ${formatNumber(small, 2)} s; ${formatNumber(LINT_ROWS * 4)} rows: ${formatNumber(large, 2)} s`);
  console.log(`  time per row, 4× the rows / 1×: ${formatNumber(large / 4 / small, 2)} (1.0 is linear; quadratic would be 4)`);

  const card = join(folder, 'card.txt');
  writeFileSync(card, cardText(CARD_ROWS));
  const imported = misura({ MISURA_DB_URL: join(folder, 'cards.db') }, 'import', card);
  console.log(`  import of a ${formatNumber(CARD_ROWS)}-row card: ${formatNumber(imported.seconds, 1)} s, peak RSS ${formatNumber(imported.maxRssMb)} MB`);

  const csv = join(folder, 'events.csv');
  const events = await writeEventsCsv(csv, EVENTS_MB);
  const db = join(folder, 'events.db');
  misura({ MISURA_DB_URL: db }, 'import', '--publish', '--act', 'bench', ...['000_c79bcda3436e61a9.txt', '001_26d6f6251607aad7.txt', '002_36860386eee61ce2.txt', '003_c6188123ed35ccee.txt'].map((f) => join(root, 'seeds', f)));
  misura({ MISURA_DB_URL: db }, 'measures', 'apply', join(root, 'seeds', 'measures.yaml'));
  const heapCap: Record<string, string> = INGEST_HEAP_MB === '0' ? {} : { NODE_OPTIONS: `--max-old-space-size=${INGEST_HEAP_MB}` };
  const ingested = misura({ MISURA_DB_URL: db, MISURA_EVENTS_FROM: '2026-01-01', ...heapCap }, 'ingest', csv);
  const rawDb = join(folder, 'raw.db');
  // Any command migrates a new database: the raw insert gets the same events table.
  misura({ MISURA_DB_URL: rawDb }, 'sources');
  const raw = rawInsertSeconds(rawDb, events);
  const mb = statSync(csv).size / 1024 / 1024;
  console.log(`  ingest of a ${formatNumber(mb)} MB CSV (${formatNumber(events)} events, rollups of the seed measures included):`);
  console.log(`    misura ingest     ${formatNumber(events / ingested.seconds).padStart(9)} events/s  (${formatNumber(ingested.seconds, 1)} s), peak RSS ${formatNumber(ingested.maxRssMb)} MB (goal ≤ 256 MB)${INGEST_HEAP_MB === '0' ? ', heap sized by V8' : `, heap capped at ${INGEST_HEAP_MB} MB`}`);
  console.log(`    raw insert        ${formatNumber(events / raw).padStart(9)} events/s  (${formatNumber(raw, 1)} s)`);
  console.log(`    ratio ingest / raw: ${formatNumber((100 * raw) / ingested.seconds, 1)} %`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
