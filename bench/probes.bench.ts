import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openContext } from '../src/context.ts';
import { slotOf } from '../src/domain/probes/probe.ts';
import { formatNumber } from './load.ts';

/**
 * The built-in probes under load (issue 14): BENCH_PROBE_TARGETS HTTP targets (default 500) on loopback, each probed
 * every BENCH_PROBE_INTERVAL seconds (default 30) by `misura serve` for BENCH_PROBE_SECONDS (default 600), beside the
 * same server idle (its probes off) for a third of that time. Printed: peak and last RSS of the server process, its CPU
 * share (of one core), and the probes' start jitter — when a target received its check, after the start of the slot
 * the scheduler meant it for — p50/p99/max. The targets live in this process, the server in its own.
 */

const TARGETS = Number(process.env.BENCH_PROBE_TARGETS ?? 500);
const INTERVAL = Number(process.env.BENCH_PROBE_INTERVAL ?? 30);
const SECONDS = Number(process.env.BENCH_PROBE_SECONDS ?? 600);
const root = fileURLToPath(new URL('../', import.meta.url));
const TICKS_PER_SECOND = 100;

/** Resident memory (MB) and CPU time (s) of a process, from /proc. */
function sample(pid: number): { rssMb: number; cpuSeconds: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  // Fields 14 and 15 of /proc/<pid>/stat (after the command in parentheses): user and system time in clock ticks.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { rssMb: rssKb / 1024, cpuSeconds: ticks / TICKS_PER_SECOND };
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

/** Starts `misura serve` on the database; resolves once it listens. */
async function startServer(database: string, probes: 'on' | 'off'): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['bin/misura.js', 'serve', '--port', '0', '--host', '127.0.0.1', '--log-level', 'error'], {
    cwd: root,
    env: { ...process.env, MISURA_DB_URL: database, MISURA_PROBES: probes },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('serving the public site')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`misura serve exited with ${code}`)));
  });
  return child;
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Watches a server for `seconds`: peak and last RSS, CPU share of one core. */
async function watch(child: ChildProcess, seconds: number): Promise<{ peakRssMb: number; lastRssMb: number; cpuShare: number }> {
  const pid = child.pid ?? 0;
  const first = sample(pid);
  let peak = first.rssMb;
  let last = first;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    last = sample(pid);
    peak = Math.max(peak, last.rssMb);
  }
  const elapsed = (performance.now() - started) / 1000;
  return { peakRssMb: peak, lastRssMb: last.rssMb, cpuShare: (last.cpuSeconds - first.cpuSeconds) / elapsed };
}

// The server runs as users run it: the compiled JavaScript of bin/misura.js, not the sources through tsx.
if (spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' }).status !== 0) throw new Error('npm run build failed');

const folder = mkdtempSync(join(tmpdir(), 'misura-probes-bench-'));
const arrivals: { probe: string; at: number }[] = [];
const targets = createServer((req, res) => {
  arrivals.push({ probe: req.url?.slice(1) ?? '', at: Date.now() });
  res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Benvenuti</h1>');
});
try {
  await new Promise<void>((resolve) => targets.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(targets.address() as AddressInfo).port}`;
  const database = join(folder, 'misura.db');
  const setup = await openContext({ MISURA_DB_URL: database });
  for (let i = 0; i < TARGETS; i += 1) await setup.actions.addProbe({ name: `t${i}`, target: `${base}/t${i}`, interval: String(INTERVAL), timeout: '5', retries: '0' });
  await setup.close();
  console.log(`probes bench: ${TARGETS} HTTP targets on loopback every ${INTERVAL} s, ${SECONDS} s probed, ${Math.round(SECONDS / 3)} s idle`);

  const idleServer = await startServer(database, 'off');
  const idle = await watch(idleServer, Math.round(SECONDS / 3));
  await stopServer(idleServer);

  const server = await startServer(database, 'on');
  const probedFrom = Date.now();
  const probed = await watch(server, SECONDS);
  await stopServer(server);

  // A check's jitter: its arrival after the start of its slot (the slot under way at start, run at once, left out).
  const jitters = arrivals
    .filter((arrival) => arrival.at >= probedFrom + INTERVAL * 1000)
    .map((arrival) => arrival.at - slotOf({ name: arrival.probe, intervalSeconds: INTERVAL }, new Date(arrival.at)).getTime())
    .sort((a, b) => a - b);
  const expected = Math.floor((SECONDS / INTERVAL) * TARGETS);
  console.log(`  checks received: ${formatNumber(arrivals.length)} (about ${formatNumber(expected)} expected: one per target per interval)`);
  console.log('                      peak RSS   last RSS   CPU (share of one core)');
  console.log(`  idle server         ${formatNumber(idle.peakRssMb).padStart(5)} MB   ${formatNumber(idle.lastRssMb).padStart(5)} MB   ${(idle.cpuShare * 100).toFixed(1)} %`);
  console.log(`  probing server      ${formatNumber(probed.peakRssMb).padStart(5)} MB   ${formatNumber(probed.lastRssMb).padStart(5)} MB   ${(probed.cpuShare * 100).toFixed(1)} %   (goal: RSS ≤ 256 MB)`);
  console.log(`  start jitter after the slot: p50 ${formatNumber(quantile(jitters, 0.5))} ms, p99 ${formatNumber(quantile(jitters, 0.99))} ms, max ${formatNumber(jitters.at(-1) ?? Number.NaN)} ms`);
  if (probed.peakRssMb > 256) process.exitCode = 1;
} finally {
  targets.closeAllConnections();
  targets.close();
  rmSync(folder, { recursive: true, force: true });
}
