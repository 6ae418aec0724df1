import { describe, expect, it } from 'vitest';
import { CIVIT_DIMENSIONS, classifyDimension, ENGLISH_DIMENSION_NAMES, findDimension, isDimensionUnstated, UNSTATED_DIMENSION } from './dimension.ts';

describe('classifyDimension', () => {
  it.each<[string, { label: string; key: string; additional: boolean; marked: boolean }]>([
    ['Accessibilità', { label: 'Accessibilità', key: 'accessibilita', additional: false, marked: false }],
    ['<b>Accessibilità</b>', { label: 'Accessibilità', key: 'accessibilita', additional: false, marked: false }],
    ['**Tempestività**', { label: 'Tempestività', key: 'tempestivita', additional: false, marked: false }],
    ['  Trasparenza  ', { label: 'Trasparenza', key: 'trasparenza', additional: false, marked: false }],
    ['EFFICACIA', { label: 'EFFICACIA', key: 'efficacia', additional: false, marked: false }],
    ["Accessibilita'", { label: "Accessibilita'", key: 'accessibilita', additional: false, marked: false }],
    ['Accessibilità multicanale', { label: 'Accessibilità multicanale', key: 'accessibilita', additional: false, marked: false }],
    // The Comune di Bolzano's "Fattore di qualità" column (test/fixtures/cards/corpus).
    ['Accessibilità al servizio', { label: 'Accessibilità al servizio', key: 'accessibilita', additional: false, marked: false }],
    ["Tutela dell’utente", { label: "Tutela dell’utente", key: 'tutela-dell-utente', additional: true, marked: false }],
    // Its German page (Gemeinde Bozen) names the same columns in German.
    ['Zugänglichkeit des Dienstes', { label: 'Zugänglichkeit des Dienstes', key: 'accessibilita', additional: false, marked: false }],
    ['Schutz der Nutzer/-innen', { label: 'Schutz der Nutzer/-innen', key: 'schutz-der-nutzer-innen', additional: true, marked: false }],
    ['Continuità (*)', { label: 'Continuità', key: 'continuita', additional: true, marked: true }],
    ['<b>Continuità (*)</b>', { label: 'Continuità', key: 'continuita', additional: true, marked: true }],
    ['**Elasticità (\\*)**', { label: 'Elasticità', key: 'elasticita', additional: true, marked: true }],
    ['Efficienza(*)', { label: 'Efficienza', key: 'efficienza', additional: true, marked: true }],
    ['Empatia*', { label: 'Empatia', key: 'empatia', additional: true, marked: true }],
    // Card 002 lists the additional dimensions without the mark: they are still additional.
    ['Continuità', { label: 'Continuità', key: 'continuita', additional: true, marked: false }],
    ['Flessibilità', { label: 'Flessibilità', key: 'flessibilita', additional: true, marked: false }],
    ['Equità', { label: 'Equità', key: 'equita', additional: true, marked: false }],
    ['Accessibilità (*)', { label: 'Accessibilità', key: 'accessibilita', additional: true, marked: true }],
    // A dimension the PA adds of its own: a slug of its label, and additional since it is not one of the four.
    ['Sicurezza (*)', { label: 'Sicurezza', key: 'sicurezza', additional: true, marked: true }],
    ['Accessibilità per persone con disabilità', { label: 'Accessibilità per persone con disabilità', key: 'accessibilita-per-persone-con-disabilita', additional: true, marked: false }],
    ['', { label: '', key: '', additional: false, marked: false }],
  ])('reads %j', (raw, expected) => {
    expect(classifyDimension(raw)).toEqual(expected);
  });

  it.each<[string, { label: string; key: string; additional: boolean; marked: boolean }]>([
    // The dimensions of the Università di Genova's English service charter (test/fixtures/cards).
    ['Accessibility', { label: 'Accessibility', key: 'accessibilita', additional: false, marked: false }],
    ['Timeliness', { label: 'Timeliness', key: 'tempestivita', additional: false, marked: false }],
    ['Transparency', { label: 'Transparency', key: 'trasparenza', additional: false, marked: false }],
    ['Trasparency', { label: 'Trasparency', key: 'trasparenza', additional: false, marked: false }],
    ['Promptness', { label: 'Promptness', key: 'tempestivita', additional: false, marked: false }],
    ['Effectiveness', { label: 'Effectiveness', key: 'efficacia', additional: false, marked: false }],
    ['Accessibility for people with disabilities', { label: 'Accessibility for people with disabilities', key: 'accessibility-for-people-with-disabilities', additional: true, marked: false }],
    ['<b>TIMELINESS</b>', { label: 'TIMELINESS', key: 'tempestivita', additional: false, marked: false }],
    ['Multichannel accessibility', { label: 'Multichannel accessibility', key: 'accessibilita', additional: false, marked: false }],
    ['Efficacy', { label: 'Efficacy', key: 'efficacia', additional: false, marked: false }],
    ['Continuity (*)', { label: 'Continuity', key: 'continuita', additional: true, marked: true }],
    ['Empathy', { label: 'Empathy', key: 'empatia', additional: true, marked: false }],
    ['Fairness', { label: 'Fairness', key: 'equita', additional: true, marked: false }],
  ])('maps the English label %j onto the CIVIT dimension, or keeps it as the card names it', (raw, expected) => {
    expect(classifyDimension(raw)).toEqual(expected);
  });

  it('gives the same answer when called twice (no state kept between calls)', () => {
    expect(classifyDimension('Continuità (*)').marked).toBe(true);
    expect(classifyDimension('Continuità (*)').marked).toBe(true);
  });
});

