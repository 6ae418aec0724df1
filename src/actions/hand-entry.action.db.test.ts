import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.ts';
import type { Actor } from '../domain/accounts/actor.ts';
import type { HandEntryInput } from '../domain/measures/hand-entry.ts';
import type { Database } from '../storage/database.ts';
import { readAuditPage } from '../storage/repositories/audit-log.repository.ts';
import { listRollups } from '../storage/repositories/rollup.repository.ts';
import { KIT_INDICATORS, rows, storeKit, T0, type KitIndicator } from './events.test-kit.ts';
import { getReport } from './get-report.action.ts';
import { listHandRecordedIndicators, recordHandEntry } from './hand-entry.action.ts';
import { ingestEvents } from './ingest-events.action.ts';

const STEWARD: Actor = { kind: 'user', userId: 1, email: 'steward@comune.example', role: 'data-steward' };
const HAND_KITS = KIT_INDICATORS.filter((kit) => kit.slug === 'interventi' || kit.slug === 'operatori' || kit.slug === 'chiamate-risposte');
const deps = (database: Database) => ({ database, now: () => T0 });

function entry(fields: Partial<HandEntryInput> & { attributes?: Record<string, string> }): HandEntryInput {
  return { date: '2026-03-04', subject: '', value: '', evidence: '', attributes: {}, ...fields };
}

async function resultOf(database: Database, slug: string) {
  const report = await getReport(deps(database), { year: 2026, granularity: 'month' });
  const found = report.find((r) => r.indicator.slug === slug);
  return { value: found?.year.value, numerator: found?.year.numerator, denominator: found?.year.denominator, status: found?.year.status };
}

