import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.ts';
import { newCard, newService, PUBLISH_NOW } from '../../test/factories.ts';
import type { CostInput } from '../domain/costs/service-cost.ts';
import { readDataVersion } from './data-version.action.ts';
import { importCards } from './import-cards.action.ts';
import { listAuditLog } from './list-audit-log.action.ts';
import { CostFileImportError, CostValidationError, importServiceCosts, listServiceCosts, recordServiceCost } from './service-costs.action.ts';

const OFFICE = { kind: 'user', userId: 2, email: 'qualita@comune.example', role: 'quality-office' } as const;
const CLI = { kind: 'cli', name: 'root' } as const;
const T1 = new Date('2026-12-04T10:00:00Z');
const T2 = new Date('2026-12-05T10:00:00Z');
const INPUT: CostInput = { service: 'anagrafe', year: '2025', actual: '1.250.000,50', staff: '€ 300.000', volume: '', note: '', source: 'controllo di gestione' };

describeEachDialect('service costs', (ctx) => {
  async function seeded() {
    const database = await ctx.openFresh();
    await importCards({ database }, [newCard({ service: newService({ slug: 'anagrafe', name: 'Anagrafe' }), year: 2026 }), newCard({ service: newService({ slug: 'tributi', name: 'Tributi' }), year: 2026, source: { file: 'tributi.txt' } })], PUBLISH_NOW);
    return database;
  }

  it('records a year, replaces it, and lists the series with total, who and when, audited before and after', async () => {
    const database = await seeded();
    const versionBefore = await readDataVersion({ database });
    expect(await recordServiceCost({ database, now: () => T1 }, OFFICE, INPUT)).toEqual({ service: 'anagrafe', year: 2025, replaced: false });
    await recordServiceCost({ database, now: () => T1 }, OFFICE, { ...INPUT, year: '2024', actual: '1.000.000', staff: '250.000', volume: '10.000' });
    expect(await recordServiceCost({ database, now: () => T2 }, CLI, { ...INPUT, actual: '1.100.000' })).toEqual({ service: 'anagrafe', year: 2025, replaced: true });
    expect(await readDataVersion({ database })).toBeGreaterThan(versionBefore);

    const [listing, ...others] = await listServiceCosts({ database });
    expect(others).toEqual([]);
    expect(listing?.service).toEqual({ slug: 'anagrafe', name: 'Anagrafe' });
    expect(listing?.years.map((y) => [y.year, y.actualCents, y.staffCents, y.totalCents, y.costPerUnitCents, y.updatedBy])).toEqual([
      [2024, 100_000_000, 25_000_000, 125_000_000, 12_500, 'user:qualita@comune.example'],
      [2025, 110_000_000, 30_000_000, 140_000_000, null, 'cli:root'],
    ]);
    expect(listing?.years[1]?.changeFromPrevious).toBeCloseTo(0.12);
    expect([listing?.publishedAt, listing?.updatedAt]).toEqual([T1.toISOString(), T2.toISOString()]);

    const records = (await listAuditLog({ database })).filter((r) => r.action === 'service-cost.save');
    expect(records.map((r) => [r.actor, r.entityKey])).toEqual([
      ['user:qualita@comune.example', 'anagrafe/2025'],
      ['user:qualita@comune.example', 'anagrafe/2024'],
      ['cli:root', 'anagrafe/2025'],
    ]);
    expect(JSON.parse(records[2]?.beforeJson ?? '')).toMatchObject({ actualCents: 125_000_050 });
    expect(JSON.parse(records[2]?.afterJson ?? '')).toMatchObject({ actualCents: 110_000_000, source: 'controllo di gestione' });
  });

  it('refuses bad fields and an unknown service, writing nothing', async () => {
    const database = await seeded();
    const refused = await recordServiceCost({ database, now: () => T1 }, OFFICE, { ...INPUT, year: '2027', actual: '-1' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CostValidationError);
    expect((refused as CostValidationError).errors.map((e) => e.field)).toEqual(['year', 'actual']);
    const unknown = await recordServiceCost({ database, now: () => T1 }, OFFICE, { ...INPUT, service: 'nessuno' }).catch((e: unknown) => e);
    expect((unknown as CostValidationError).errors.map((e) => [e.field, e.message])).toEqual([['service', 'field "service": no stored service is called "nessuno"']]);
    expect(await listServiceCosts({ database })).toEqual([]);
    expect((await listAuditLog({ database })).filter((r) => r.action === 'service-cost.save')).toEqual([]);
  });

  it('imports a CSV all or nothing: one unknown service refuses the file with its line and field', async () => {
    const database = await seeded();
    const deps = { database, now: () => T1 };
    const bad = 'service,year,actual,staff,note\nanagrafe,2025,"1.000,00",0,\nnessuno,2025,1,1,\n';
    const refused = await importServiceCosts(deps, CLI, { name: 'costi.csv', content: bad }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CostFileImportError);
    expect((refused as Error).message).toBe('1 problem, nothing imported:\ncosti.csv:3, field "service": no stored service is called "nessuno"');
    expect(await listServiceCosts({ database })).toEqual([]);

    const good = 'service;year;actual;staff;note\nanagrafe;2025;1.000,00;0;\ntributi;2024;500;250;Stima\ntributi;2025;600;250;\n';
    const recorded = await importServiceCosts(deps, CLI, { name: 'costi.csv', content: good });
    expect(recorded.map((r) => `${r.service}/${r.year}`)).toEqual(['anagrafe/2025', 'tributi/2024', 'tributi/2025']);
    expect((await listServiceCosts({ database })).map((l) => [l.service.slug, l.years.map((y) => y.totalCents)])).toEqual([
      ['anagrafe', [100_000]],
      ['tributi', [75_000, 85_000]],
    ]);
    // The same file again changes no figure; each row is recorded again as replaced.
    expect((await importServiceCosts(deps, CLI, { name: 'costi.csv', content: good })).every((r) => r.replaced)).toBe(true);
  });
});
