import { expect, it } from 'vitest';
import type { StandardCard } from '../../domain/cards/card.ts';
import { newCard, newIndicator, newIndicators, newTarget } from '../../../test/factories.ts';
import { describeEachDialect } from '../../../test/dialects.ts';
import { hashCard } from '../card-hash.ts';
import type { Queryable } from '../schema.ts';
import { findCard, listCards, saveCard } from './card.repository.ts';
import { saveOrganisation } from './organisation.repository.ts';
import { saveService } from './service.repository.ts';

const T1 = '2026-01-01T00:00:00.000Z';
const T2 = '2026-02-01T00:00:00.000Z';

/** Stores the card's organisation and service, as the import action does before saveCard. */
async function storeService(db: Queryable, card: StandardCard, organisationSlug = 'pa'): Promise<number> {
  const org = await saveOrganisation(db, { slug: organisationSlug, name: organisationSlug.toUpperCase() });
  return saveService(db, org.id, card.service, T1);
}

/** The card as storage gives it back: every indicator's source file is the card's. */
function asStored(card: StandardCard): StandardCard {
  return { ...card, indicators: card.indicators.map((i) => ({ ...i, source: { file: card.source.file, line: i.source.line } })) };
}

describeEachDialect('card repository', (ctx) => {
  it('stores a card with its indicators and reads back the same domain card', async () => {
    const { db } = await ctx.openFresh();
    const { card } = newCard({
      indicators: [
        newIndicator({ position: 1 }),
        newIndicator({ position: 2, slug: 'continuita', dimension: 'Continuità', dimensionKey: 'continuita', subdimension: null, additional: true, notes: 'nota' }),
        newIndicator({ position: 3, slug: 'tempo-reale', description: null, formula: null, target: newTarget({ text: 'tempo reale', comparator: null, value: null, unit: null, period: null, measurable: false }) }),
        newIndicator({ position: 4, slug: 'giorni', target: newTarget({ text: '7 giorni lavorativi', comparator: '<=', value: 7.25, unit: 'working-days', period: null, comparatorSource: 'override' }) }),
      ],
    });
    const serviceId = await storeService(db, card);
    const saved = await saveCard(db, serviceId, card, T1);
    const stored = await findCard(db, serviceId, '2021');
    expect(stored).toMatchObject({ id: saved.id, serviceId, editionKey: '2021', importedAt: T1, hash: hashCard(card), indicatorIds: saved.indicatorIds });
    expect(stored?.organisation).toMatchObject({ slug: 'pa' });
    expect(stored?.card).toEqual(asStored(card));
  });

  it('stores an undated card under the edition "undated"', async () => {
    const { db } = await ctx.openFresh();
    const { card } = newCard({ year: null, notes: [], ruleText: null });
    const serviceId = await storeService(db, card);
    await saveCard(db, serviceId, card, T1);
    expect((await findCard(db, serviceId, 'undated'))?.card).toEqual(asStored(card));
    expect(await findCard(db, serviceId, '2021')).toBeUndefined();
  });

  it('updates a card in place: same card id, indicator ids kept by position', async () => {
    const { db } = await ctx.openFresh();
    const { card } = newCard({ indicators: newIndicators(3) });
    const serviceId = await storeService(db, card);
    const first = await saveCard(db, serviceId, card, T1);
    const changed: StandardCard = {
      ...card,
      ruleText: 'altro',
      indicators: card.indicators.map((i) => ({ ...i, description: `${i.description ?? ''} (rivisto)`, target: newTarget({ text: '98%', value: 98 }) })),
    };
    const second = await saveCard(db, serviceId, changed, T2);
    expect(second).toEqual(first);
    const stored = await findCard(db, serviceId, '2021');
    expect(stored?.card).toEqual(asStored(changed));
    expect(stored?.importedAt).toBe(T2);
  });

  it('inserts new positions and deletes missing ones, keeping the ids of the others', async () => {
    const { db } = await ctx.openFresh();
    const { card } = newCard({ indicators: newIndicators(3) });
    const serviceId = await storeService(db, card);
    const first = await saveCard(db, serviceId, card, T1);
    const [one, , three] = card.indicators;
    const second = await saveCard(db, serviceId, { ...card, indicators: [one!, three!, newIndicator({ position: 4 })] }, T2);
    expect(second.indicatorIds.slice(0, 2)).toEqual([first.indicatorIds[0], first.indicatorIds[2]]);
    expect(first.indicatorIds).not.toContain(second.indicatorIds[2]);
    expect(await db.selectFrom('indicators').select('position').orderBy('position').execute()).toEqual([{ position: 1 }, { position: 3 }, { position: 4 }]);
  });

  it('lets two indicators swap slugs', async () => {
    const { db } = await ctx.openFresh();
    const { card } = newCard({ indicators: [newIndicator({ position: 1, slug: 'a' }), newIndicator({ position: 2, slug: 'b' })] });
    const serviceId = await storeService(db, card);
    const first = await saveCard(db, serviceId, card, T1);
    const swapped = { ...card, indicators: [newIndicator({ position: 1, slug: 'b' }), newIndicator({ position: 2, slug: 'a' })] };
    expect(await saveCard(db, serviceId, swapped, T2)).toEqual(first);
    expect((await findCard(db, serviceId, '2021'))?.card.indicators.map((i) => i.slug)).toEqual(['b', 'a']);
  });

  it('reads indicators by position whatever order they were given in', async () => {
    const { db } = await ctx.openFresh();
    const { card } = newCard({ indicators: [newIndicator({ position: 2 }), newIndicator({ position: 1 })] });
    const serviceId = await storeService(db, card);
    await saveCard(db, serviceId, card, T1);
    const stored = await findCard(db, serviceId, '2021');
    expect(stored?.card.indicators.map((i) => i.position)).toEqual([1, 2]);
    expect(hashCard(stored!.card)).toBe(hashCard(card));
  });

  it('lets the database refuse two indicators with the same slug in one card', async () => {
    const { db } = await ctx.openFresh();
    const { card } = newCard({ indicators: [newIndicator({ position: 1, slug: 'same' }), newIndicator({ position: 2, slug: 'same' })] });
    const serviceId = await storeService(db, card);
    await expect(saveCard(db, serviceId, card, T1)).rejects.toThrow(/unique/i);
  });

  it('lists cards by organisation, service and year, undated last, filtered by year and service', async () => {
    const { db } = await ctx.openFresh();
    const beta = newCard({ year: 2021 }).card;
    const betaUndated: StandardCard = { ...newCard({ year: null }).card, service: beta.service };
    const beta2020: StandardCard = { ...newCard({ year: 2020 }).card, service: beta.service };
    const alpha = newCard({ year: 2021 }).card;
    alpha.service = { ...alpha.service, slug: 'alpha' };
    beta.service = { ...beta.service, slug: 'beta' };
    betaUndated.service = beta.service;
    beta2020.service = beta.service;
    for (const card of [betaUndated, beta, alpha, beta2020]) await saveCard(db, await storeService(db, card), card, T1);
    const other = newCard({ year: 2021 }).card;
    await saveCard(db, await storeService(db, other, 'another-pa'), other, T1);

    const describe = (cards: Awaited<ReturnType<typeof listCards>>) => cards.map((c) => `${c.organisation.slug}/${c.card.service.slug}/${c.editionKey}`);
    expect(describe(await listCards(db))).toEqual([`another-pa/${other.service.slug}/2021`, 'pa/alpha/2021', 'pa/beta/2020', 'pa/beta/2021', 'pa/beta/undated']);
    expect(describe(await listCards(db, { year: 2020 }))).toEqual(['pa/beta/2020']);
    expect(describe(await listCards(db, { serviceSlugs: ['alpha'] }))).toEqual(['pa/alpha/2021']);
    expect(describe(await listCards(db, { year: 2021, serviceSlugs: ['beta', 'nessuno'] }))).toEqual(['pa/beta/2021']);
    expect(await listCards(db, { serviceSlugs: [] })).toEqual([]);
  });

  it('removes a card\'s indicators with the card', async () => {
    const { db } = await ctx.openFresh();
    const { card } = newCard();
    const serviceId = await storeService(db, card);
    const { id } = await saveCard(db, serviceId, card, T1);
    await db.deleteFrom('cards').where('id', '=', id).execute();
    expect(await db.selectFrom('indicators').selectAll().execute()).toEqual([]);
  });
});
