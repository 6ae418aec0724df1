import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KIT_INDICATORS, storeKit, T0 } from '../src/actions/events.test-kit.ts';
import { READER_TARGETS, runFuzzTarget, type FuzzFailure, type FuzzTarget } from '../src/formats/fuzz.test-kit.ts';
import { startApi } from '../src/http/api/api.test-kit.ts';
import { httpIngestionTarget } from '../src/http/api/events-fuzz.test-kit.ts';
import { openDatabase } from '../src/storage/database.ts';
import { formatNumber } from './load.ts';

/**
 * `npm run bench -- fuzz-events`: the fuzz of the event readers (NDJSON streamed in random pieces, CSV, XLSX), of the
 * card text reader and of POST /api/v1/events (over a SQLite file), with many more cases than `npm test` runs. Prints
 * cases per second per target and every failure with its seed; exits 1 if there is one. Settings (shared with
 * fuzz-cards.bench.ts):
 * - BENCH_FUZZ_CASES: cases per target (default 1000; XLSX, ten times slower to make, gets a tenth);
 * - BENCH_FUZZ_SEED: the first seed (default: from the clock, printed); case i uses seed + i, so
 *   `BENCH_FUZZ_SEED=<a failure's seed> BENCH_FUZZ_CASES=1 npm run bench -- fuzz-events` runs that case again;
 * - BENCH_FUZZ_TARGETS: a comma-separated subset (ndjson, csv, xlsx, card, http).
 */

const cases = Number(process.env.BENCH_FUZZ_CASES ?? 1000);
if (!Number.isInteger(cases) || cases < 1) throw new Error(`BENCH_FUZZ_CASES must be a whole number, got "${process.env.BENCH_FUZZ_CASES}"`);
const seed = Number(process.env.BENCH_FUZZ_SEED ?? Date.now() % 1_000_000_000);
if (!Number.isSafeInteger(seed)) throw new Error(`BENCH_FUZZ_SEED must be a whole number, got "${process.env.BENCH_FUZZ_SEED}"`);
const only = process.env.BENCH_FUZZ_TARGETS?.split(',').map((name) => name.trim());
const chosen = (name: string) => only === undefined || only.includes(name);

// An exception nothing caught is a failure of the case running when it was thrown.
let running: { target: string; seed: number } | undefined;
const failures: FuzzFailure[] = [];
const uncaught = (error: unknown) => failures.push({ target: running?.target ?? '?', seed: running?.seed ?? -1, problem: `uncaught: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` });
process.on('uncaughtException', uncaught);
process.on('unhandledRejection', uncaught);

console.log(`fuzz from seed ${seed}, ${cases} cases per target`);

async function run(target: FuzzTarget, count: number): Promise<void> {
  const started = performance.now();
  const found = await runFuzzTarget(target, seed, count, (caseSeed) => (running = { target: target.name, seed: caseSeed }));
  const seconds = (performance.now() - started) / 1000;
  failures.push(...found);
  console.log(`  ${target.name.padEnd(7)} ${formatNumber(count).padStart(7)} cases  ${formatNumber(count / seconds, 1).padStart(8)} cases/s  ${found.length === 0 ? 'no failure' : `${found.length} FAILED`}`);
}

for (const target of READER_TARGETS) if (chosen(target.name)) await run(target, target.name === 'xlsx' ? Math.max(1, Math.round(cases / 10)) : cases);

if (chosen('http')) {
  const folder = mkdtempSync(join(tmpdir(), 'misura-bench-fuzz-'));
  const database = await openDatabase(join(folder, 'misura.db'));
  try {
    await storeKit(database, KIT_INDICATORS);
    const api = startApi(database, () => T0, { api: { ingestBodyLimitBytes: 64 * 1024, ingestRequestsPerMinute: false } });
    try {
      await run(httpIngestionTarget(api.app, await api.tokenFor('contact-centre')), cases);
      for (const path of ['/', '/api/v1/results?year=2026', '/metrics', '/opendata']) {
        const status = (await api.app.inject(path)).statusCode;
        if (status !== 200) failures.push({ target: 'http', seed, problem: `after the fuzz, ${path} answers ${status}` });
      }
    } finally {
      await api.app.close();
    }
  } finally {
    await database.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

for (const failure of failures) console.log(`  FAILURE ${failure.target} seed ${failure.seed}: ${failure.problem}`);
process.exitCode = failures.length === 0 ? 0 : 1;
