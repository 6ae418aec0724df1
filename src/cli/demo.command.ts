import { rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { BuildDemoProgress } from '../actions/build-demo.action.ts';
import { readConfig } from '../config/config.ts';
import type { AppContext } from '../context.ts';
import type { IndicatorReport } from '../domain/evaluation/indicator-report.ts';
import { UserError } from '../domain/shared/errors.ts';
import type { CliIo } from './cli-io.ts';
import { reportTable } from './report.command.ts';
import { serveSite, type ServeHooks } from './serve.command.ts';

/** The seed cards shipped with misura (exact copies of the real ones) and their measures (measures.yaml). */
export const SEED_DIR = fileURLToPath(new URL('../../seeds/', import.meta.url));

/** Events between two progress lines. */
const PROGRESS_EVERY_EVENTS = 50_000;

/** The seed the demo uses unless --seed says otherwise. */
export const DEFAULT_DEMO_SEED = 2026;

/** What `misura demo` uses of the application context. */
export type DemoContext = Pick<AppContext, 'actions' | 'close'>;

/** How the command opens its context (with the clock it judges "yesterday" by); tests pass their own. */
export type OpenDemoContext = (env: Record<string, string | undefined>, now: () => Date) => Promise<DemoContext>;

/** The real composition root, with the clock the demo judges "yesterday" by. */
export const openDemoContext: OpenDemoContext = async (env, now) => (await import('../context.ts')).openContext(env, now);

interface DemoCommandOptions {
  seed?: string;
  serve: boolean;
  force?: boolean;
}

/**
 * `misura demo [--seed N] [--no-serve] [--force]`: builds a fresh database with the seed cards, their measures and a
 * generated year of raw events up to yesterday, then prints the year's report.
 */
export function registerDemoCommand(
  program: Command,
  io: CliIo,
  _setExit: (code: number) => void,
  open: OpenDemoContext = openDemoContext,
  clock: () => Date = () => new Date(),
  hooks: ServeHooks = {},
): void {
  program
    .command('demo')
    .description('Build a fresh demo database (MISURA_DB_URL, default ./data/misura.db): the four seed cards, their measures and a year of generated events up to yesterday; then print the report.')
    .option('--seed <n>', `seed of the generated events (same seed, same data; default ${DEFAULT_DEMO_SEED})`)
    .option('--no-serve', 'only build the database; do not serve the public site afterwards')
    .option('--force', 'allowed to load the demo into a PostgreSQL database (which is NOT wiped)')
    .action(async (options: DemoCommandOptions) => {
      const seed = parseSeedOption(options.seed);
      const config = readConfig(io.env);
      prepareDatabase(config.databaseUrl, options.force === true, io);
      const { addDays, localDateOf } = await import('../domain/calendar/index.ts');
      const now = clock();
      // The demo is "this year up to yesterday"; on 1 January that is the whole of last year.
      const lastDate = addDays(localDateOf(now, config.timeZone), -1);
      const year = Number(lastDate.slice(0, 4));
      const context = await open(io.env, () => now);
      try {
        io.out(`Building the demo for ${year} up to ${lastDate} (seed ${seed}) in ${config.databaseUrl}`);
        const onProgress = (progress: BuildDemoProgress) => {
          if (progress.step !== 'events' || progress.events % PROGRESS_EVERY_EVENTS === 0) io.out(progressLine(progress));
        };
        const summary = await context.actions.buildDemo({ seed, year, lastDate, seedDir: SEED_DIR, onProgress });
        const rate = summary.seconds > 0 ? Math.round(summary.events / summary.seconds) : summary.events;
        io.out(`  done: ${summary.cards} cards, ${summary.indicators} indicators, ${summary.events.toLocaleString('en')} events in ${summary.seconds.toFixed(1)} s (${rate.toLocaleString('en')} events/s), ${summary.votes.toLocaleString('en')} satisfaction votes\n`);
        const reports = await context.actions.getReport({ year, granularity: 'month' });
        io.out(reportTable(reports, year));
        io.out(`\n${statusSummary(reports)}`);
        io.out('\nBack office: sign in at /admin/login with one of these demo accounts (email / password):');
        for (const account of summary.accounts) io.out(`  ${account.role.padEnd(14)} ${account.email} / ${account.password}`);
      } finally {
        await context.close();
      }
      if (options.serve) await serveSite(io, { host: '0.0.0.0', logLevel: 'warn' }, hooks);
      else io.out('The site is not served (--no-serve): run `npx misura serve` to see it.');
    });
}

/** "47 indicators: 41 met, 1 missed, 4 below target, 1 at-risk, 0 no-data". */
export function statusSummary(reports: readonly IndicatorReport[]): string {
  const count = (status: string) => reports.filter((report) => report.year.status === status).length;
  return `${reports.length} indicators: ${count('met')} met, ${count('missed')} missed, ${count('below-target')} below target, ${count('at-risk')} at-risk, ${count('no-data')} no-data`;
}

/** A --seed value: a whole number from 0 to 4294967295. */
export function parseSeedOption(value: string | undefined): number {
  if (value === undefined) return DEFAULT_DEMO_SEED;
  const seed = Number(value);
  if (!/^\d{1,10}$/.test(value) || seed > 0xffffffff) throw new UserError(`--seed must be a whole number from 0 to 4294967295, got "${value}"`);
  return seed;
}

/**
 * Makes the database fresh: a SQLite file (and its journal files) is deleted; a PostgreSQL database is never wiped,
 * and the demo goes into it only with --force (importing and ingesting are idempotent, so the same seed adds nothing
 * twice).
 */
function prepareDatabase(url: string, force: boolean, io: CliIo): void {
  if (/^postgres(ql)?:\/\//i.test(url)) {
    if (!force) {
      throw new UserError(
        'MISURA_DB_URL is a PostgreSQL database: `misura demo` will not wipe it. Use a SQLite file (e.g. MISURA_DB_URL=./data/demo.db), or pass --force to load the demo into it as it is',
      );
    }
    io.out('--force: loading the demo into the PostgreSQL database without wiping it');
    return;
  }
  if (url === ':memory:') return;
  if (statSync(url, { throwIfNoEntry: false })?.isDirectory()) throw new UserError(`MISURA_DB_URL names a folder, not a SQLite file: ${url}`);
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${url}${suffix}`, { force: true });
}

function progressLine(progress: BuildDemoProgress): string {
  switch (progress.step) {
    case 'cards':
      return `  cards: ${progress.cards} imported (${progress.indicators} indicators)`;
    case 'measures':
      return `  measures: ${progress.measures} applied`;
    case 'events':
      return `  events: ${progress.events.toLocaleString('en')} ingested…`;
  }
}
