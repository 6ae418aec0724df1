import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.ts';
import { newCard, newIndicator, newService, newTarget } from '../../test/factories.ts';
import type { Actor } from '../domain/accounts/actor.ts';
import type { StandardCard } from '../domain/cards/card.ts';
import { UserError } from '../domain/shared/errors.ts';
import type { Database } from '../storage/database.ts';
import { findUidOfSlug } from '../storage/repositories/edition.repository.ts';
import { listMeasures } from '../storage/repositories/measure.repository.ts';
import { applyMeasures } from './apply-measures.action.ts';
import { approveEdition } from './approve-edition.action.ts';
import { KIT_INDICATORS } from './events.test-kit.ts';
import { compareEditions } from './diff-editions.action.ts';
import { getReport } from './get-report.action.ts';
import { findUnsureMatches, importCards } from './import-cards.action.ts';
import { saveReviewedCards } from './card-review.action.ts';
import { listCards } from './list-cards.action.ts';
import { listEditions } from './list-editions.action.ts';
import { listAuditLog } from './list-audit-log.action.ts';
import { publishEdition } from './publish-edition.action.ts';
import { startEdition } from './start-edition.action.ts';
import { verifyAuditLog } from './verify-audit-log.action.ts';
import { withdrawEdition } from './withdraw-edition.action.ts';

const office: Actor = { kind: 'user', userId: 1, email: 'qualita@comune.example', role: 'quality-office' };
const ACT = 'Decreto direttoriale n. 12 del 15/12/2025';
const at = (iso: string) => () => new Date(iso);

/** A card of three indicators with distinct wording: a share, a duration and a yearly count. */
function card2026(): StandardCard {
  return newCard({
    service: newService({ name: 'Portale dei servizi', slug: 'portale-dei-servizi' }),
    year: 2026,
    indicators: [
      newIndicator({ position: 1, slug: 'accesso-portale', subdimension: 'Multicanale', description: 'Accesso on line dal portale', target: newTarget({ text: '95%', value: 95 }) }),
      newIndicator({
        position: 2,
        slug: 'tempi-risposta',
        dimension: 'Tempestività',
        dimensionKey: 'tempestivita',
        subdimension: 'Tempestività',
        description: 'Tempo massimo di risposta alle richieste',
        formula: 'Giorni tra richiesta e risposta',
        target: newTarget({ text: '15 giorni lavorativi', comparator: '<=', value: 15, unit: 'working-days', period: null }),
      }),
      newIndicator({
        position: 3,
        slug: 'aggiornamento-pagine',
        dimension: 'Trasparenza',
        dimensionKey: 'trasparenza',
        subdimension: 'Aggiornamento',
        description: 'Pagine aggiornate entro trenta giorni',
        formula: 'Pagine aggiornate / pagine pubblicate',
        target: newTarget({ text: '90%', value: 90 }),
      }),
    ],
  }).card;
}

async function importDraft(database: Database, card: StandardCard, now = '2025-12-01T09:00:00Z') {
  const summary = await importCards({ database, now: at(now) }, [{ organisation: null, card, doubts: [] }], { actor: office });
  return summary.cards[0]!;
}

