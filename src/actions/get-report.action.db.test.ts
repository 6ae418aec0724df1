import { PUBLISH_NOW } from '../../test/factories.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { StandardCard } from '../domain/cards/card.ts';
import { readCardText } from '../formats/card-text.importer.ts';
import type { Database } from '../storage/database.ts';
import type { StoredCard } from '../storage/repositories/card.repository.ts';
import type { RollupReadStats } from '../storage/repositories/rollup.repository.ts';
import { newCard, newTarget } from '../../test/factories.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import { KIT_INDICATORS, kitCard, row, rows, storeKit, T0, type KitIndicator } from './events.test-kit.ts';
import { cardsInForce, getReport, NO_MEASURE_EXPLANATION } from './get-report.action.ts';
import { importCards } from './import-cards.action.ts';
import { ingestEvents } from './ingest-events.action.ts';

const SEED_DIR = fileURLToPath(new URL('../../seeds/', import.meta.url));

/** A little of everything the kit's measures read, in late February and early March 2026. */
function kitEvents() {
  const calls = Array.from({ length: 10 }, (_, i) => ({ id: `call-${i}`, kind: 'call.received', at: `2026-03-02T0${i}:30:00+01:00`, attributes: { answered: i !== 0 } }));
  const entries = ['done', 'done', 'done', 'done', 'planned'].map((status, i) => ({
    id: `int-${i}`,
    kind: 'register.entry',
    subject: `INT-${i}`,
    at: '2026-03-04T12:00:00+01:00',
    attributes: { register: 'interventi', status },
  }));
  const checks = [
    ...Array.from({ length: 10 }, (_, i) => ({ date: '2026-03-02', ok: true, i })),
    ...Array.from({ length: 10 }, (_, i) => ({ date: '2026-03-03', ok: i !== 5, i })),
    ...Array.from({ length: 10 }, (_, i) => ({ date: '2026-03-04', ok: i % 2 === 0, i })),
  ].map(({ date, ok, i }) => ({ id: `chk-${date}-${i}`, source: 'probe', kind: 'check.http', at: `${date}T${String(8 + i).padStart(2, '0')}:00:00+01:00`, attributes: { ok } }));
  const requests = [
    { id: 'o1', kind: 'request.opened', subject: 'REQ-1', at: '2026-03-02T09:00:00+01:00' },
    { id: 'c1', kind: 'request.closed', subject: 'REQ-1', at: '2026-03-06T09:00:00+01:00' },
    { id: 'o2', kind: 'request.opened', subject: 'REQ-2', at: '2026-03-02T09:00:00+01:00' },
    { id: 'c2', kind: 'request.closed', subject: 'REQ-2', at: '2026-03-03T09:00:00+01:00' },
  ];
  const disruptions = ['2026-03-02T08:00:00+01:00', '2026-03-02T15:00:00+01:00', '2026-03-05T08:00:00+01:00'].map((at, i) => ({ id: `d${i}`, kind: 'disruption', at }));
  const staff = [
    { id: 's1', kind: 'staff.recorded', at: '2026-03-01T09:00:00+01:00', attributes: { value: 15 } },
    { id: 's2', kind: 'staff.recorded', at: '2026-03-05T09:00:00+01:00', attributes: { value: 17 } },
  ];
  const pages = [
    { id: 'p1', kind: 'page.observed', subject: 'home', at: '2026-03-03T09:00:00+01:00', attributes: { updatedAt: '2026-03-01T00:00:00+01:00' } },
    { id: 'p2', kind: 'page.observed', subject: 'news', at: '2026-03-03T09:00:00+01:00', attributes: { updatedAt: '2026-01-01T00:00:00+01:00' } },
  ];
  return rows(...calls, ...entries, ...checks, ...requests, ...disruptions, ...staff, ...pages);
}

const at = (database: Database, reads?: RollupReadStats) => ({ database, now: () => T0, ...(reads ? { rollupReads: reads } : {}) });

