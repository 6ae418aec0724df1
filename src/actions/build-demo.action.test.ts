import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { addDays, localDateOf } from '../domain/calendar/index.ts';
import type { IndicatorReport } from '../domain/evaluation/indicator-report.ts';
import { checkMeasureFitsTarget } from '../domain/measures/measure-unit.ts';
import { validateMeasure } from '../domain/measures/measure-validate.ts';
import { DEMO_EXPECTED } from '../demo/demo-scenario.ts';
import { readCardText } from '../formats/card-text.importer.ts';
import { readMeasuresText } from '../formats/measures-file.ts';
import type { Database } from '../storage/database.ts';
import { createDialectContext } from '../../test/dialects.ts';
import { buildDemo, SEED_MEASURES_FILE } from './build-demo.action.ts';
import { getReport } from './get-report.action.ts';
import { summariseSatisfaction } from './satisfaction.action.ts';

const SEED_DIR = fileURLToPath(new URL('../../seeds/', import.meta.url));
/** A short demo (1 January – 10 March) keeps most tests fast; the story holds from mid-January on. */
const MARCH = { year: 2026, lastDate: '2026-03-10' };
const FEBRUARY = { year: 2026, lastDate: '2026-02-05' };
const dayAfter = (date: string) => () => new Date(`${addDays(date, 1)}T11:00:00Z`);

const ctx = createDialectContext('sqlite');
afterEach(() => ctx.cleanup());
afterAll(() => ctx.dispose());

async function buildAndReport(database: Database, seed: number, span: { year: number; lastDate: string }): Promise<IndicatorReport[]> {
  const now = dayAfter(span.lastDate);
  await buildDemo({ database, now }, { seed, ...span, seedDir: SEED_DIR });
  return getReport({ database, now }, { year: span.year, granularity: 'month' });
}

const refOf = (report: IndicatorReport) => ({ service: report.service.slug, edition: report.card.edition, indicator: report.indicator.slug });
const withStatus = (reports: readonly IndicatorReport[], status: string) => reports.filter((report) => report.year.status === status).map(refOf);

