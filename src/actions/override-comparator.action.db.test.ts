import { PUBLISH_NOW } from '../../test/factories.ts';
import { expect, it } from 'vitest';
import { UserError } from '../domain/shared/errors.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import { newCard, newIndicator, newService } from '../../test/factories.ts';
import type { Database } from '../storage/database.ts';
import { listComparatorOverrides } from '../storage/repositories/comparator-override.repository.ts';
import { importCards } from './import-cards.action.ts';
import { listCards } from './list-cards.action.ts';
import { overrideComparator, type OverrideComparatorInput } from './override-comparator.action.ts';

const service = () => newService({ slug: 'servizi-lavoro', name: 'Servizi Lavoro' });
const indicators = () => [newIndicator({ position: 1, slug: 'accesso-web' }), newIndicator({ position: 2, slug: 'continuita' })];

async function seed(database: Database): Promise<void> {
  await importCards({ database }, [newCard({ service: service(), indicators: indicators() }), newCard({ service: service(), indicators: indicators(), year: null })], PUBLISH_NOW);
}

const input = (overrides: Partial<OverrideComparatorInput> = {}): OverrideComparatorInput => ({
  service: 'servizi-lavoro',
  edition: '2021',
  indicator: 'continuita',
  comparator: '<=',
  reason: 'giorni di disagio: meno è meglio',
  ...overrides,
});

describeEachDialect('overrideComparator', (ctx) => {
  it('stores the override and updates only that indicator of that edition, keeping ids', async () => {
    const database = await ctx.openFresh();
    await seed(database);
    const idsBefore = await database.db.selectFrom('indicators').select('id').orderBy('id').execute();
    const result = await overrideComparator({ database, now: () => new Date('2026-05-01T10:00:00Z') }, input());
    expect(result).toEqual({
      serviceSlug: 'servizi-lavoro',
      edition: '2021',
      indicatorSlug: 'continuita',
      target: expect.objectContaining({ comparator: '<=', comparatorReason: 'giorni di disagio: meno è meglio', comparatorSource: 'override', text: '95%' }),
    });
    const [dated, undated] = await listCards({ database });
    expect(dated?.indicators.map((i) => [i.slug, i.target.comparator, i.target.comparatorSource])).toEqual([
      ['accesso-web', '>=', 'inferred'],
      ['continuita', '<=', 'override'],
    ]);
    expect(undated?.indicators.map((i) => i.target.comparatorSource)).toEqual(['inferred', 'inferred']);
    expect(await database.db.selectFrom('indicators').select('id').orderBy('id').execute()).toEqual(idsBefore);
    expect(await listComparatorOverrides(database.db)).toEqual([
      { serviceSlug: 'servizi-lavoro', editionKey: '2021', indicatorSlug: 'continuita', comparator: '<=', reason: 'giorni di disagio: meno è meglio', createdAt: '2026-05-01T10:00:00.000Z' },
    ]);
  });

  it('finds the service by name and the undated edition', async () => {
    const database = await ctx.openFresh();
    await seed(database);
    await overrideComparator({ database }, input({ service: 'Servizi Lavoro', edition: 'Undated', comparator: '=' }));
    const [, undated] = await listCards({ database });
    expect(undated?.indicators[1]?.target.comparator).toBe('=');
  });

  it('replaces an earlier override of the same indicator', async () => {
    const database = await ctx.openFresh();
    await seed(database);
    await overrideComparator({ database }, input());
    await overrideComparator({ database }, input({ comparator: '=', reason: 'esatto' }));
    expect((await listComparatorOverrides(database.db)).map((o) => [o.comparator, o.reason])).toEqual([['=', 'esatto']]);
    const [dated] = await listCards({ database });
    expect(dated?.indicators[1]?.target).toMatchObject({ comparator: '=', comparatorReason: 'esatto' });
  });

  it.each([
    [{ service: 'anagrafe' }, 'field "service": unknown service "anagrafe"'],
    [{ edition: '2019' }, 'field "edition": service "servizi-lavoro" has no "2019" edition'],
    [{ indicator: 'empatia' }, 'field "indicator": unknown indicator "empatia" in the 2021 card of "servizi-lavoro"; its indicators are: accesso-web, continuita'],
    [{ comparator: '>' }, 'field "comparator": unknown comparator ">"; use one of >= <= ='],
    [{ reason: '  ' }, 'field "reason": say why the comparator is overridden'],
  ])('refuses %j, saying what is wrong, and stores nothing', async (overrides, message) => {
    const database = await ctx.openFresh();
    await seed(database);
    const before = await listCards({ database });
    const attempt = overrideComparator({ database }, input(overrides));
    await expect(attempt).rejects.toThrow(UserError);
    await expect(attempt).rejects.toThrow(message);
    expect(await listComparatorOverrides(database.db)).toEqual([]);
    expect(await listCards({ database })).toEqual(before);
  });
});
