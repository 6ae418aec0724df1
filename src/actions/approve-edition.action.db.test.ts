import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.ts';
import { newCard, newIndicator, newService } from '../../test/factories.ts';
import type { Actor } from '../domain/accounts/actor.ts';
import type { StandardCard } from '../domain/cards/card.ts';
import { UNSTATED_DIMENSION } from '../domain/cards/dimension.ts';
import { UserError } from '../domain/shared/errors.ts';
import { approveEdition } from './approve-edition.action.ts';
import { saveDraftEdits } from './card-review.action.ts';
import { importCards } from './import-cards.action.ts';
import { listAuditLog } from './list-audit-log.action.ts';
import { listCards } from './list-cards.action.ts';
import { listEditions } from './list-editions.action.ts';

const office: Actor = { kind: 'user', userId: 1, email: 'qualita@comune.example', role: 'quality-office' };
const ACT = 'Decreto direttoriale n. 12 del 15/12/2025';
const now = () => new Date('2025-12-01T09:00:00Z');
const unstated = { dimension: UNSTATED_DIMENSION.label, dimensionKey: UNSTATED_DIMENSION.key, additional: false };

/** A 2026 card read from a table with no dimension column: rows 1 and 3 state none, row 3 marked "(*)"; row 2 has one. */
function cardWithoutDimensions(): StandardCard {
  return newCard({
    service: newService({ name: 'Statistica comunale', slug: 'statistica-comunale' }),
    year: 2026,
    indicators: [
      newIndicator({ position: 1, slug: 'richieste-dati', ...unstated, subdimension: null, description: 'Risposta alle richieste di dati' }),
      newIndicator({ position: 2, slug: 'accesso-portale' }),
      newIndicator({ position: 3, slug: 'bollettini', ...unstated, additional: true, subdimension: null, description: 'Bollettini pubblicati nei tempi' }),
    ],
  }).card;
}

describeEachDialect('approving an edition whose document states no dimension', (ctx) => {
  it('is refused, naming the rows, and writes nothing; once the draft editor gives each row a dimension, it is approved', async () => {
    const database = await ctx.openFresh();
    const card = cardWithoutDimensions();
    await importCards({ database, now }, [{ organisation: null, card, doubts: [] }], { actor: office });
    const edition = { service: card.service.slug, edition: '2026' };

    const refused = approveEdition({ database, now }, office, { ...edition, act: ACT });
    await expect(refused).rejects.toThrow(UserError);
    await expect(refused).rejects.toThrow('the statistica-comunale 2026 edition cannot be approved: indicators 1, 3: the card states no dimension; choose one in the draft editor before approving');
    expect((await listEditions({ database })).map((e) => e.status)).toEqual(['draft']);
    expect(await listAuditLog({ database }, { action: 'edition.approve' })).toEqual([]);

    // One row chosen, one still unstated: still refused, naming the one left.
    await saveDraftEdits({ database, now }, office, edition, { cells: new Map([[1, { dimension: 'Tempestività' }]]), measures: new Map() });
    await expect(approveEdition({ database, now }, office, { ...edition, act: ACT })).rejects.toThrow(/: indicator 3: the card states no dimension/);

    // The storage keeps the label, its key and whether it is additional (row 3's "(*)" stays with the row).
    await saveDraftEdits({ database, now }, office, edition, { cells: new Map([[3, { dimension: 'Trasparenza' }]]), measures: new Map() });
    const [draft] = await listCards({ database }, { statuses: ['draft'] });
    expect(draft?.indicators.map((i) => [i.slug, i.dimension, i.dimensionKey, i.additional])).toEqual([
      ['richieste-dati', 'Tempestività', 'tempestivita', false],
      ['accesso-portale', 'Accessibilità', 'accessibilita', false],
      ['bollettini', 'Trasparenza', 'trasparenza', true],
    ]);
    const approved = await approveEdition({ database, now }, office, { ...edition, act: ACT });
    expect(approved.status).toBe('approved');
  });

  it('is refused for misura import --publish too: nothing is stored', async () => {
    const database = await ctx.openFresh();
    const card = cardWithoutDimensions();
    const publishing = importCards({ database, now }, [{ organisation: null, card, doubts: [] }], { actor: office, publish: { act: ACT } });
    await expect(publishing).rejects.toThrow(/indicators 1, 3: the card states no dimension/);
    expect(await listEditions({ database })).toEqual([]);
  });
});