describe('buildDemo [sqlite]', () => {
  it('imports the 4 seed cards, applies their 47 measures and ingests the events: every indicator has a value and a status', async () => {
    const database = await ctx.openFresh();
    const now = dayAfter(MARCH.lastDate);
    const progress: string[] = [];
    const summary = await buildDemo({ database, now }, { seed: 1, ...MARCH, seedDir: SEED_DIR, onProgress: (p) => progress.push(p.step) });
    expect(summary).toMatchObject({ cards: 4, indicators: 47, measures: 47, duplicates: 0 });
    expect(summary.events).toBeGreaterThan(30_000);
    // Register entries are sent twice (planned, then corrected to done): the second version is a correction.
    expect(summary.corrected).toBeGreaterThan(0);
    expect(summary.accepted + summary.corrected).toBe(summary.events);
    expect(progress.slice(0, 2)).toEqual(['cards', 'measures']);
    expect(progress).toContain('events');

    const reports = await getReport({ database, now }, { year: MARCH.year, granularity: 'month' });
    expect(reports).toHaveLength(47);
    for (const report of reports) {
      expect(report.year.status, `${report.service.slug} ${report.indicator.slug}: ${report.year.explanation}`).not.toBe('no-data');
      expect(report.year.value).not.toBeNull();
    }
    const notMet = [...withStatus(reports, 'missed'), ...withStatus(reports, 'below-target')];
    expect(notMet).toEqual(expect.arrayContaining([...DEMO_EXPECTED.notMet]));
    expect(notMet).toHaveLength(DEMO_EXPECTED.notMet.length);
    expect(withStatus(reports, 'at-risk')).toEqual(DEMO_EXPECTED.atRisk);

    // Servizi in rete has a year of votes on every service, most of them satisfied.
    const satisfaction = await summariseSatisfaction({ database, now }, { year: MARCH.year });
    expect(summary.votes).toBeGreaterThan(300);
    expect(satisfaction.services.map((s) => s.all.total).reduce((a, b) => a + b, 0)).toBe(summary.votes);
    expect(satisfaction.services).toHaveLength(4);
    for (const service of satisfaction.services) expect(service.all.positiveShare).toBeGreaterThan(50);
  });

  it('builds the same report from the same seed, and ends with the same data when built again', async () => {
    const first = await ctx.openFresh();
    const once = await buildAndReport(first, 5, FEBRUARY);
    const second = await buildAndReport(await ctx.openFresh(), 5, FEBRUARY);
    expect(second).toEqual(once);

    const again = await buildDemo({ database: first, now: dayAfter(FEBRUARY.lastDate) }, { seed: 5, ...FEBRUARY, seedDir: SEED_DIR });
    // Nothing new; only the register entries are replayed as sent: planned (a change back), then done (their last version).
    expect(again.accepted).toBe(0);
    expect(again.corrected).toBeGreaterThan(0);
    expect(again.duplicates + again.corrected).toBe(again.events);
    expect(await getReport({ database: first, now: dayAfter(FEBRUARY.lastDate) }, { year: FEBRUARY.year, granularity: 'month' })).toEqual(once);
    // The votes too: built twice, counted once.
    const votes = await summariseSatisfaction({ database: first, now: dayAfter(FEBRUARY.lastDate) }, { year: FEBRUARY.year });
    expect(votes.services.map((s) => s.all.total).reduce((a, b) => a + b, 0)).toBe(again.votes);
  });

  it(
    'shows, for this year up to yesterday, most standards met, a few missed or below target and exactly one at risk',
    async () => {
      // Yesterday by the real clock, as `misura demo` uses it; early January has too little of the year to tell the story.
      const yesterday = addDays(localDateOf(new Date(), 'Europe/Rome'), -1);
      const lastDate = yesterday.slice(5) >= '01-15' && yesterday.slice(5) < '12-31' ? yesterday : '2026-11-22';
      const reports = await buildAndReport(await ctx.openFresh(), 2026, { year: Number(lastDate.slice(0, 4)), lastDate });
      const missed = [...withStatus(reports, 'missed'), ...withStatus(reports, 'below-target')];
      expect(missed.length).toBeGreaterThanOrEqual(3);
      expect(missed.length).toBeLessThanOrEqual(6);
      expect(withStatus(reports, 'at-risk')).toEqual(DEMO_EXPECTED.atRisk);
      expect(withStatus(reports, 'met').length).toBe(47 - missed.length - 1);
      expect(withStatus(reports, 'no-data')).toEqual([]);
    },
    240_000,
  );
});

describe('seeds/measures.yaml', () => {
  const cards = readdirSync(SEED_DIR)
    .filter((name) => name.endsWith('.txt'))
    .map((name) => readCardText(readFileSync(join(SEED_DIR, name), 'utf8'), { file: name }).card);
  const file = readMeasuresText(readFileSync(join(SEED_DIR, SEED_MEASURES_FILE), 'utf8'), SEED_MEASURES_FILE);
  const entries = (file.data as { measures: { service: string; edition: string; indicator: string; measure: unknown }[] }).measures;

  it('has exactly one measure for each of the 47 seed indicators', () => {
    const indicators = cards.flatMap((card) => card.indicators.map((indicator) => `${card.service.slug}/${card.year ?? 'undated'}/${indicator.slug}`));
    const measured = entries.map((entry) => `${entry.service}/${entry.edition}/${entry.indicator}`);
    expect(indicators).toHaveLength(47);
    expect([...measured].sort()).toEqual([...indicators].sort());
  });

  it.each(entries.map((entry, index) => [`${entry.service} ${entry.edition} ${entry.indicator}`, entry, index] as const))(
    'measures %s validly, in the unit of its target',
    (_name, entry, index) => {
      const measure = validateMeasure(entry.measure, `measures[${index}].measure`);
      const card = cards.find((c) => c.service.slug === entry.service && String(c.year ?? 'undated') === entry.edition);
      const indicator = card?.indicators.find((i) => i.slug === entry.indicator);
      expect(indicator).toBeDefined();
      expect(checkMeasureFitsTarget(measure, indicator!.target)).toBeNull();
    },
  );
});
