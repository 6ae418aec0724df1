import { fork } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench`: every bench/*.bench.ts (card page, ingestion, the importer on damaged card files (fuzz-cards), and the
 * demo build when bench/demo.bench.ts exists),
 * one after the other, each in its own process so that one's memory and JIT state do not weigh on the next.
 * Settings: BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_ROUNDS, BENCH_BATCH (see bench/load.ts and the scripts).
 */

const folder = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const scripts = readdirSync(folder)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => only.length === 0 || only.some((name) => file.startsWith(name)))
  .sort();
if (scripts.length === 0) throw new Error(`no bench script matches ${only.join(', ')}`);

let failed = 0;
for (const script of scripts) {
  console.log(`\n== ${script}`);
  const started = performance.now();
  const code = await new Promise<number>((resolve) => {
    const child = fork(new URL(script, import.meta.url), { execArgv: process.execArgv, stdio: 'inherit' });
    child.once('exit', (exitCode) => resolve(exitCode ?? 1));
  });
  console.log(`   (${script}: ${((performance.now() - started) / 1000).toFixed(1)} s${code === 0 ? '' : `, FAILED with exit code ${code}`})`);
  if (code !== 0) failed += 1;
}
process.exitCode = failed === 0 ? 0 : 1;
