import { describe, expect, it } from 'vitest';
import { newCard, newIndicator, newTarget } from '../../../test/factories.ts';
import { applyCardEdits, cardNotesText, editCardNotes } from './card-edit.ts';

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
