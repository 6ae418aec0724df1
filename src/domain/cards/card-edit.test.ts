import { describe, expect, it } from 'vitest';
import { newCard, newIndicator, newTarget } from '../../../test/factories.ts';
import { applyCardEdits, cardNotesText, editCardNotes } from './card-edit.ts';
import { UNSTATED_DIMENSION } from './dimension.ts';

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

describe('a person choosing the dimension of a row', () => {
  const unstated = { dimension: UNSTATED_DIMENSION.label, dimensionKey: UNSTATED_DIMENSION.key, additional: false };
  const card = newCard({
    indicators: [
      newIndicator({ position: 1, ...unstated }),
      // Additional with a core dimension: only the card's "(*)" mark makes it so.
      newIndicator({ position: 2, ...unstated, additional: true }),
      newIndicator({ position: 3, dimension: 'Continuità', dimensionKey: 'continuita', additional: true }),
    ],
  }).card;

  it('reads the label as the importer reads the dimension column, and keeps the slug', () => {
    const edited = applyCardEdits(card, new Map([[1, { dimension: ' accessibilità multicanale ' }], [3, { dimension: 'Sicurezza (*)' }]]));
    expect(edited.indicators[0]).toMatchObject({ slug: card.indicators[0]?.slug, dimension: 'accessibilità multicanale', dimensionKey: 'accessibilita', additional: false });
    expect(edited.indicators[2]).toMatchObject({ dimension: 'Sicurezza', dimensionKey: 'sicurezza', additional: true });
  });

  it('keeps the card\'s "(*)" mark on the row, and an additional dimension additional by its name only while it keeps it', () => {
    const edited = applyCardEdits(card, new Map([[2, { dimension: 'Tempestività' }], [3, { dimension: 'Efficacia' }]]));
    expect(edited.indicators[1]).toMatchObject({ dimensionKey: 'tempestivita', additional: true });
    expect(edited.indicators[2]).toMatchObject({ dimensionKey: 'efficacia', additional: false });
    expect(applyCardEdits(card, new Map([[1, { dimension: 'Equità' }]])).indicators[0]).toMatchObject({ dimensionKey: 'equita', additional: true });
  });

  it('gives a blank cell, or the unstated label typed back, the dimension the document did not state', () => {
    const stated = newCard().card;
    const edited = applyCardEdits(stated, new Map([[1, { dimension: '  ' }], [2, { dimension: 'Dimensione non indicata' }], [3, { dimension: 'Non indicata' }]]));
    expect(edited.indicators.map((i) => [i.dimension, i.dimensionKey, i.additional])).toEqual(Array.from({ length: 3 }, () => [UNSTATED_DIMENSION.label, 'non-indicata', false]));
    expect(applyCardEdits(card, new Map([[1, { dimension: '' }]]))).toEqual(card);
  });

  it('reads an inferred target again against the new dimension, and leaves an override alone', () => {
    const stale = newTarget({ comparator: '<=', comparatorReason: 'stale', comparatorSource: 'inferred' });
    const overridden = newTarget({ comparator: '<=', comparatorReason: 'the office says so', comparatorSource: 'override' });
    const rows = newCard({ indicators: [newIndicator({ position: 1, ...unstated, target: stale }), newIndicator({ position: 2, ...unstated, target: overridden })] }).card;
    const edited = applyCardEdits(rows, new Map([[1, { dimension: 'Accessibilità' }], [2, { dimension: 'Accessibilità' }]]));
    expect(edited.indicators[0]?.target).toMatchObject({ text: '95%', comparator: '>=', comparatorSource: 'inferred' });
    expect(edited.indicators[1]?.target).toEqual(overridden);
    // The same dimension written again changes nothing, target included, even a label the reader would clean now.
    expect(applyCardEdits(rows, new Map([[1, { dimension: UNSTATED_DIMENSION.label }]]))).toEqual(rows);
    const colon = newCard({ indicators: [newIndicator({ position: 1, dimension: 'Efficacia:', target: stale })] }).card;
    expect(applyCardEdits(colon, new Map([[1, { dimension: 'Efficacia: ' }]]))).toEqual(colon);
  });
});

describe('a person rewriting the notes of a card', () => {
  const card = newCard().card;

  it('gives the notes back unchanged when their text is not touched', () => {
    expect(editCardNotes(card, cardNotesText(card))).toEqual(card);
  });

  it('reads a paragraph per blank line, joins the lines of one paragraph, and reads the "(&)" rule again from its footnote', () => {
    const edited = editCardNotes(card, '(*) Dimensione ulteriore.\r\n\r\n(&) Mai peggiore\r\n  dell\'anno prima.\n\n\nNota finale.');
    expect(edited.notes).toEqual(['(*) Dimensione ulteriore.', "(&) Mai peggiore dell'anno prima.", 'Nota finale.']);
    expect(edited.ruleText).toBe("Mai peggiore dell'anno prima.");
  });

  it('has no rule once the "(&)" footnote is gone, and keeps a row\'s own note, a blank one becoming none', () => {
    expect(editCardNotes(card, 'Solo una nota.').ruleText).toBeNull();
    const edited = applyCardEdits(card, new Map([[1, { notes: ' vedi allegato ' }], [2, { notes: '' }]]));
    expect(edited.indicators.map((i) => i.notes)).toEqual(['vedi allegato', null, card.indicators[2]?.notes]);
  });
});
