import { describe, expect, it } from 'vitest';
import { CardReadError } from '../domain/cards/card-read-error.ts';
import { UNSTATED_DIMENSION } from '../domain/cards/dimension.ts';
import { buildCards } from './card-builder.ts';
import { readClosedCellTables } from './card-closed-cells.ts';
import { singlePartDocument, type DocumentRow } from './card-document.ts';

const rowsOf = (lines: string[]): DocumentRow[] => lines.map((text, index) => ({ cells: [{ text }], place: { line: index + 1 }, table: null }));
const cardsOf = (lines: string[]) => buildCards(singlePartDocument('standard.txt', 'text', rowsOf(lines)), { file: 'standard.txt' }).cards;

/** The header of ARPA FVG's tables, its cells split over two lines as the page's text gives them. */
const HEADER = ['Indicatore di interesse per il cliente esterno/interno |', "Indicatore così definito nei documenti interni del SGQ dell'Agenzia | Standard di qualità |"];

describe('readClosedCellTables', () => {
  it('reads a table per service, its rows told apart by counting the cells each "|" closes, over one line or several', () => {
    const cards = cardsOf([
      'Tipo di servizio offerto al cliente: registrazione EMAS',
      ...HEADER,
      'Pratiche evase nei tempi | (Istruttorie trasmesse entro 60 giorni/totale istruttorie)x100 | 50% |',
      'Tipo di servizio offerto al cliente: pareri VIA',
      ...HEADER,
      'Partecipazione ai lavori |',
      '(Riunioni presenziate/riunioni totali)x100 | 80% |',
      'Pareri nei tempi | Percentuale di pareri rilasciati',
      'entro i tempi utili | 100%* (-15%) |',
      '*Valore riferito ad un numero massimo di 90 pareri annui',
    ]);
    expect(cards.map((c) => [c.card.service.name, c.card.indicators.map((i) => [i.description, i.formula, i.target.text, i.target.comparator, i.target.value])])).toEqual([
      ['registrazione EMAS', [['Pratiche evase nei tempi', '(Istruttorie trasmesse entro 60 giorni/totale istruttorie)x100', '50%', '>=', 50]]],
      [
        'pareri VIA',
        [
          ['Partecipazione ai lavori', '(Riunioni presenziate/riunioni totali)x100', '80%', '>=', 80],
          ['Pareri nei tempi', 'Percentuale di pareri rilasciati entro i tempi utili', '100%* (-15%)', '>=', 100],
        ],
      ],
    ]);
    // The footnote under the second table stays with its card.
    expect(cards[1]?.card.notes).toEqual(['*Valore riferito ad un numero massimo di 90 pareri annui']);
  });

  it('keeps rows with no dimension column under the dimension not stated, each with a doubt on its line asking for one', () => {
    const [card] = cardsOf(['Tipo di servizio offerto al cliente: pareri', ...HEADER, 'Pareri nei tempi | Pareri entro 30 giorni / pareri | 90% |']);
    expect(card?.card.indicators.map((i) => [i.dimension, i.dimensionKey, i.additional])).toEqual([[UNSTATED_DIMENSION.label, UNSTATED_DIMENSION.key, false]]);
    expect(card?.doubts).toContainEqual(expect.objectContaining({ code: 'doubtful-dimension', file: 'standard.txt', line: 4, field: 'dimension', message: expect.stringContaining('states no dimension') }));
    expect(card?.doubts).toContainEqual(expect.objectContaining({ code: 'doubtful-header', line: 2, message: expect.stringContaining('3 columns') }));
  });

  it('reads the dimension where the table has a column for it', () => {
    const [card] = cardsOf(['Denominazione del servizio: Sportello', 'Dimensione | Indicatore | Standard di qualità |', 'Tempestività | Tempo di risposta | 5 giorni |']);
    expect(card?.card.indicators.map((i) => [i.dimension, i.dimensionKey, i.target.comparator])).toEqual([['Tempestività', 'tempestivita', '<=']]);
    expect(card?.doubts.map((d) => d.code)).not.toContain('doubtful-dimension');
  });

  it('imports what is whole when the text ends inside the first row of a later table, and says so on the card above', () => {
    const cards = cardsOf(['Tipo di servizio offerto al cliente: EMAS', ...HEADER, 'Pratiche | Pratiche entro 60 giorni / pratiche | 50% |', 'Tipo di servizio offerto al cliente: VAS', ...HEADER, 'Numero di risposte ottenute nei t']);
    expect(cards.map((c) => c.card.service.name)).toEqual(['EMAS']);
    expect(cards[0]?.doubts).toContainEqual(expect.objectContaining({ code: 'truncated-row', line: 8 }));
  });

  it('refuses, as cut short, a text that ends inside the first row of its only table', () => {
    const read = () => readClosedCellTables(rowsOf(['Tipo di servizio offerto al cliente: VAS', ...HEADER, 'Numero di risposte | Risposte entro']), 'standard.txt');
    expect(read).toThrow(CardReadError);
    expect(read).toThrow(/cut short inside the first row/);
  });

  it('leaves alone label/value pairs and tables of fewer than a description, a valore programmato and a third card column', () => {
    expect(readClosedCellTables(rowsOf(['Person in charge |', 'Mario Rossi |', 'Office |', 'Rectorate |']), 'x.txt')).toBeNull();
    expect(readClosedCellTables(rowsOf(['Indicatore | Standard di qualità |', 'Tempo di risposta | 5 giorni |']), 'x.txt')).toBeNull();
    expect(readClosedCellTables(rowsOf(['Obiettivo | Indicatore | Peso |', 'Ridurre i tempi | Giorni | 20 |']), 'x.txt')).toBeNull();
  });
});
