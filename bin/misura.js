#!/usr/bin/env node
// The `misura` command. It runs the JavaScript that `npm run build` compiles into dist/ (`npm ci` builds it through
// npm's `prepare`). From a checkout whose sources changed since the last build it runs the TypeScript sources through
// tsx instead, with a one-line note: never code older than the sources, and no build step to forget.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// An older Node fails later and obscurely (ERR_REQUIRE_ESM in `serve`): say so first. package.json's "engines" says which.
const minimum = /^>=\s*(\d+)\.(\d+)/.exec(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines?.node ?? '');
const [major, minor] = process.versions.node.split('.').map(Number);
if (minimum !== null && (major < Number(minimum[1]) || (major === Number(minimum[1]) && minor < Number(minimum[2])))) {
  process.stderr.write(`misura: needs Node ${minimum[1]}.${minimum[2]} or later; this is Node ${process.versions.node}\n`);
  process.exit(1);
}

/** The newest modification time (ms) of the files the build compiles or copies, tests left out. */
function newestSource(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (!/\.test\.tsx?$|test-kit\.ts$|\.test-child\.ts$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Why dist/ cannot be trusted, or null when it is complete and newer than every source. */
function staleReason() {
  const stamp = statSync(join(root, 'dist', '.build-stamp'), { throwIfNoEntry: false });
  if (stamp === undefined) return 'there is no complete build in dist/';
  // An install without the sources (none ships today) has nothing to compare with.
  if (statSync(join(root, 'src'), { throwIfNoEntry: false }) === undefined) return null;
  return newestSource(join(root, 'src')) > stamp.mtimeMs ? 'src/ changed since the last build' : null;
}

/**
 * `misura ingest` reads files of any size; V8 sizes its heap from the machine's memory and collects lazily, so a 1 GB
 * CSV reached 300–340 MB of RSS while the heap held ≤ 41 MB of live data (docs/benchmarks.md). The ingestion runs in
 * a child with a capped heap instead (MISURA_INGEST_HEAP_MB, default 128; 0 leaves V8 its own sizing), unless the user
 * already chose one with --max-old-space-size. Returns the child's exit code, or null when there is nothing to cap.
 */
async function runIngestWithCappedHeap() {
  const command = process.argv[2];
  const setting = process.env.MISURA_INGEST_HEAP_MB ?? '128';
  const chosen = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((flag) => flag.includes('--max-old-space-size'));
  if (command !== 'ingest' || chosen || setting === '0') return null;
  if (!/^[1-9]\d*$/.test(setting)) {
    process.stderr.write(`misura: MISURA_INGEST_HEAP_MB must be a whole number of megabytes (0: no cap), not "${setting}"\n`);
    return 2;
  }
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [`--max-old-space-size=${setting}`, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: ['inherit', 'inherit', 'pipe'],
  });
  // A terminal's Ctrl-C reaches the child too (same process group): let it end its transaction. A TERM sent to this
  // process alone (a supervisor) is passed on.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  // V8's dump when the heap runs out (a page of GC traces and C++ frames) is replaced by one sentence below.
  let outOfHeap = false;
  child.stderr.on('data', (chunk) => {
    const text = chunk.toString();
    if (!outOfHeap && /<--- Last few GCs --->|FATAL ERROR: .*heap/.test(text)) outOfHeap = true;
    if (!outOfHeap) process.stderr.write(chunk);
  });
  const [code, signal] = await new Promise((resolve) => child.once('close', (...args) => resolve(args)));
  if (outOfHeap) {
    process.stderr.write(
      `misura ingest: ran out of its ${setting} MB heap (a day with very many events?). The ingestion is all or nothing and idempotent: ` +
        `run it again with a larger heap, e.g. MISURA_INGEST_HEAP_MB=${Number(setting) * 4} misura ingest …\n`,
    );
    return 1;
  }
  return code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 130 : 1);
}

/** Runs the command in this process: the compiled JavaScript, or the sources through tsx when dist/ is stale. */
async function runHere() {
  const reason = staleReason();
  let main;
  if (reason === null) {
    main = '../dist/cli/main.js';
  } else {
    try {
      const { register } = await import('tsx/esm/api');
      register();
    } catch {
      process.stderr.write(`misura: ${reason}, and tsx (a dev dependency) is not installed to run the sources: run \`npm ci && npm run build\`\n`);
      process.exit(1);
    }
    process.stderr.write(`misura: ${reason}; running the TypeScript sources through tsx (slower start; \`npm run build\` makes it fast again)\n`);
    main = '../src/cli/main.ts';
  }
  const { runCli } = await import(main);
  return runCli(process.argv);
}

process.exitCode = (await runIngestWithCappedHeap()) ?? (await runHere());
