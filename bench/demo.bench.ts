import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDemo } from '../src/actions/build-demo.action.ts';
import { getReport } from '../src/actions/get-report.action.ts';
import { DEFAULT_DEMO_SEED, SEED_DIR } from '../src/cli/demo.command.ts';
import { addDays, localDateOf } from '../src/domain/calendar/index.ts';
import { generateDemoEvents } from '../src/demo/demo-events.ts';
import { openDatabase } from '../src/storage/database.ts';
import { formatNumber } from './load.ts';

/**
 * How long `misura demo` takes to build its database: the seed cards, their measures and this year's generated events
 * up to yesterday (or up to BENCH_DEMO_LAST_DATE), ingested into a fresh SQLite file through the real ingestion.
 * Prints the generation alone, the whole build, events per second and the statuses of the resulting report.
 */

const now = new Date();
const lastDate = process.env.BENCH_DEMO_LAST_DATE ?? addDays(localDateOf(now, 'Europe/Rome'), -1);
const year = Number(lastDate.slice(0, 4));
const seed = DEFAULT_DEMO_SEED;

const generationStarted = performance.now();
let generated = 0;
for (const _event of generateDemoEvents({ seed, year, lastDate })) generated += 1;
const generationSeconds = (performance.now() - generationStarted) / 1000;

const folder = mkdtempSync(join(tmpdir(), 'misura-bench-demo-'));
try {
  const database = await openDatabase(join(folder, 'misura.db'));
  const clock = () => new Date(`${addDays(lastDate, 1)}T11:00:00Z`);
  try {
    const summary = await buildDemo({ database, now: clock }, { seed, year, lastDate, seedDir: SEED_DIR });
    const reportStarted = performance.now();
    const reports = await getReport({ database, now: clock }, { year, granularity: 'month' });
    const reportSeconds = (performance.now() - reportStarted) / 1000;
    const count = (status: string) => reports.filter((report) => report.year.status === status).length;
    console.log(`demo ${year} up to ${lastDate}, seed ${seed}: ${summary.cards} cards, ${summary.indicators} indicators, ${formatNumber(summary.events)} events`);
    console.log(`  generation only   ${generationSeconds.toFixed(2)} s  (${formatNumber(Math.round(generated / generationSeconds))} events/s)`);
    console.log(`  whole build       ${summary.seconds.toFixed(2)} s  (${formatNumber(Math.round(summary.events / summary.seconds))} events/s, cards + measures + ingestion + rollups)`);
    console.log(`  report of ${year}    ${reportSeconds.toFixed(2)} s`);
    console.log(`  ${reports.length} indicators: ${count('met')} met, ${count('missed')} missed, ${count('at-risk')} at-risk, ${count('no-data')} no-data`);
  } finally {
    await database.close();
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
