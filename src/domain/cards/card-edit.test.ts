import { describe, expect, it } from 'vitest';
import { newCard, newIndicator, newTarget } from '../../../test/factories.ts';
import { applyCardEdits } from './card-edit.ts';

describe('a person correcting cells of a card', () => {
  const card = newCard({ indicators: [newIndicator({ position: 1, target: newTarget({ text: 'masimo 5 giorni', comparator: null, value: null, unit: null, measurable: false }) }), newIndicator({ position: 2 })] }).card;

  it('reads a corrected valore programmato again, as the importer would', () => {
    const edited = applyCardEdits(card, new Map([[1, { target: 'massimo 5 giorni' }]]));
    expect(edited.indicators[0]?.target).toMatchObject({ text: 'massimo 5 giorni', comparator: '<=', value: 5, unit: 'days', measurable: true });
    expect(edited.indicators[1]).toEqual(card.indicators[1]);
  });

  it('keeps the slug when the sub-dimension is fixed, and a blank cell becomes a missing value', () => {
    const edited = applyCardEdits(card, new Map([[2, { subdimension: 'Multi-canale', formula: '  ' }]]), 2027);
    expect(edited.indicators[1]).toMatchObject({ slug: card.indicators[1]?.slug, subdimension: 'Multi-canale', formula: null });
    expect(edited.year).toBe(2027);
  });
});