describeEachDialect('yearly editions', (ctx) => {
  it('imports a draft the public never sees; approval records the act and publication puts it in force', async () => {
    const database = await ctx.openFresh();
    const imported = await importDraft(database, card2026());
    expect([imported.edition, imported.editionStatus, imported.status]).toEqual(['2026', 'draft', 'created']);
    expect(await listCards({ database })).toEqual([]);
    expect(await getReport({ database }, { year: 2026, granularity: 'month' })).toEqual([]);

    const approved = await approveEdition({ database, now: at('2025-12-15T10:00:00Z') }, office, { service: imported.serviceSlug, edition: '2026', act: ACT });
    expect(approved).toMatchObject({ status: 'approved', act: ACT, inForceFrom: '2026-01-01', approvedBy: 'user:qualita@comune.example' });
    expect(await listCards({ database })).toEqual([]);

    await publishEdition({ database, now: at('2025-12-16T10:00:00Z') }, office, { service: imported.serviceSlug, edition: '2026' });
    const [listed] = await listCards({ database });
    expect(listed?.lifecycle).toMatchObject({ status: 'published', act: ACT, inForceFrom: '2026-01-01', publishedAt: '2025-12-16T10:00:00.000Z' });
    expect((await getReport({ database }, { year: 2026, granularity: 'month' })).map((r) => r.indicator.slug)).toEqual(['accesso-portale', 'tempi-risposta', 'aggiornamento-pagine']);

    const audit = await listAuditLog({ database }, {});
    expect(audit.map((row) => [row.actor, row.action, row.entityKey])).toEqual([
      ['user:qualita@comune.example', 'edition.import', `${imported.serviceSlug}/2026`],
      ['user:qualita@comune.example', 'edition.approve', `${imported.serviceSlug}/2026`],
      ['user:qualita@comune.example', 'edition.publish', `${imported.serviceSlug}/2026`],
    ]);
    expect(await verifyAuditLog({ database })).toMatchObject({ ok: true, rows: 3 });
  });

  it('refuses to approve a next year whose target is worse, or drops an indicator, until each is justified; the diff shows both', async () => {
    const database = await ctx.openFresh();
    const { serviceSlug: service } = await importDraft(database, card2026());
    await approveEdition({ database }, office, { service, edition: '2026', act: ACT });
    await publishEdition({ database }, office, { service, edition: '2026' });

    const started = await startEdition({ database }, office, { service, year: 2027 });
    expect([started.key, started.status, started.indicatorCount]).toEqual(['2027', 'draft', 3]);
    const [share, duration] = card2026().indicators;
    const worse = { ...card2026(), year: 2027, indicators: [{ ...share!, target: newTarget({ text: '90%', value: 90 }) }, { ...duration!, target: { ...duration!.target, text: '20 giorni lavorativi', value: 20 } }] };
    expect((await importDraft(database, worse)).status).toBe('updated');

    const refused = approveEdition({ database }, office, { service, edition: '2027', act: 'Decreto n. 3 del 10/12/2026' });
    await expect(refused).rejects.toThrow(UserError);
    await expect(refused).rejects.toThrow(/3 indicators get worse[\s\S]*accesso-portale: "95%" → "90%" \(worse\)[\s\S]*tempi-risposta: "15 giorni lavorativi" → "20 giorni lavorativi" \(worse\)[\s\S]*aggiornamento-pagine: removed/);
    const partly = approveEdition({ database }, office, { service, edition: '2027', act: 'Decreto n. 3', justifications: { 'accesso-portale': 'nuova piattaforma' } });
    await expect(partly).rejects.toThrow(/2 indicators get worse/);
    const stray = approveEdition({ database }, office, {
      service,
      edition: '2027',
      act: 'Decreto n. 3',
      justifications: { 'accesso-portale': 'a', 'tempi-risposta': 'b', 'aggiornamento-pagine': 'c', 'inesistente': 'd' },
    });
    await expect(stray).rejects.toThrow('nothing to justify for "inesistente"');
    expect((await listEditions({ database }, { service })).map((e) => e.status)).toEqual(['published', 'draft']);

    const justifications = { 'accesso-portale': 'Nuova piattaforma in collaudo nel 2027', 'tempi-risposta': 'Organico ridotto di due unità', 'aggiornamento-pagine': 'Sito dismesso' };
    await approveEdition({ database }, office, { service, edition: '2027', act: 'Decreto n. 3 del 10/12/2026', justifications });
    await publishEdition({ database }, office, { service, edition: '2027' });

    const comparison = await compareEditions({ database }, { service, from: '2026', to: '2027' });
    expect(comparison.diff.changed.map((c) => [c.slug, c.target])).toEqual([
      ['accesso-portale', 'looser'],
      ['tempi-risposta', 'looser'],
    ]);
    expect(comparison.diff.removed.map((i) => i.slug)).toEqual(['aggiornamento-pagine']);
    expect(comparison.justifications.map((j) => [j.slug, j.kind, j.text])).toEqual([
      ['accesso-portale', 'worsened', 'Nuova piattaforma in collaudo nel 2027'],
      ['tempi-risposta', 'worsened', 'Organico ridotto di due unità'],
      ['aggiornamento-pagine', 'removed', 'Sito dismesso'],
    ]);
    const [listed] = await listCards({ database }, { year: 2027 });
    expect(listed?.lifecycle.justifications).toHaveLength(3);
  });

  it('never changes a published edition: a changed text becomes a correction that supersedes it when published', async () => {
    const database = await ctx.openFresh();
    const { serviceSlug: service } = await importDraft(database, card2026());
    await approveEdition({ database, now: at('2025-12-15T10:00:00Z') }, office, { service, edition: '2026', act: ACT });
    await publishEdition({ database }, office, { service, edition: '2026' });
    await expect(approveEdition({ database }, office, { service, edition: '2026', act: ACT })).rejects.toThrow(/the .* 2026 edition is published; "approve" needs it draft/);

    const same = await importDraft(database, card2026());
    expect([same.status, same.edition]).toEqual(['unchanged', '2026']);
    const better = { ...card2026(), indicators: card2026().indicators.map((i) => (i.position === 1 ? { ...i, target: newTarget({ text: '98%', value: 98 }) } : i)) };
    const correction = await importDraft(database, better);
    expect([correction.status, correction.edition, correction.editionStatus]).toEqual(['created', '2026-r2', 'draft']);
    expect((await listCards({ database }))[0]?.indicators[0]?.target.text).toBe('95%');

    await approveEdition({ database }, office, { service, edition: '2026', act: 'Decreto n. 13 del 20/01/2026', inForceFrom: '2026-02-01' });
    await publishEdition({ database, now: at('2026-01-21T08:00:00Z') }, office, { service, edition: '2026-r2' });
    expect((await listEditions({ database }, { service })).map((e) => [e.key, e.status, e.closeReason, e.inForceFrom])).toEqual([
      ['2026', 'superseded', 'superseded by 2026-r2', '2026-01-01'],
      ['2026-r2', 'published', null, '2026-02-01'],
    ]);
    const [inForce] = await listCards({ database });
    expect([inForce?.edition, inForce?.indicators[0]?.target.text]).toEqual(['2026-r2', '98%']);
  });

  it('withdraws a published edition with its reason: still listed, no longer in force', async () => {
    const database = await ctx.openFresh();
    const { serviceSlug: service } = await importDraft(database, card2026());
    await approveEdition({ database }, office, { service, edition: '2026', act: ACT });
    await publishEdition({ database }, office, { service, edition: '2026' });
    await expect(withdrawEdition({ database }, office, { service, edition: '2026', reason: ' ' })).rejects.toThrow('say why the edition is withdrawn');
    await withdrawEdition({ database, now: at('2026-05-01T00:00:00Z') }, office, { service, edition: '2026', reason: 'Annullato dal TAR' });
    expect(await listCards({ database })).toEqual([]);
    expect((await listCards({ database }, { statuses: ['withdrawn'] }))[0]?.lifecycle).toMatchObject({ status: 'withdrawn', closedAt: '2026-05-01T00:00:00.000Z', closeReason: 'Annullato dal TAR' });
  });

  it('keeps an indicator\'s stable id and measure through a reworded sub-dimension; its old slug still names it', async () => {
    const database = await ctx.openFresh();
    const { serviceSlug: service } = await importDraft(database, card2026());
    await approveEdition({ database }, office, { service, edition: '2026', act: ACT });
    await publishEdition({ database }, office, { service, edition: '2026' });
    await applyMeasures({ database }, { measures: [{ service, edition: '2026', indicator: 'accesso-portale', measure: KIT_INDICATORS[2]!.measure }] });
    const [before] = await listCards({ database });

    // A typo fixed in the sub-dimension changes the slug the importer derives, not the indicator.
    const fixed = { ...card2026(), indicators: card2026().indicators.map((i) => (i.position === 1 ? { ...i, slug: 'accesso-portale-multicanale', subdimension: 'Multi-canale' } : i)) };
    const correction = await importDraft(database, fixed);
    expect([correction.edition, correction.measuresCopied, correction.unsure]).toEqual(['2026-r2', 1, []]);
    await approveEdition({ database }, office, { service, edition: '2026-r2', act: ACT });
    await publishEdition({ database }, office, { service, edition: '2026-r2' });

    const [after] = await listCards({ database });
    expect(after?.indicators[0]?.slug).toBe('accesso-portale-multicanale');
    expect(after?.indicators[0]?.uid).toBe(before?.indicators[0]?.uid);
    const serviceId = (await database.db.selectFrom('services').select('id').executeTakeFirstOrThrow()).id;
    expect(await findUidOfSlug(database.db, serviceId, 'accesso-portale')).toBe(before?.indicators[0]?.uid);
    expect(await listMeasures(database.db)).toHaveLength(2);
  });

  it('asks about a reworded row that may be the same indicator, and keeps its id only when the reviewer says so', async () => {
    const database = await ctx.openFresh();
    const answered = async (decision: 'same' | 'new' | 'none') => {
      // One service per answer, in one database.
      const service = newService({ name: `Portale ${decision}`, slug: `portale-${decision}` });
      const first = { ...card2026(), service };
      const [share, duration, pages] = first.indicators;
      // The third row moves to the top, renamed and reworded: like the old one, not enough to say.
      const moved = { ...pages!, position: 1, slug: 'pagine-web-aggiornate', description: 'Pagine web aggiornate entro trenta giorni' };
      const next = { ...first, year: 2027, indicators: [moved, { ...share!, position: 2 }, { ...duration!, position: 3 }] };
      await importCards({ database }, [{ organisation: null, card: first, doubts: [] }], { actor: office, publish: { act: ACT } });
      const pagesUid = (await listCards({ database }, { service: service.slug }))[0]?.indicators[2]?.uid ?? '';
      const [unsure] = await findUnsureMatches({ database }, [{ organisation: null, card: next, doubts: [] }]);
      expect(unsure?.map((u) => [u.slug, u.candidate, u.candidateUid])).toEqual([['pagine-web-aggiornate', 'aggiornamento-pagine', pagesUid]]);
      const decisions = decision === 'none' ? new Map<string, string | null>() : new Map([[`${next.service.slug}/pagine-web-aggiornate`, decision === 'same' ? pagesUid : null]]);
      const saved = await saveReviewedCards({ database }, office, [{ organisation: null, card: next, doubts: [] }], new Map(), decisions);
      const [draft] = await listCards({ database }, { service: service.slug, statuses: ['draft'] });
      return { sameId: draft?.indicators[0]?.uid === pagesUid, unsure: saved.cards[0]?.unsure.length };
    };
    expect(await answered('same')).toEqual({ sameId: true, unsure: 0 });
    expect(await answered('new')).toEqual({ sameId: false, unsure: 0 });
    // Nobody answered (the CLI): kept apart, and reported.
    expect(await answered('none')).toEqual({ sameId: false, unsure: 1 });
  });

  it('publishes at import in one step, and rolls the whole batch back when the (&) check refuses one card', async () => {
    const database = await ctx.openFresh();
    const publish = { act: ACT };
    const first = await importCards({ database }, [{ organisation: null, card: card2026(), doubts: [] }], { actor: office, publish });
    expect(first.cards[0]?.editionStatus).toBe('published');
    const worse = { ...card2026(), year: 2027, indicators: card2026().indicators.map((i) => (i.position === 1 ? { ...i, target: newTarget({ text: '80%', value: 80 }) } : i)) };
    await expect(importCards({ database }, [{ organisation: null, card: worse, doubts: [] }], { actor: office, publish })).rejects.toThrow(/accesso-portale: "95%" → "80%"/);
    expect((await listEditions({ database })).map((e) => e.key)).toEqual(['2026']);
    const justified = await importCards({ database }, [{ organisation: null, card: worse, doubts: [] }], { actor: office, publish: { ...publish, justifications: { 'accesso-portale': 'Manutenzione straordinaria' } } });
    expect(justified.cards[0]?.editionStatus).toBe('published');
  });
});