describeEachDialect('registers and snapshots recorded by hand', (ctx) => {
  it('changes the indicator\'s result exactly as the same entry sent in a file would', async () => {
    // Two registers alike, one fed by a file only and one partly by hand (a PostgreSQL test holds one database).
    const registerKit = (register: string): KitIndicator => ({ slug: register, target: KIT_INDICATORS[1]!.target, measure: { kind: 'register', register, good: [{ attribute: 'status', op: '=', value: 'done' }] } });
    const database = await ctx.openFresh();
    const service = await storeKit(database, [registerKit('da-file'), registerKit('a-mano')]);
    const entryOf = (register: string, number: string, status: string, at: string) => ({ id: `${register}-${number}`, kind: 'register.entry', subject: number, at, attributes: { register, status } });
    await ingestEvents(
      { database },
      rows(
        entryOf('da-file', 'INT-1', 'planned', '2026-03-03T12:00:00+01:00'),
        entryOf('da-file', 'INT-2', 'done', '2026-03-04T12:00:00+01:00'),
        entryOf('a-mano', 'INT-1', 'planned', '2026-03-03T12:00:00+01:00'),
      ),
      { mode: 'all-or-nothing' },
    );

    const recorded = await recordHandEntry(deps(database), STEWARD, { service, indicator: 'a-mano', year: 2026, entry: entry({ subject: 'INT-2', attributes: { status: 'done' } }) });
    expect(recorded).toEqual({ outcome: 'recorded', source: 'registro-manuale', eventId: 'a-mano:INT-2' });
    expect(await resultOf(database, 'a-mano')).toEqual(await resultOf(database, 'da-file'));
    expect(await resultOf(database, 'a-mano')).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
    const rollups = await listRollups(database.db);
    const days = (indicatorId: number | undefined) => rollups.filter((r) => r.indicatorId === indicatorId).map(({ date, good, total }) => ({ date, good, total }));
    const ids = [...new Set(rollups.map((r) => r.indicatorId))];
    expect(ids).toHaveLength(2);
    expect(days(ids[1])).toEqual(days(ids[0]));
  });

  it('counts a double submit once, and takes the same entry number with another status as a correction, audited with who did it', async () => {
    const database = await ctx.openFresh();
    const service = await storeKit(database, HAND_KITS);
    const input = { service, indicator: 'interventi', year: 2026, entry: entry({ subject: 'INT-7', evidence: 'prot. 12/2026', attributes: { status: 'done' } }) };
    expect((await recordHandEntry(deps(database), STEWARD, input)).outcome).toBe('recorded');
    expect((await recordHandEntry(deps(database), STEWARD, input)).outcome).toBe('unchanged');
    expect(await resultOf(database, 'interventi')).toMatchObject({ numerator: 1, denominator: 1 });

    const corrected = await recordHandEntry(deps(database), STEWARD, { ...input, entry: entry({ subject: 'INT-7', attributes: { status: 'planned' } }) });
    expect(corrected.outcome).toBe('corrected');
    expect(await resultOf(database, 'interventi')).toMatchObject({ numerator: 0, denominator: 1 });

    const audit = await readAuditPage(database.db, 0, 100, { action: 'event.' });
    expect(audit.map((r) => [r.actor, r.action, r.entityKey])).toEqual([
      ['user:steward@comune.example', 'event.record', 'registro-manuale/interventi:INT-7'],
      ['user:steward@comune.example', 'event.correct', 'registro-manuale/interventi:INT-7'],
    ]);
    expect(JSON.parse(audit[1]!.beforeJson ?? 'null')).toMatchObject({ attributes: { status: 'done', evidence: 'prot. 12/2026' } });
    expect(JSON.parse(audit[1]!.afterJson ?? 'null')).toMatchObject({ attributes: { status: 'planned', recordedBy: 'steward@comune.example' } });

    const [listed] = (await listHandRecordedIndicators(deps(database), { year: 2026 })).filter((i) => i.indicator.slug === 'interventi');
    expect(listed?.form.fields).toEqual([{ attribute: 'status', type: 'text', suggestions: ['done'] }]);
    expect(listed?.latest.map((e) => [e.subject, e.attributes.status, e.localDate])).toEqual([['INT-7', 'planned', '2026-03-04']]);
  });

  it('records one snapshot value a day: the same day again corrects it, a later day becomes the latest', async () => {
    const database = await ctx.openFresh();
    const service = await storeKit(database, HAND_KITS);
    const record = (date: string, value: string) => recordHandEntry(deps(database), STEWARD, { service, indicator: 'operatori', year: 2026, entry: entry({ date, value }) });
    expect(await record('2026-03-02', '15')).toMatchObject({ outcome: 'recorded', eventId: 'staff.recorded:2026-03-02' });
    expect(await record('2026-03-02', '15')).toMatchObject({ outcome: 'unchanged' });
    expect(await record('2026-03-02', '16,5')).toMatchObject({ outcome: 'corrected' });
    expect(await resultOf(database, 'operatori')).toMatchObject({ value: 16.5, status: 'met' });
    await record('2026-03-05', '14');
    expect(await resultOf(database, 'operatori')).toMatchObject({ value: 14, numerator: 14, denominator: 2 });
    const listed = (await listHandRecordedIndicators(deps(database), { year: 2026 })).map((i) => [i.indicator.slug, i.form.kind, i.latest.map((e) => e.attributes.value)]);
    // The call ratio is fed by a feed, not by hand: it is not listed.
    expect(listed).toEqual([
      ['interventi', 'register', []],
      ['operatori', 'snapshot', [14, 16.5]],
    ]);
  });

  it('refuses what cannot be an entry, naming the field, and stores nothing', async () => {
    const database = await ctx.openFresh();
    const service = await storeKit(database, HAND_KITS);
    const attempt = (indicator: string, fields: Partial<HandEntryInput>) => recordHandEntry(deps(database), STEWARD, { service, indicator, year: 2026, entry: entry(fields) });
    await expect(attempt('interventi', { attributes: { status: 'done' } })).rejects.toThrow(/field "subject": a register entry needs its number/);
    await expect(attempt('interventi', { subject: 'INT-1', date: '04/03/2026' })).rejects.toThrow(/field "date"/);
    await expect(attempt('operatori', { value: 'diciassette' })).rejects.toThrow(/field "value": "diciassette" is not a number/);
    await expect(attempt('operatori', { value: '17', date: '2027-06-01' })).rejects.toThrow(/occurredAt/);
    await expect(attempt('chiamate-risposte', { value: '1' })).rejects.toThrow(/no indicator "chiamate-risposte" recorded by hand/);
    expect(await readAuditPage(database.db, 0, 100, { action: 'event.' })).toEqual([]);
    expect(await listRollups(database.db)).toEqual([]);
  });
});