describe('CIVIT_DIMENSIONS', () => {
  it('holds the four core dimensions of delibera 88/2010 and the six additional ones of delibera 3/2012', () => {
    expect(CIVIT_DIMENSIONS.filter((d) => d.kind === 'core').map((d) => d.key)).toEqual(['accessibilita', 'tempestivita', 'trasparenza', 'efficacia']);
    expect(CIVIT_DIMENSIONS.filter((d) => d.kind === 'additional').map((d) => d.key)).toEqual([
      'continuita',
      'elasticita',
      'flessibilita',
      'equita',
      'efficienza',
      'empatia',
    ]);
  });

  it.each<[string, string[]]>([
    ['accessibilita', ['accessibilita-fisica', 'accessibilita-multicanale']],
    ['trasparenza', ['responsabili', 'procedure-di-contatto', 'tempistiche-di-risposta', 'eventuali-spese-a-carico-dell-utente']],
    ['efficacia', ['conformita', 'affidabilita', 'compiutezza']],
    ['tempestivita', []],
  ])('lists the sub-dimensions of %s', (key, subdimensions) => {
    expect(findDimension(key)?.subdimensions.map((s) => s.key)).toEqual(subdimensions);
  });

  it('has a key equal to the classified key of its own label', () => {
    for (const entry of CIVIT_DIMENSIONS) expect(classifyDimension(entry.label).key).toBe(entry.key);
  });

  it('maps every English name onto a dimension of the catalogue', () => {
    for (const [key, names] of Object.entries(ENGLISH_DIMENSION_NAMES)) {
      expect(findDimension(key)).toBeDefined();
      for (const name of names) expect(classifyDimension(name).key).toBe(key);
    }
  });

  it('finds no entry for a free dimension', () => {
    expect(findDimension('sicurezza')).toBeUndefined();
  });
});

describe('the dimension a document did not state', () => {
  it('has a key of its own that no written label maps to', () => {
    expect(isDimensionUnstated(UNSTATED_DIMENSION.key)).toBe(true);
    expect(isDimensionUnstated(classifyDimension('Accessibilità').key)).toBe(false);
    expect(findDimension(UNSTATED_DIMENSION.key)).toBeUndefined();
  });

  it('is what its own label, or "Non indicata", reads back as', () => {
    expect(classifyDimension(UNSTATED_DIMENSION.label)).toEqual(UNSTATED_DIMENSION);
    expect(classifyDimension('Non indicata').key).toBe(UNSTATED_DIMENSION.key);
    expect(classifyDimension('Non indicata').additional).toBe(false);
  });
});
