import { expect, it } from 'vitest';
import type { ImportedCard } from '../domain/cards/imported-card.ts';
import { UserError } from '../domain/shared/errors.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import { newCard, newDoubt, newIndicator, newIndicators, newService, newTarget } from '../../test/factories.ts';
import type { Database } from '../storage/database.ts';
import { defaultOrganisationFor, importCards } from './import-cards.action.ts';
import { listCards } from './list-cards.action.ts';
import { overrideComparator } from './override-comparator.action.ts';

const at = (iso: string) => () => new Date(iso);

/** Every row of every table, ordered by id: equal snapshots mean nothing was written. */
async function snapshot({ db }: Database) {
  return {
    organisations: await db.selectFrom('organisations').selectAll().orderBy('id').execute(),
    services: await db.selectFrom('services').selectAll().orderBy('id').execute(),
    cards: await db.selectFrom('cards').selectAll().orderBy('id').execute(),
    indicators: await db.selectFrom('indicators').selectAll().orderBy('id').execute(),
    overrides: await db.selectFrom('comparator_overrides').selectAll().orderBy('id').execute(),
  };
}

/** Two cards of one service (2021 and undated) and one of another, with different sizes. */
function newBatch(): ImportedCard[] {
  const service = newService({ name: 'Servizi Lavoro', slug: 'servizi-lavoro' });
  return [
    newCard({ service, year: 2021, indicators: newIndicators(8), source: { file: 'a.txt' } }, { doubts: [newDoubt({ file: 'a.txt' })] }),
    newCard({ service, year: null, indicators: newIndicators(2), source: { file: 'b.txt' } }),
    newCard({ service: newService({ name: 'Cliclavoro', slug: 'cliclavoro' }), indicators: newIndicators(5), source: { file: 'c.txt' } }),
  ];
}