describeEachDialect('the report', (ctx) => {
  it('evaluates one indicator per measure kind from its rollups, for the year and each started month', async () => {
    const database = await ctx.openFresh();
    const service = await storeKit(database);
    await ingestEvents({ database }, kitEvents(), { mode: 'all-or-nothing' });
    const reads: RollupReadStats = { rowsRead: 0 };
    const report = await getReport(at(database, reads), { year: 2026, granularity: 'month' });

    expect(report.map((r) => [r.indicator.slug, r.measureKind, r.year.value === null ? null : Math.round(r.year.value * 100) / 100, r.year.unit])).toEqual([
      ['chiamate-risposte', 'ratio', 90, 'percent'],
      ['interventi', 'register', 80, 'percent'],
      ['portale', 'availability-days', 66.67, 'percent'],
      ['tempi-risposta', 'duration', 4, 'working-days'],
      ['disservizi', 'count', 2, 'days'],
      ['operatori', 'snapshot', 17, 'count'],
      ['pagine-aggiornate', 'freshness', 50, 'percent'],
    ]);
    const [calls] = report;
    expect(calls).toMatchObject({
      service: { slug: service },
      card: { edition: '2026', year: 2026 },
      indicator: { position: 1, dimension: 'Accessibilità' },
      year: { period: { key: '2026' }, numerator: 9, denominator: 10, asOf: '2026-03-09' },
    });
    expect(calls?.measureDescription.en).toMatch(/Events "call\.received" where "answered" is yes/);
    // Months up to the one holding "yesterday" (9 March): January and February had no calls.
    expect(calls?.periods.map((p) => [p.period.key, p.status, p.asOf])).toEqual([
      ['2026-01', 'no-data', '2026-01-31'],
      ['2026-02', 'no-data', '2026-02-28'],
      ['2026-03', calls!.year.status, '2026-03-09'],
    ]);
    // Two days of disruption by 9 March: within the 3 allowed, but the pace would pass them by December.
    expect(report.find((r) => r.measureKind === 'count')?.year.status).toBe('at-risk');
    expect(report.find((r) => r.measureKind === 'snapshot')?.year.status).toBe('met');
    // Under its target in March, with the rest of the year to go: below target, not yet missed.
    expect(report.find((r) => r.measureKind === 'freshness')?.year.status).toBe('below-target');
    // One row per day that has something to count: 1 + 1 + 3 + 2 + 2 + 2 + 1.
    expect(reads.rowsRead).toBe(12);
  });

  it('gives the same result from ten times the events, reading the same number of rollup rows', async () => {
    const database = await ctx.openFresh();
    await storeKit(database, KIT_INDICATORS.filter((kit) => kit.measure.kind === 'ratio'));
    // 100 calls over five days, one in twenty unanswered; each round adds the same mix again.
    const round = (copy: number) =>
      Array.from({ length: 100 }, (_, i) => row(i + 1, { id: `c${copy}-${i}`, kind: 'call.received', at: `2026-03-0${2 + (i % 5)}T10:00:00+01:00`, attributes: { answered: i % 20 !== 7 } }));
    const reportNow = async () => {
      const reads: RollupReadStats = { rowsRead: 0 };
      const [report] = await getReport(at(database, reads), { year: 2026, granularity: 'quarter' });
      return { value: report!.year.value, status: report!.year.status, denominator: report!.year.denominator, rowsRead: reads.rowsRead };
    };
    await ingestEvents({ database }, round(0), { mode: 'all-or-nothing' });
    const once = await reportNow();
    for (let copy = 1; copy < 10; copy += 1) await ingestEvents({ database }, round(copy), { mode: 'all-or-nothing' });
    const tenfold = await reportNow();
    expect(once).toEqual({ value: 95, status: expect.any(String), denominator: 100, rowsRead: 5 });
    expect(tenfold).toEqual({ ...once, denominator: 1000 });
  });

  it('reports an indicator without a measure as no-data, saying so', async () => {
    const database = await ctx.openFresh();
    const { card } = newCard({ year: 2025 });
    await importCards({ database }, [{ organisation: null, card, doubts: [] }], PUBLISH_NOW);
    const report = await getReport(at(database), { year: 2026, granularity: 'month' });
    expect(report).toHaveLength(3);
    expect(report[0]).toMatchObject({
      card: { edition: '2025', year: 2025 },
      measureKind: 'none',
      year: { status: 'no-data', value: null, explanation: NO_MEASURE_EXPLANATION, target: card.indicators[0]!.target, asOf: '2026-03-09' },
      periods: [],
    });
  });

  it('judges a qualitative target by the measure\'s interpretation', async () => {
    const database = await ctx.openFresh();
    const kit: KitIndicator = {
      ...KIT_INDICATORS[0]!,
      target: newTarget({ text: 'tempo reale', comparator: null, value: null, unit: null, measurable: false }),
      measure: { ...KIT_INDICATORS[0]!.measure, interpretation: { comparator: '>=', value: 80, unit: 'percent', text: 'almost every call answered' } },
    };
    await storeKit(database, [kit]);
    await ingestEvents({ database }, kitEvents(), { mode: 'all-or-nothing' });
    const [report] = await getReport(at(database), { year: 2026, granularity: 'year' });
    expect(report?.year).toMatchObject({ value: 90, target: { text: 'tempo reale', comparator: '>=', value: 80, unit: 'percent' } });
    expect(report?.periods.map((p) => p.period.key)).toEqual(['2026']);
  });

  it('says a year that has not started has nothing to judge', async () => {
    const database = await ctx.openFresh();
    await storeKit(database, KIT_INDICATORS.slice(0, 1));
    const [report] = await getReport(at(database), { year: 2027, granularity: 'month' });
    expect(report?.year).toMatchObject({ status: 'no-data', value: null });
    expect(report?.periods).toEqual([]);
  });

  it('covers the four seed services in 2026 with their 47 indicators', async () => {
    const database = await ctx.openFresh();
    const files = readdirSync(SEED_DIR).filter((f) => f.endsWith('.txt')).sort();
    await importCards({ database }, files.map((f) => readCardText(readFileSync(SEED_DIR + f, 'utf8'), { file: f })), PUBLISH_NOW);
    const report = await getReport(at(database), { year: 2026, granularity: 'quarter' });
    expect(new Set(report.map((r) => r.service.slug)).size).toBe(4);
    expect(report).toHaveLength(47);
    expect(report.every((r) => r.year.status === 'no-data' && r.year.explanation === NO_MEASURE_EXPLANATION)).toBe(true);
  });

  it('uses each service\'s card in force: the latest edition of the year or before', async () => {
    const database = await ctx.openFresh();
    const base = kitCard(2018, KIT_INDICATORS.slice(0, 1));
    const editions: StandardCard[] = [2018, 2021, null].map((year) => ({ ...base, year }));
    await importCards({ database }, editions.map((card) => ({ organisation: null, card, doubts: [] })), PUBLISH_NOW);
    const edition = async (year: number) => (await getReport(at(database), { year, granularity: 'year' })).map((r) => r.card.edition);
    expect(await edition(2020)).toEqual(['2018']);
    expect(await edition(2026)).toEqual(['2021']);
    expect(await edition(2017)).toEqual(['undated']);
  });
});

