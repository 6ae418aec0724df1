import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCorpus } from './import-corpus.ts';
import { type FileScore, formatShare, type ImportOutcome, readOutcome, SCORED_FIELDS, scoreFile, sumScores } from './import-score.ts';

/**
 * How well the importer reads the cards PAs publish: every file of test/fixtures/cards/corpus goes through
 * `misura import FILE --dry-run --json` in a child process (the CLI as a user runs it), and the cards it prints
 * are compared with the file's expected reading: the share of fields read exactly (dimension, sub-dimension,
 * description, formula, comparator, value, unit), per file and overall; non-cards refused; truncations flagged.
 * A build without `--dry-run --json`, a refusal or a crash reads nothing for that file. Nothing is written:
 * the CLI gets a throw-away database path. Settings: BENCH_IMPORT_TIMEOUT (seconds per file, default 60);
 * BENCH_IMPORT_FALLBACK=1 scores a build without `--dry-run` through `import FILE` into that throw-away database
 * and `cards --json` instead (today's importer, for comparison).
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'bin', 'misura.js');
const TIMEOUT_MS = Number(process.env.BENCH_IMPORT_TIMEOUT ?? 60) * 1000;
const FALLBACK = process.env.BENCH_IMPORT_FALLBACK === '1';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  error?: Error;
}

function runCli(args: string[], databaseUrl: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, MISURA_DB_URL: databaseUrl }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    let settled = false;
    const done = (code: number | null, error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ...(error ? { error } : {}) });
    };
    child.once('error', (error) => done(null, error));
    child.once('close', (code) => done(code));
  });
}

/**
 * The importer as it is before `--dry-run --json`: `misura import FILE` into the throw-away database, then
 * `misura cards --json`; the doubts it prints as lines ("file:3: warning doubtful-cell [target]: …") give the codes.
 */
async function runImportThenCards(file: string, databaseUrl: string): Promise<ImportOutcome> {
  const imported = await runCli(['import', file], databaseUrl);
  if (imported.error) return { status: 'crashed', cards: [], codes: [], message: imported.error.message };
  const codes = [...imported.stdout.matchAll(/: (?:error|warning|info) ([a-z0-9-]+)\b/g)].map((match) => match[1] ?? '');
  if (imported.code !== 0) return { ...readOutcome(imported.code, '', imported.stderr), codes };
  const listed = await runCli(['cards', '--json'], databaseUrl);
  return { ...readOutcome(listed.code, listed.stdout, listed.stderr), codes };
}

async function runImport(file: string, databaseUrl: string): Promise<{ outcome: ImportOutcome; ms: number }> {
  const started = performance.now();
  const run = await runCli(['import', file, '--dry-run', '--json'], databaseUrl);
  let outcome = run.error ? { status: 'crashed' as const, cards: [], codes: [], message: run.error.message } : readOutcome(run.code, run.stdout, run.stderr);
  if (outcome.status === 'unsupported' && FALLBACK) outcome = await runImportThenCards(file, databaseUrl);
  return { outcome, ms: performance.now() - started };
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function verdict(score: FileScore): string {
  if (score.kind === 'not-a-card') return score.refused ? 'refused ✔' : 'not refused ✘';
  if (score.kind === 'truncated') return score.truncationFlagged ? 'cut flagged ✔' : 'cut not flagged ✘';
  return '';
}

const corpus = readCorpus();
const folder = mkdtempSync(join(tmpdir(), 'misura-bench-import-'));
const scores: FileScore[] = [];
try {
  console.log(`${corpus.length} files of test/fixtures/cards/corpus through \`misura import FILE --dry-run --json\`${FALLBACK ? ' (or, where the option is unknown, `import FILE` + `cards --json`)' : ''}\n`);
  const nameWidth = Math.max(...corpus.map((entry) => entry.name.length)) + 2;
  console.log(`${pad('file', nameWidth)}${pad('kind', 12)}${pad('status', 13)}${pad('fields exact', 15)}${pad('share', 10)}${pad('rows', 8)}${pad('extra', 7)}${pad('check', 20)}time`);
  for (const [index, entry] of corpus.entries()) {
    const { outcome, ms } = await runImport(entry.path, join(folder, `bench-${index}.db`));
    const score = scoreFile(entry.expected, outcome);
    scores.push(score);
    const rows = score.kind === 'not-a-card' ? '' : String(score.expectedIndicators);
    const fields = score.kind === 'not-a-card' ? '' : `${score.fields.exact}/${score.fields.total}`;
    console.log(
      `${pad(entry.name, nameWidth)}${pad(score.kind, 12)}${pad(outcome.status, 13)}${pad(fields, 15)}${pad(score.kind === 'not-a-card' ? '' : formatShare(score.fields), 10)}${pad(rows, 8)}${pad(score.kind === 'not-a-card' ? '' : String(score.extraIndicators), 7)}${pad(verdict(score), 20)}${(ms / 1000).toFixed(1)} s`,
    );
    if (outcome.status !== 'read' && outcome.message !== null) console.log(`${' '.repeat(nameWidth)}↳ ${outcome.message.slice(0, 160)}`);
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}

const total = sumScores(scores);
const statuses = new Map<string, number>();
for (const score of scores) statuses.set(score.status, (statuses.get(score.status) ?? 0) + 1);
console.log(`\nfields read exactly, overall: ${total.fields.exact}/${total.fields.total} = ${formatShare(total.fields)} (goal ≥ 95 %)`);
console.log(`  per field: ${SCORED_FIELDS.map((field) => `${field} ${formatShare(total.perField[field])}`).join(', ')}`);
console.log(`non-cards refused: ${total.notACards.exact}/${total.notACards.total}; truncations flagged: ${total.truncations.exact}/${total.truncations.total}`);
console.log(`files by status: ${[...statuses].map(([status, count]) => `${status} ${count}`).join(', ')}`);
