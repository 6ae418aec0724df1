import { describe, expect, it } from 'vitest';
import { CardReadError } from '../domain/cards/card-read-error.ts';
import { buildCards } from './card-builder.ts';
import { singlePartDocument, type DocumentRow } from './card-document.ts';
import { readLabelBlocks } from './card-label-blocks.ts';

const rowsOf = (lines: string[]): DocumentRow[] => lines.map((text, index) => ({ cells: [{ text }], place: { line: index + 1 }, table: null }));
const cardsOf = (lines: string[]) => buildCards(singlePartDocument('guida.txt', 'text', rowsOf(lines)), { file: 'guida.txt' }).cards;

/** A service as a label/value block under its title: dimension, indicator, standard, the last closed by a lone "|". */
const service = (title: string, dimension: string, indicator: string, standard: string[]) => [title, 'DIMENSIONE DELLA QUALITÀ |', `${dimension} |`, 'INDICATORE |', `${indicator} |`, 'STANDARD DI QUALITÀ |', ...standard, '|'];

describe('readLabelBlocks', () => {
  it('reads each block of labels under a title line as a card of its own, named by the title without its code', () => {
    const cards = cardsOf([
      ...service('CAMPIONAMENTO (cod. A1-SQ01)', 'Area Prevenzione: Salute', 'Campioni prelevati', ['n. campioni effettuati / programmati', '(> 90 %)']),
      ...service('CERTIFICAZIONI (cod. A2-SQ01)', 'Puntualità', 'Certificati entro 48 ore', ['Rilascio entro 48 ore ( ≥ 90 % )']),
    ]);
    expect(cards.map((c) => [c.card.service.name, c.card.indicators.map((i) => [i.dimension, i.description, i.target.text, i.target.value])])).toEqual([
      ['CAMPIONAMENTO', [['Area Prevenzione: Salute', 'Campioni prelevati', 'n. campioni effettuati / programmati (> 90 %)', 90]]],
      ['CERTIFICAZIONI', [['Puntualità', 'Certificati entro 48 ore', 'Rilascio entro 48 ore ( ≥ 90 % )', 90]]],
    ]);
  });

  it('says, with the file and the title\'s line, that the name was read from the title and its code left out', () => {
    const [, second] = cardsOf([...service('CAMPIONAMENTO (cod. A1-SQ01)', 'Salute', 'Campioni', ['90 %']), ...service('CERTIFICAZIONI (cod. A2-SQ01)', 'Puntualità', 'Certificati', ['90 %'])]);
    expect(second?.doubts).toContainEqual(expect.objectContaining({ code: 'doubtful-cell', file: 'guida.txt', line: 9, field: 'name', message: expect.stringContaining('"CERTIFICAZIONI"') }));
    expect(second?.doubts).toContainEqual(expect.objectContaining({ file: 'guida.txt', line: 9, field: 'name', message: expect.stringContaining('"cod. A2-SQ01"') }));
    expect(second?.doubts).toContainEqual(expect.objectContaining({ code: 'doubtful-cell', severity: 'warning', line: 10, message: expect.stringContaining('written transposed') }));
  });

  it('reads labels that come again under one title as another row of the same card, a row with no dimension under the one above', () => {
    const [card, ...others] = cardsOf([
      'Sportello unico',
      ...['DIMENSIONE |', 'Accessibilità |', 'INDICATORE |', 'Ore di apertura |', 'STANDARD |', '30 ore |'],
      ...['INDICATORE |', 'Giorni di apertura |', 'STANDARD |', '5 giorni |'],
      ...['DIMENSIONE |', 'Tempestività |', 'INDICATORE |', 'Tempo di risposta |', 'STANDARD |', '5 giorni |'],
    ]);
    expect(others).toEqual([]);
    expect(card?.card.indicators.map((i) => [i.dimension, i.description, i.target.text])).toEqual([
      ['Accessibilità', 'Ore di apertura', '30 ore'],
      ['Accessibilità', 'Giorni di apertura', '5 giorni'],
      ['Tempestività', 'Tempo di risposta', '5 giorni'],
    ]);
    expect(card?.doubts).toContainEqual(expect.objectContaining({ code: 'doubtful-line', line: 8, message: expect.stringContaining('"INDICATORE" comes again') }));
    expect(card?.doubts).toContainEqual(expect.objectContaining({ code: 'doubtful-line', line: 12, message: expect.stringContaining('"DIMENSIONE" comes again') }));
  });

  it('keeps the lines above the first title as the card\'s header and those after its block as its notes', () => {
    const [card] = cardsOf(['ANNO 2021', 'Sportello unico', 'DIMENSIONE |', 'Accessibilità |', 'INDICATORE |', 'Ore di apertura |', 'STANDARD |', '30 ore |', '', 'Note: dati del 2020']);
    expect([card?.card.year, card?.card.service.name, card?.card.notes]).toEqual([2021, 'Sportello unico', ['Note: dati del 2020']]);
  });

  it('leaves out a service the text cuts inside its only row, said on the card above, and refuses a text cut inside its first row', () => {
    const lines = [...service('CAMPIONAMENTO', 'Salute', 'Campioni', ['90 %']), 'CERTIFICAZIONI', 'DIMENSIONE DELLA QUALITÀ |', 'Puntualità |', 'INDICATORE |', 'Certificati rilasciati entro'];
    const read = readLabelBlocks(rowsOf(lines), 'guida.txt');
    expect(read).toHaveLength(1);
    expect(read?.[0]?.truncated).toBe(true);
    expect(read?.[0]?.doubts).toContainEqual(expect.objectContaining({ code: 'truncated-row', line: 12 }));
    expect(() => readLabelBlocks(rowsOf(lines.slice(8)), 'guida.txt')).toThrow(CardReadError);
  });

  it('does not read a service\'s label/value header, nor labels that head a Markdown table, as blocks', () => {
    expect(readLabelBlocks(rowsOf(['Person in charge |', '---|', 'Giulia |', 'Description of the activity |', '---|', 'Information service |']), 'page.txt')).toBeNull();
    // Known labels, each with a separator under it: one-column tables, not a card written transposed.
    expect(readLabelBlocks(rowsOf(['Indicatore |', '---|', 'Tempo medio di risposta |', 'Valore garantito |', '---|', '5 giorni |']), 'page.txt')).toBeNull();
    expect(readLabelBlocks(rowsOf(['Quality parameters |', 'Indicators |', 'Valore programmato |', '---|---|---|', 'Accessibility | Weekly opening hours | 15 |']), 'page.txt')).toBeNull();
  });
});