describe('the card in force', () => {
  const card = (serviceId: number, year: number | null) => ({ serviceId, card: { year } }) as unknown as StoredCard;

  it.each([
    [2026, [card(1, 2021), card(1, 2016), card(2, null)], [2021, null]],
    [2015, [card(1, 2021), card(1, 2016), card(2, null)], [null]],
    [2016, [card(1, 2016), card(1, null)], [2016]],
    [2010, [card(1, 2016), card(1, null)], [null]],
  ])('in %i picks %j', (year, cards, picked) => {
    expect(cardsInForce(cards, year).map((c) => c.card.year)).toEqual(picked);
  });

});

describeEachDialect('truthful results', (ctx) => {
  const now = () => new Date('2026-12-20T10:00:00Z');
  const JUDGED = new Set(['met', 'missed', 'at-risk', 'below-target']);

  it('with cards and measures but no event at all, judges nothing: every indicator and period is no-data, none met on 0/0', async () => {
    const database = await ctx.openFresh();
    await storeKit(database);
    for (const year of [2026, 2027]) {
      const reports = await getReport({ database, now }, { year, granularity: 'month' });
      expect(reports).toHaveLength(KIT_INDICATORS.length);
      for (const evaluation of reports.flatMap((report) => [report.year, ...report.periods])) {
        expect(evaluation.status, `${evaluation.period.key}: ${evaluation.explanation}`).toBe('no-data');
      }
    }
  });

  it('measures a feed that starts in November from November: no-data before it and a truthful year', async () => {
    const database = await ctx.openFresh();
    await storeKit(database);
    const checks = [];
    for (let day = 1; day <= 30; day += 1) {
      const date = `2026-11-${String(day).padStart(2, '0')}`;
      checks.push({ id: `chk-${date}`, source: 'probe', kind: 'check.http', at: `${date}T10:00:00+01:00`, attributes: { ok: true } });
    }
    await ingestEvents({ database, now }, rows(...checks), { mode: 'all-or-nothing' });
    const portal = (await getReport({ database, now }, { year: 2026, granularity: 'month' })).find((report) => report.indicator.slug === 'portale');
    expect(portal?.year).toMatchObject({ status: 'met', value: 100, numerator: 30, measuredFrom: '2026-11-01' });
    expect(portal?.periods.slice(0, 10).every((period) => period.status === 'no-data' && period.reason?.code === 'before-measured-from')).toBe(true);
    expect(portal?.periods[10]).toMatchObject({ status: 'met', numerator: 30, denominator: 30 });
  });

  it('measures a count from the day its sources began sending, so a quiet month is a real zero and a silent year no-data', async () => {
    const database = await ctx.openFresh();
    await storeKit(database);
    // The disruptions feed speaks from 1 March (a heartbeat), and reports one disruption in June.
    await ingestEvents(
      { database, now },
      rows(
        { id: 'hb', source: 'status-page', kind: 'status.heartbeat', at: '2026-03-01T10:00:00+01:00' },
        { id: 'd1', source: 'status-page', kind: 'disruption', at: '2026-06-10T10:00:00+02:00' },
      ),
      { mode: 'all-or-nothing' },
    );
    const count = (await getReport({ database, now }, { year: 2026, granularity: 'month' })).find((report) => report.indicator.slug === 'disservizi');
    expect(count?.year).toMatchObject({ value: 1, measuredFrom: '2026-03-01' });
    expect(count?.periods[1]?.status).toBe('no-data');
    expect(count?.periods[3]).toMatchObject({ value: 0, status: 'met' });
  });

  it('in the demo, every judged result rests on something measured: a measured-from date, and for a share a denominator', async () => {
    const database = await ctx.openFresh();
    const { buildDemo } = await import('./build-demo.action.ts');
    await buildDemo({ database, now: () => new Date('2026-04-01T10:00:00Z') }, { seed: 7, year: 2026, lastDate: '2026-03-31', seedDir: SEED_DIR });
    const reports = await getReport({ database, now: () => new Date('2026-04-01T10:00:00Z') }, { year: 2026, granularity: 'month' });
    let judged = 0;
    for (const report of reports) {
      for (const evaluation of [report.year, ...report.periods]) {
        if (!JUDGED.has(evaluation.status)) continue;
        judged += 1;
        expect(evaluation.measuredFrom, `${report.indicator.slug} ${evaluation.period.key}`).not.toBeNull();
        if (evaluation.unit === 'percent') expect(evaluation.denominator, `${report.indicator.slug} ${evaluation.period.key}`).toBeGreaterThan(0);
      }
      // The year counts the days its months count.
      if (report.measureKind === 'availability-days' && report.year.denominator !== null) {
        expect(report.periods.reduce((sum, period) => sum + (period.denominator ?? 0), 0)).toBe(report.year.denominator);
      }
    }
    expect(judged).toBeGreaterThan(47);
  });
});

