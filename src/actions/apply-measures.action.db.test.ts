import { PUBLISH_NOW } from '../../test/factories.ts';
import { expect, it } from 'vitest';
import { newTarget } from '../../test/factories.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import { readMeasuresText, writeMeasuresText } from '../formats/measures-file.ts';
import { listMeasures } from '../storage/repositories/measure.repository.ts';
import { listRollups } from '../storage/repositories/rollup.repository.ts';
import { applyMeasures } from './apply-measures.action.ts';
import { KIT_INDICATORS, kitCard, rows, T0 } from './events.test-kit.ts';
import { exportMeasures } from './export-measures.action.ts';
import { importCards } from './import-cards.action.ts';
import { ingestEvents } from './ingest-events.action.ts';
import type { Database } from '../storage/database.ts';

async function importKitCard(database: Database): Promise<string> {
  const card = kitCard(2026);
  await importCards({ database, now: () => T0 }, [{ organisation: null, card, doubts: [] }], PUBLISH_NOW);
  return card.service.slug;
}

const entriesFor = (service: string) => KIT_INDICATORS.map((kit) => ({ service, edition: '2026', indicator: kit.slug, measure: kit.measure }));

describeEachDialect('applying and exporting measures', (ctx) => {
  it('stores every measure, exports them as a document that applies back unchanged', async () => {
    const database = await ctx.openFresh();
    const service = await importKitCard(database);
    const applied = await applyMeasures({ database, now: () => T0 }, { measures: entriesFor(service) });
    expect(applied.measures.map((m) => m.status)).toEqual(KIT_INDICATORS.map(() => 'created'));
    const exported = await exportMeasures({ database });
    expect(exported.measures.map((m) => m.indicator)).toEqual(KIT_INDICATORS.map((kit) => kit.slug));
    // availability-days gains its default (daysWithoutData), the rest is as written.
    expect(exported.measures[0]).toEqual({ service, edition: '2026', indicator: 'chiamate-risposte', measure: KIT_INDICATORS[0]!.measure });
    for (const format of ['yaml', 'json'] as const) {
      const file = readMeasuresText(writeMeasuresText(exported, format), `m.${format}`);
      const again = await applyMeasures({ database }, file.data, file);
      expect(again.measures.every((m) => m.status === 'unchanged')).toBe(true);
    }
    expect(await exportMeasures({ database })).toEqual(exported);
  });

  it('rebuilds the rollups of a changed measure from the events already stored', async () => {
    const database = await ctx.openFresh();
    const service = await importKitCard(database);
    await applyMeasures({ database }, { measures: entriesFor(service).slice(0, 1) });
    await ingestEvents({ database }, rows(
      { id: '1', kind: 'call.received', at: '2026-03-02T09:00:00Z', attributes: { answered: true, wait: 30 } },
      { id: '2', kind: 'call.received', at: '2026-03-02T10:00:00Z', attributes: { answered: true, wait: 90 } },
    ), { mode: 'all-or-nothing' });
    expect((await listRollups(database.db)).map((r) => [r.good, r.total])).toEqual([[2, 2]]);
    const stricter = { ...entriesFor(service)[0]!, measure: { kind: 'ratio', total: { kind: 'call.received' }, good: [{ attribute: 'wait', op: '<=', value: 60 }] } };
    expect(await applyMeasures({ database }, { measures: [stricter] })).toEqual({ measures: [expect.objectContaining({ status: 'updated' })], rebuiltDays: 1 });
    expect((await listRollups(database.db)).map((r) => [r.good, r.total])).toEqual([[1, 2]]);
  });

  it('refuses a measure that does not give the target\'s unit, and stores nothing', async () => {
    const database = await ctx.openFresh();
    const service = await importKitCard(database);
    const entries = entriesFor(service);
    // The "3 days" count target measured as a share.
    entries[4] = { ...entries[4]!, measure: KIT_INDICATORS[0]!.measure };
    await expect(applyMeasures({ database }, { measures: entries })).rejects.toThrow(
      /field "measures\[4\]\.measure": measure does not give the target's unit: a ratio measure gives a percentage but the target "3 giorni" is in calendar days/,
    );
    expect(await listMeasures(database.db)).toEqual([]);
  });

  it.each([
    [{ service: 'nessuno' }, 'measures[0].service', /no stored card is for a service "nessuno"/],
    [{ edition: '2019' }, 'measures[0].edition', /has no card of edition "2019" \(it has "2026"\)/],
    [{ edition: 2026, indicator: 'altro' }, 'measures[0].indicator', /has no indicator "altro" \(it has chiamate-risposte, interventi/],
    [{ measure: { kind: 'ratio', total: { kind: 'a.b' }, good: [], colour: 'red' } }, 'measures[0].measure.colour', /unknown|not a field|colour/],
    [{ extra: 1 }, 'measures[0].extra', /unknown field/],
    [{ measure: { kind: 'ratio', total: { kind: 'a.b' }, good: [], withinServiceHoursOf: 'web' } }, 'measures[0].measure.withinServiceHoursOf', /channel "web" of service .* states no service hours/],
  ])('refuses the entry %j naming %s', async (change, field, message) => {
    const database = await ctx.openFresh();
    const service = await importKitCard(database);
    const entry = { ...entriesFor(service)[0]!, ...change };
    const attempt = applyMeasures({ database }, { measures: [entry] });
    await expect(attempt).rejects.toThrow(`field "${field}"`);
    await expect(applyMeasures({ database }, { measures: [entry] })).rejects.toThrow(message);
  });

  it('names the file and line of a bad entry read from a file', async () => {
    const database = await ctx.openFresh();
    const service = await importKitCard(database);
    const text = ['measures:', `  - service: ${service}`, '    edition: "2026"', '    indicator: chiamate-risposte', '    measure:', '      kind: ratio', '      total: { kind: call.received }', '      good:', '        - { attribute: answered, op: "~", value: true }'].join('\n');
    const file = readMeasuresText(text, 'measures.yaml');
    await expect(applyMeasures({ database }, file.data, file)).rejects.toThrow(/^measures\.yaml:9, field "measures\[0\]\.measure\.good\[0\]\.op": /);
  });

  it('refuses two measures for one indicator', async () => {
    const database = await ctx.openFresh();
    const service = await importKitCard(database);
    const [first] = entriesFor(service);
    await expect(applyMeasures({ database }, { measures: [first, first] })).rejects.toThrow(/already has a measure at measures\[0\]/);
  });

  it('asks for an interpretation when the target is qualitative', async () => {
    const database = await ctx.openFresh();
    const card = kitCard(2026, [{ ...KIT_INDICATORS[0]!, target: newTarget({ text: 'tempo reale', comparator: null, value: null, unit: null, measurable: false }) }]);
    await importCards({ database }, [{ organisation: null, card, doubts: [] }], PUBLISH_NOW);
    const entry = { service: card.service.slug, edition: '2026', indicator: KIT_INDICATORS[0]!.slug, measure: KIT_INDICATORS[0]!.measure };
    await expect(applyMeasures({ database }, { measures: [entry] })).rejects.toThrow(/measure cannot judge the target: .*add `interpretation`/);
    const interpreted = { ...entry, measure: { ...entry.measure, interpretation: { comparator: '>=', value: 95, unit: 'percent', text: 'almost every call answered' } } };
    expect((await applyMeasures({ database }, { measures: [interpreted] })).measures[0]?.status).toBe('created');
  });
});
