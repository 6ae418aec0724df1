import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.ts';
import type { Database } from '../storage/database.ts';
import { KIT_INDICATORS, row, rows, storeKit, T0 } from './events.test-kit.ts';
import { DAY_EVENTS_SHOWN, getEvaluationDrillDown, streamDayEvents, type DrillDown } from './evaluation-drill-down.action.ts';
import { getReport } from './get-report.action.ts';
import { ingestEvents } from './ingest-events.action.ts';

const deps = (database: Database) => ({ database, now: () => T0 });
const ADDING_UP = ['chiamate-risposte', 'interventi', 'portale', 'disservizi', 'pagine-aggiornate'];

/** Calls, register entries, checks, disruptions and page observations over January to early March 2026. */
function events() {
  const calls = Array.from({ length: 40 }, (_, i) => ({ id: `call-${i}`, kind: 'call.received', at: `2026-0${1 + (i % 3)}-${String(2 + (i % 7)).padStart(2, '0')}T10:${String(i).padStart(2, '0')}:00+01:00`, attributes: { answered: i % 6 !== 0 } }));
  const entries = ['done', 'planned', 'done'].map((status, i) => ({ id: `int-${i}`, kind: 'register.entry', subject: `INT-${i}`, at: `2026-0${1 + i}-05T12:00:00+01:00`, attributes: { register: 'interventi', status } }));
  const checks = ['2026-01-05', '2026-01-06', '2026-02-10', '2026-03-02', '2026-03-03'].flatMap((date, d) =>
    Array.from({ length: 4 }, (_, i) => ({ id: `chk-${date}-${i}`, source: 'probe', kind: 'check.http', at: `${date}T${String(8 + i).padStart(2, '0')}:00:00+01:00`, attributes: { ok: d !== 1 || i === 0 } })),
  );
  const disruptions = ['2026-01-07T08:00:00+01:00', '2026-02-11T08:00:00+01:00', '2026-02-11T15:00:00+01:00'].map((at, i) => ({ id: `d${i}`, kind: 'disruption', at }));
  const pages = [
    { id: 'p1', kind: 'page.observed', subject: 'home', at: '2026-02-03T09:00:00+01:00', attributes: { updatedAt: '2026-02-01T00:00:00+01:00' } },
    { id: 'p2', kind: 'page.observed', subject: 'news', at: '2026-03-03T09:00:00+01:00', attributes: { updatedAt: '2026-01-01T00:00:00+01:00' } },
  ];
  return rows(...calls, ...entries, ...checks, ...disruptions, ...pages);
}

function sumOf(values: readonly (number | null)[]): number {
  return values.reduce<number>((total, value) => total + (value ?? 0), 0);
}

