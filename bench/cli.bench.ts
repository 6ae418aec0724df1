import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchRounds, formatNumber } from './load.ts';

/**
 * How fast the built `misura` starts and how much a served site weighs, as a user runs it (`node bin/misura.js`, the
 * JavaScript `npm run build` compiled into dist/):
 * - `misura --help` against `node -e 0` (the floor: Node starting and stopping), in alternating runs;
 * - `misura report --year Y --json` on the demo database (built first in a temp folder by `misura demo --no-serve`);
 * - the same two through tsx from the TypeScript sources, as bin/misura.js ran them before the build step (fewer
 *   runs: each takes seconds);
 * - `misura serve` on the demo database: its resident memory (VmRSS) once it answers /healthz and has settled, and
 *   after it has served three pages (home, a service, an indicator with its chart: the reports, the page code,
 *   ECharts).
 * Medians of BENCH_CLI_RUNS runs (default 7; serve and tsx: BENCH_ROUNDS, default 3).
 */

const root = fileURLToPath(new URL('../', import.meta.url));
const runs = Number(process.env.BENCH_CLI_RUNS ?? 7);
if (!Number.isInteger(runs) || runs < 1 || runs > 50) throw new Error(`BENCH_CLI_RUNS must be 1-50, got "${process.env.BENCH_CLI_RUNS}"`);
const rounds = benchRounds();
/** How long the server is left alone before its memory is read. */
const SETTLE_MS = 3_000;

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted[Math.floor(sorted.length / 2)];
  if (middle === undefined) throw new Error('no value to take the median of');
  return middle;
}

/** The CPU time (user + system, ms) of this process's children that have ended, from /proc (Linux; 10 ms ticks). */
function childrenCpuMs(): number {
  // Fields after the command name: cutime and cstime are the 14th and 15th.
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

interface Timing {
  wallMs: number;
  /** CPU time of the process: moves much less than wall time when other work shares the machine. */
  cpuMs: number;
}

/** Runs node with `args` in the repository; its wall and CPU time. A failure stops the bench. */
function timeNode(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Timing {
  const cpuBefore = childrenCpuMs();
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${result.status}: ${result.stderr.toString()}`);
  return { wallMs, cpuMs: childrenCpuMs() - cpuBefore };
}

/** Alternating runs of several commands (one of each per run), so they share the machine's load; medians. */
function timeSideBySide(commands: Record<string, readonly string[]>, count: number, env: NodeJS.ProcessEnv = process.env): Record<string, Timing> {
  const times: Record<string, Timing[]> = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  for (let run = 0; run < count; run += 1) {
    for (const [name, args] of Object.entries(commands)) times[name]!.push(timeNode(args, env));
  }
  return Object.fromEntries(
    Object.entries(times).map(([name, values]) => [name, { wallMs: medianOf(values.map((t) => t.wallMs)), cpuMs: medianOf(values.map((t) => t.cpuMs)) }]),
  );
}

/** The resident memory of a process in MB, from /proc (Linux). */
function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(kb) / 1024;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** GETs a page that must answer 200; its text. */
async function page(url: string): Promise<string> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return response.text();
}

/** Starts `misura serve` on a free port; measures its memory idle after /healthz, then after three pages. */
async function measureServe(env: NodeJS.ProcessEnv): Promise<{ idleMb: number; afterPageMb: number; startMs: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/misura.js', 'serve', '--port', '0', '--host', '127.0.0.1', '--log-level', 'warn'], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const address = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const found = /serving the public site on (http:\/\/\S+)/.exec(stdout);
        if (found?.[1] !== undefined) resolve(found[1]);
      });
      child.once('exit', (code) => reject(new Error(`misura serve exited with ${code} before listening`)));
    });
    const health = await fetch(`${address}/healthz`);
    if (health.status !== 200) throw new Error(`/healthz answered ${health.status}`);
    const startMs = performance.now() - started;
    await sleep(SETTLE_MS);
    const idleMb = residentMb(child.pid!);
    const service = /href="(\/servizi\/[^/"]+)"/.exec(await page(`${address}/`))?.[1];
    const indicator = service && /href="(\/servizi\/[^/"]+\/indicatori\/[^/"?]+)"/.exec(await page(`${address}${service}`))?.[1];
    if (!indicator) throw new Error('no indicator page linked from the home page and its first service');
    await page(`${address}${indicator}`);
    await sleep(SETTLE_MS);
    return { idleMb, afterPageMb: residentMb(child.pid!), startMs };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

const verdict = (ok: boolean) => (ok ? '✔' : '✘');
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const buildStarted = performance.now();
const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) throw new Error('npm run build failed');
console.log(`npm run build: ${seconds(performance.now() - buildStarted)} (tsc into dist/, Node ${process.version})`);

const folder = mkdtempSync(join(tmpdir(), 'misura-bench-cli-'));
try {
  const env = { ...process.env, MISURA_DB_URL: join(folder, 'misura.db') };
  const demoStarted = performance.now();
  const demo = spawnSync(process.execPath, ['bin/misura.js', 'demo', '--no-serve'], { cwd: root, env, encoding: 'utf8' });
  const year = /Building the demo for (\d{4})/.exec(demo.stdout)?.[1];
  if (demo.status !== 0 || year === undefined) throw new Error(`misura demo --no-serve failed: ${demo.stderr}`);
  console.log(`demo database for ${year}: ${seconds(performance.now() - demoStarted)}\n`);

  const built = timeSideBySide({ floor: ['-e', '0'], help: ['bin/misura.js', '--help'], report: ['bin/misura.js', 'report', '--year', year, '--json'] }, runs, env);
  const sources = timeSideBySide({ help: ['--import', 'tsx', 'src/cli/main.ts', '--help'], report: ['--import', 'tsx', 'src/cli/main.ts', 'report', '--year', year, '--json'] }, rounds, env);
  const helpRatio = built.help!.wallMs / built.floor!.wallMs;
  const cell = (timing: Timing) => `${seconds(timing.wallMs)} (CPU ${seconds(timing.cpuMs)})`.padStart(21);
  console.log(`median of ${runs} runs (tsx: ${rounds}), wall (CPU)      built (dist/)         sources (tsx)`);
  console.log(`  node -e 0                         ${cell(built.floor!)}`);
  console.log(`  misura --help                     ${cell(built.help!)}   ${cell(sources.help!)}   ${helpRatio.toFixed(1)}× node -e 0 (goal ≤ 3×) ${verdict(helpRatio <= 3)}`);
  console.log(`  misura report --year ${year} --json  ${cell(built.report!)}   ${cell(sources.report!)}   (goal ≤ 1 s) ${verdict(built.report!.wallMs <= 1000)}`);

  const serves = [];
  for (let round = 0; round < rounds; round += 1) serves.push(await measureServe(env));
  const idle = medianOf(serves.map((s) => s.idleMb));
  const afterPage = medianOf(serves.map((s) => s.afterPageMb));
  console.log(`\nmisura serve on the demo database, median of ${rounds} starts:`);
  console.log(`  start until /healthz answers      ${seconds(medianOf(serves.map((s) => s.startMs))).padStart(9)}`);
  console.log(`  RSS idle after start              ${formatNumber(idle).padStart(6)} MB   (goal ≤ 150 MB) ${verdict(idle <= 150)}`);
  console.log(`  RSS after three pages             ${formatNumber(afterPage).padStart(6)} MB   (home, a service, an indicator with its chart)`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