describeEachDialect('importCards', (ctx) => {
  it('files a card that names no PA under the one PA its batch or the database already has', async () => {
    const database = await ctx.openFresh();
    const undated = newCard({ service: newService({ name: 'Centro di contatto', slug: 'centro-di-contatto', office: null }), year: null }, { organisation: null });
    const named = newCard({ service: newService({ name: 'Cliclavoro', slug: 'cliclavoro' }) });
    const inBatch = await importCards({ database }, [undated, named]);
    expect(inBatch.cards.map((c) => c.organisationSlug)).toEqual(['ministero-del-lavoro', 'ministero-del-lavoro']);
    const later = newCard({ service: newService({ name: 'Sportello', slug: 'sportello', office: 'Ufficio relazioni con il pubblico' }) }, { organisation: null });
    expect((await importCards({ database }, [later])).cards[0]?.organisationSlug).toBe('ministero-del-lavoro');
  });

  it('stores every card and reports each one as created, with the doubts passed through', async () => {
    const database = await ctx.openFresh();
    const batch = newBatch();
    const summary = await importCards({ database }, batch);
    expect(summary.cards).toEqual([
      { file: 'a.txt', organisationSlug: 'ministero-del-lavoro', serviceName: 'Servizi Lavoro', serviceSlug: 'servizi-lavoro', year: 2021, edition: '2021', indicatorCount: 8, status: 'created', editionStatus: 'draft', unsure: [], measuresCopied: 0, doubts: batch[0]!.doubts },
      { file: 'b.txt', organisationSlug: 'ministero-del-lavoro', serviceName: 'Servizi Lavoro', serviceSlug: 'servizi-lavoro', year: null, edition: 'undated', indicatorCount: 2, status: 'created', editionStatus: 'draft', unsure: [], measuresCopied: 0, doubts: [] },
      { file: 'c.txt', organisationSlug: 'ministero-del-lavoro', serviceName: 'Cliclavoro', serviceSlug: 'cliclavoro', year: 2021, edition: '2021', indicatorCount: 5, status: 'created', editionStatus: 'draft', unsure: [], measuresCopied: 0, doubts: [] },
    ]);
    const rows = await snapshot(database);
    expect([rows.organisations.length, rows.services.length, rows.cards.length, rows.indicators.length]).toEqual([1, 2, 3, 15]);
  });

  it('changes nothing when the same cards are imported twice: same rows, same ids, all unchanged', async () => {
    const database = await ctx.openFresh();
    await importCards({ database, now: at('2026-01-01T00:00:00Z') }, newBatch());
    const before = await snapshot(database);
    const again = await importCards({ database, now: at('2026-06-01T00:00:00Z') }, newBatch());
    expect(again.cards.map((c) => c.status)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(await snapshot(database)).toEqual(before);
  });

  it('reports a changed card as updated and keeps its ids, leaving the others unchanged', async () => {
    const database = await ctx.openFresh();
    const batch = newBatch();
    await importCards({ database }, batch);
    const before = await snapshot(database);
    const [first, ...rest] = batch;
    const changed: ImportedCard = {
      ...first!,
      card: { ...first!.card, indicators: first!.card.indicators.map((i) => (i.position === 2 ? { ...i, target: newTarget({ text: '99%', value: 99 }) } : i)) },
    };
    const summary = await importCards({ database, now: at('2026-03-01T00:00:00Z') }, [changed, ...rest]);
    expect(summary.cards.map((c) => c.status)).toEqual(['updated', 'unchanged', 'unchanged']);
    const after = await snapshot(database);
    expect(after.cards.map((c) => c.id)).toEqual(before.cards.map((c) => c.id));
    expect(after.indicators.map((i) => i.id)).toEqual(before.indicators.map((i) => i.id));
    expect(after.indicators.find((i) => i.card_id === after.cards[0]!.id && i.position === 2)?.target_text).toBe('99%');
    expect(after.cards[0]!.imported_at).toBe('2026-03-01T00:00:00.000Z');
    expect(after.cards[1]).toEqual(before.cards[1]);
  });

  it('reports a card as updated when only its service cells changed', async () => {
    const database = await ctx.openFresh();
    const [card] = newBatch();
    await importCards({ database }, [card!]);
    const moved = { ...card!, card: { ...card!.card, service: { ...card!.card.service, office: 'Altra direzione' } } };
    expect((await importCards({ database }, [moved])).cards[0]?.status).toBe('updated');
    expect((await database.db.selectFrom('services').select('office').executeTakeFirstOrThrow()).office).toBe('Altra direzione');
  });

  it('writes nothing when the second card of the batch repeats an indicator slug', async () => {
    const database = await ctx.openFresh();
    const good = newCard({ source: { file: 'good.txt' } });
    const bad = newCard({
      source: { file: 'bad.txt' },
      indicators: [newIndicator({ position: 1, slug: 'dup', source: { file: 'bad.txt', line: 18 } }), newIndicator({ position: 2, slug: 'dup', source: { file: 'bad.txt', line: 19 } })],
    });
    const attempt = importCards({ database }, [good, bad]);
    await expect(attempt).rejects.toThrow(UserError);
    await expect(attempt).rejects.toThrow('bad.txt:19, field "indicator": indicator slug "dup" is used twice (also at line 18)');
    const rows = await snapshot(database);
    expect([rows.organisations, rows.services, rows.cards, rows.indicators]).toEqual([[], [], [], []]);
  });

  it('writes nothing when two cards of the batch are the same service and edition with different content', async () => {
    const database = await ctx.openFresh();
    const service = newService();
    const first = newCard({ service, source: { file: 'one.txt' } });
    const other = newCard({ service, source: { file: 'two.txt' }, indicators: newIndicators(5) });
    await expect(importCards({ database }, [first, other])).rejects.toThrow(`two.txt, field "service": the 2021 card of service "${service.slug}" is also in one.txt`);
    expect((await snapshot(database)).cards).toEqual([]);
  });

  it('keeps what was stored before when a later batch fails half-way', async () => {
    const database = await ctx.openFresh();
    const batch = newBatch();
    await importCards({ database }, batch);
    const before = await snapshot(database);
    const [first] = batch;
    const changed = { ...first!, card: { ...first!.card, ruleText: 'changed' } };
    const broken = newCard({ indicators: [newIndicator({ position: 1 }), newIndicator({ position: 1, slug: 'other' })] });
    await expect(importCards({ database }, [changed, broken])).rejects.toThrow(/position 1 is used twice/);
    expect(await snapshot(database)).toEqual(before);
  });

  it('files a card whose file names no organisation under one named from the card', async () => {
    const database = await ctx.openFresh();
    const card = newCard({ service: newService({ office: 'Direzione Generale per la comunicazione' }) }, { organisation: null });
    const summary = await importCards({ database }, [card]);
    expect(summary.cards[0]?.organisationSlug).toBe('direzione-generale-per-la-comunicazione');
    expect(await database.db.selectFrom('organisations').select(['slug', 'name']).execute()).toEqual([
      { slug: 'direzione-generale-per-la-comunicazione', name: 'Direzione Generale per la comunicazione' },
    ]);
  });

  it('applies a stored comparator override again when the card is re-imported, even with new content', async () => {
    const database = await ctx.openFresh();
    const card = newCard({ indicators: newIndicators(3) });
    await importCards({ database }, [card]);
    const slug = card.card.indicators[1]!.slug;
    await overrideComparator({ database }, { service: card.card.service.slug, edition: '2021', indicator: slug, comparator: '<=', reason: 'meno è meglio' });

    const same = await importCards({ database }, [structuredClone(card)]);
    expect(same.cards[0]?.status).toBe('unchanged');

    const revised = { ...card, card: { ...card.card, indicators: card.card.indicators.map((i) => ({ ...i, target: newTarget({ text: '97%', value: 97 }) })) } };
    expect((await importCards({ database }, [revised])).cards[0]?.status).toBe('updated');
    const [listed] = await listCards({ database }, { statuses: 'all' });
    expect(listed?.indicators.map((i) => [i.slug, i.target.text, i.target.comparator, i.target.comparatorSource, i.target.comparatorReason])).toEqual([
      [card.card.indicators[0]!.slug, '97%', '>=', 'inferred', newTarget().comparatorReason],
      [slug, '97%', '<=', 'override', 'meno è meglio'],
      [card.card.indicators[2]!.slug, '97%', '>=', 'inferred', newTarget().comparatorReason],
    ]);
  });

  it('accepts an empty batch', async () => {
    const database = await ctx.openFresh();
    expect(await importCards({ database }, [])).toEqual({ cards: [] });
  });
});

it.each([
  ['Direzione Generale dei sistemi informativi', { slug: 'direzione-generale-dei-sistemi-informativi', name: 'Direzione Generale dei sistemi informativi' }],
  [null, { slug: 'default-organisation', name: 'Default organisation' }],
  ['   ', { slug: 'default-organisation', name: 'Default organisation' }],
])('names the default organisation of a card with office %j as %j', (office, expected) => {
  expect(defaultOrganisationFor(newCard({ service: newService({ office }) }).card)).toEqual(expected);
});

describeEachDialect('importCards with a card of many rows', (ctx) => {
  it('stores a card of more indicators than a statement may bind variables, then keeps only those a new version lists', async () => {
    // Over SQLite's 32 766 variables (the lower of the two limits), so one variable per indicator in any statement
    // would fail; PostgreSQL runs the same path on fewer rows.
    const many = ctx.dialect === 'sqlite' ? 33_000 : 8_000;
    const database = await ctx.openFresh();
    const indicators = (count: number) =>
      Array.from({ length: count }, (_, index) => newIndicator({ position: index + 1, slug: `indicatore-${index + 1}`, description: `Indicatore ${index + 1}` }));
    const service = newService();
    await importCards({ database, now: at('2026-03-01T10:00:00Z') }, [newCard({ service, indicators: indicators(many) })]);
    expect((await listCards({ database }, { statuses: 'all' }))[0]?.indicators).toHaveLength(many);
    await importCards({ database, now: at('2026-03-02T10:00:00Z') }, [newCard({ service, indicators: indicators(many - 1_000) })]);
    const [stored] = await listCards({ database }, { statuses: 'all' });
    expect(stored?.indicators).toHaveLength(many - 1_000);
    expect(stored?.indicators.at(-1)?.slug).toBe(`indicatore-${many - 1_000}`);
  }, 120_000);
});
