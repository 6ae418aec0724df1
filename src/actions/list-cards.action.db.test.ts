import { PUBLISH_NOW } from '../../test/factories.ts';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../domain/shared/errors.ts';
import { createDialectContext, describeEachDialect, DIALECTS } from '../../test/dialects.ts';
import { newCard, newIndicator, newIndicators, newService, newTarget } from '../../test/factories.ts';
import { importCards } from './import-cards.action.ts';
import { listCards } from './list-cards.action.ts';

/** Cards covering what a listing must carry: undated editions, additional dimensions, qualitative and fractional targets. */
function newCards() {
  const lavoro = newService({ slug: 'servizi-lavoro', name: 'Servizi Lavoro' });
  return [
    newCard({ service: lavoro, year: 2021, indicators: newIndicators(2), source: { file: 'a.txt' } }),
    newCard({
      service: lavoro,
      year: null,
      source: { file: 'b.txt' },
      indicators: [
        newIndicator({ position: 1, slug: 'continuita', dimension: 'Continuità', dimensionKey: 'continuita', subdimension: null, additional: true, notes: 'nota (*)' }),
        newIndicator({ position: 2, slug: 'tempo-reale', target: newTarget({ text: 'tempo reale', comparator: null, value: null, unit: null, period: null, measurable: false, comparatorReason: 'qualitative' }) }),
        newIndicator({ position: 3, slug: 'giorni', target: newTarget({ text: '7,5 giorni lavorativi', comparator: '<=', value: 7.5, unit: 'working-days', period: null }) }),
      ],
    }),
    newCard({ service: newService({ slug: 'cliclavoro', name: 'Cliclavoro' }), year: 2020, indicators: newIndicators(1), source: { file: 'c.txt' } }),
  ];
}

describeEachDialect('listCards', (ctx) => {
  it('lists every card with its indicators, by service and year, undated last', async () => {
    const database = await ctx.openFresh();
    await importCards({ database }, newCards(), PUBLISH_NOW);
    const cards = await listCards({ database });
    expect(cards.map((c) => [c.serviceSlug, c.service, c.year, c.edition, c.indicators.length])).toEqual([
      ['cliclavoro', 'Cliclavoro', 2020, '2020', 1],
      ['servizi-lavoro', 'Servizi Lavoro', 2021, '2021', 2],
      ['servizi-lavoro', 'Servizi Lavoro', null, 'undated', 3],
    ]);
    expect(cards[2]?.organisation).toEqual({ slug: 'ministero-del-lavoro', name: 'Ministero del Lavoro e delle Politiche Sociali' });
    expect(cards[2]?.indicators[0]).toEqual({
      position: 1,
      slug: 'continuita',
      dimension: 'Continuità',
      dimensionKey: 'continuita',
      subdimension: null,
      description: 'Accesso on line dal portale',
      formula: 'Numero giornate di accessibilità al web / Numero giorni anno solare',
      target: { text: '95%', comparator: '>=', value: 95, unit: 'percent', period: 'year', measurable: true, comparatorReason: newTarget().comparatorReason, comparatorSource: 'inferred' },
      additional: true,
      notes: 'nota (*)',
      uid: expect.stringMatching(/^i-[0-9a-f]{16}$/),
    });
    expect(cards[2]?.indicators.map((i) => i.target.value)).toEqual([95, null, 7.5]);
  });

  it('gives the JSON `misura cards --json` promises', async () => {
    const database = await ctx.openFresh();
    await importCards({ database }, newCards(), PUBLISH_NOW);
    const json = JSON.parse(JSON.stringify({ cards: await listCards({ database }) })) as { cards: { indicators: { target: object }[] }[] };
    const card = json.cards[0]!;
    expect(card).toMatchObject({ service: 'Cliclavoro', year: 2020 });
    expect(Object.keys(card.indicators[0]!)).toEqual(expect.arrayContaining(['dimension', 'subdimension', 'description', 'formula', 'target', 'additional']));
    expect(Object.keys(card.indicators[0]!.target)).toEqual(expect.arrayContaining(['text', 'comparator', 'value', 'unit']));
  });

  it.each([
    [{ year: 2021 }, ['servizi-lavoro/2021']],
    [{ year: 1999 }, []],
    [{ service: 'servizi-lavoro' }, ['servizi-lavoro/2021', 'servizi-lavoro/undated']],
    [{ service: 'Servizi Lavoro' }, ['servizi-lavoro/2021', 'servizi-lavoro/undated']],
    [{ service: 'cliclavoro', year: 2021 }, []],
  ])('filters by %j', async (filter, expected) => {
    const database = await ctx.openFresh();
    await importCards({ database }, newCards(), PUBLISH_NOW);
    expect((await listCards({ database }, filter)).map((c) => `${c.serviceSlug}/${c.edition}`)).toEqual(expected);
  });

  it('says so when the service filter names no stored service', async () => {
    const database = await ctx.openFresh();
    await importCards({ database }, newCards(), PUBLISH_NOW);
    const attempt = listCards({ database }, { service: 'anagrafe' });
    await expect(attempt).rejects.toThrow(UserError);
    await expect(attempt).rejects.toThrow('field "service": no stored service is called "anagrafe"');
  });

  it('lists nothing from an empty database', async () => {
    expect(await listCards({ database: await ctx.openFresh() })).toEqual([]);
  });
});

describe('listCards on SQLite and PostgreSQL', () => {
  const contexts = DIALECTS.map(createDialectContext);
  afterEach(async () => {
    for (const ctx of contexts) await ctx.cleanup();
  });
  afterAll(async () => {
    for (const ctx of contexts) await ctx.dispose();
  });

  it('lists the same cards from both dialects', async () => {
    const cards = newCards();
    const listings = [];
    for (const ctx of contexts) {
      const database = await ctx.openFresh();
      await importCards({ database, now: () => new Date('2026-01-02T10:00:00Z') }, cards, PUBLISH_NOW);
      // Stable ids are drawn at random; everything else must match.
      listings.push((await listCards({ database })).map((card) => ({ ...card, indicators: card.indicators.map(({ uid: _uid, ...indicator }) => indicator) })));
    }
    expect(listings).toHaveLength(2);
    expect(listings[0]).toHaveLength(3);
    expect(listings[1]).toEqual(listings[0]);
  });
});