describeEachDialect('the evaluation drill-down', (ctx) => {
  it('gives the year and months of the report, and days whose numerators and denominators add up to them', async () => {
    const database = await ctx.openFresh();
    const service = await storeKit(database);
    await ingestEvents({ database }, events(), { mode: 'all-or-nothing' });
    const report = await getReport(deps(database), { year: 2026, granularity: 'month' });
    for (const slug of ADDING_UP) {
      const drill = (await getEvaluationDrillDown(deps(database), { service, indicator: slug, year: 2026 })) as DrillDown;
      const fromReport = report.find((r) => r.indicator.slug === slug);
      expect(drill.report.year, slug).toEqual(fromReport?.year);
      expect(drill.report.periods, slug).toEqual(fromReport?.periods);
      expect(drill.additive, slug).toBe(true);
      expect(drill.report.year.denominator, slug).toBeGreaterThan(0);
      for (const { evaluation, days } of drill.months) {
        expect([slug, evaluation.period.key, sumOf(days.map((d) => d.numerator)), sumOf(days.map((d) => d.denominator))]).toEqual([
          slug,
          evaluation.period.key,
          evaluation.numerator ?? 0,
          evaluation.denominator ?? 0,
        ]);
      }
      const allDays = drill.months.flatMap((m) => m.days);
      expect([slug, sumOf(allDays.map((d) => d.numerator)), sumOf(allDays.map((d) => d.denominator))]).toEqual([slug, drill.report.year.numerator, drill.report.year.denominator]);
    }
  });

  it('marks holidays and days off, judges each day, and lists up to 200 of a day\'s events with the count of all, and streams them all', async () => {
    const database = await ctx.openFresh();
    const service = await storeKit(database, KIT_INDICATORS.slice(0, 1));
    // More than a page of the day's reads (1000), so the count and the stream cross pages.
    const count = 1205;
    const calls = Array.from({ length: count }, (_, i) => row(i + 1, { id: `c${i}`, kind: 'call.received', at: '2026-01-06T10:00:00+01:00', attributes: { answered: i % 5 !== 0 } }));
    // Another kind on the same day is not the measure's.
    calls.push(row(999, { id: 'other', kind: 'check.http', at: '2026-01-06T10:00:00+01:00', attributes: { ok: true } }));
    await ingestEvents({ database }, calls, { mode: 'all-or-nothing' });

    const drill = (await getEvaluationDrillDown(deps(database), { service, indicator: 'chiamate-risposte', year: 2026, day: '2026-01-06' })) as DrillDown;
    const january = drill.months[0]!.days;
    expect(january).toHaveLength(31);
    expect(january[5]).toEqual({ date: '2026-01-06', value: 80, numerator: 964, denominator: count, status: 'missed', workingDay: false, holiday: 'Epifania' });
    // Measured from its first day with calls: 4 January is a Sunday before it.
    expect(january[3]).toMatchObject({ date: '2026-01-04', workingDay: false, holiday: null, status: 'no-data' });
    expect(january[6]).toMatchObject({ date: '2026-01-07', workingDay: true, status: 'no-data', numerator: null });
    // Days up to yesterday (9 March) only.
    expect(drill.months.map((m) => m.days.length)).toEqual([31, 28, 9]);
    expect(drill.day?.total).toBe(count);
    expect(drill.day?.events).toHaveLength(DAY_EVENTS_SHOWN);
    expect(drill.day?.events.every((e) => e.kind === 'call.received')).toBe(true);

    const streamed: string[] = [];
    for await (const event of streamDayEvents(deps(database), { service, indicator: 'chiamate-risposte', year: 2026, day: '2026-01-06' })) streamed.push(event.id);
    expect(streamed).toHaveLength(count);
    expect(new Set(streamed).size).toBe(count);
    await expect(getEvaluationDrillDown(deps(database), { service, indicator: 'chiamate-risposte', year: 2026, day: '2025-12-31' })).rejects.toThrow(/not in 2026/);
    expect(await getEvaluationDrillDown(deps(database), { service, indicator: 'nessuno', year: 2026 })).toBeUndefined();
  });

  it('lists a duration\'s items on the day they end, with their starts from earlier days', async () => {
    const database = await ctx.openFresh();
    const service = await storeKit(database, KIT_INDICATORS.filter((kit) => kit.slug === 'tempi-risposta'));
    await ingestEvents(
      { database },
      rows(
        { id: 'o1', kind: 'request.opened', subject: 'REQ-1', at: '2026-03-02T09:00:00+01:00' },
        { id: 'c1', kind: 'request.closed', subject: 'REQ-1', at: '2026-03-05T09:00:00+01:00' },
        { id: 'o2', kind: 'request.opened', subject: 'REQ-2', at: '2026-03-05T09:00:00+01:00' },
      ),
      { mode: 'all-or-nothing' },
    );
    const drill = (await getEvaluationDrillDown(deps(database), { service, indicator: 'tempi-risposta', year: 2026, day: '2026-03-05' })) as DrillDown;
    expect(drill.additive).toBe(false);
    expect(drill.day?.events.map((e) => e.id)).toEqual(['c1', 'o1']);
    expect(drill.months[2]?.days[4]).toMatchObject({ date: '2026-03-05', value: 3, denominator: 1 });
  });
});