describeEachDialect('open items of a duration', (ctx) => {
  it('counts a request still open past its limit as a miss now, and says how many are open', async () => {
    const database = await ctx.openFresh();
    await storeKit(database);
    const now = () => new Date('2026-12-20T10:00:00Z');
    await ingestEvents(
      { database, now },
      rows(
        // Answered in 2 working days.
        { id: 'o1', kind: 'request.opened', subject: 'REQ-1', at: '2026-09-01T09:00:00+02:00' },
        { id: 'c1', kind: 'request.closed', subject: 'REQ-1', at: '2026-09-03T09:00:00+02:00' },
        // Asked on 1 September and never answered.
        { id: 'o2', kind: 'request.opened', subject: 'REQ-2', at: '2026-09-01T09:00:00+02:00' },
        // Asked yesterday: open, but within its 5 working days.
        { id: 'o3', kind: 'request.opened', subject: 'REQ-3', at: '2026-12-18T09:00:00+01:00' },
      ),
      { mode: 'all-or-nothing' },
    );
    const report = (await getReport({ database, now }, { year: 2026, granularity: 'month' })).find((r) => r.indicator.slug === 'tempi-risposta');
    expect(report?.year).toMatchObject({ status: 'missed', openItems: { count: 2, overLimit: 1 } });
    expect(report?.year.value).toBeGreaterThan(5);
    // September, over before anyone could tell, is judged on what ended in it.
    expect(report?.periods[8]).toMatchObject({ status: 'met', value: 2 });
    expect(report?.periods[8]?.openItems).toBeUndefined();
    expect(report?.periods[11]).toMatchObject({ status: 'missed', openItems: { count: 2, overLimit: 1 } });
  });
});
