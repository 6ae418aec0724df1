import { describe, expect, it } from 'vitest';
import { buildCards } from './card-builder.ts';
import { singlePartDocument, type DocumentRow } from './card-document.ts';
import { readServiceRows } from './card-service-rows.ts';

const rowsOf = (lines: string[]): DocumentRow[] => lines.map((text, index) => ({ cells: [{ text }], place: { line: index + 1 }, table: null }));
const cellsOf = (rows: readonly DocumentRow[]) => rows.map((row) => row.cells.map((cell) => cell.text));

const HEADER = ['SERVIZIO EROGATO', '', 'FATTORI DELLA QUALITÀ', '', 'INDICATORI', '', 'STANDARD'];

describe('readServiceRows', () => {
  it('reads rows whose cells run together, a card per service, the standard on its line or on the next one', () => {
    const read = readServiceRows(
      rowsOf([
        'Standard: TRASPORTI',
        ...HEADER,
        'Scuolabus tempestività Tempo di evasione delle domande',
        ' ',
        '<= 28 gg',
        '  controlli e monitoraggi numero di ispezioni >= 60 controlli',
        'Uscite didattiche tempestività tempo di risposta <=10 gg',
        '',
        'Aggiornamento a cura del Servizio Qualità, luglio 2021',
      ]),
      'standard.txt',
    );
    expect(read).toHaveLength(2);
    expect(cellsOf(read![0]!.rows)).toEqual([
      ['Standard: TRASPORTI'],
      ['Denominazione del servizio', 'Scuolabus'],
      ['FATTORI DELLA QUALITÀ', 'INDICATORI', 'STANDARD'],
      ['tempestività', 'Tempo di evasione delle domande', '<= 28 gg'],
      ['controlli e monitoraggi', 'numero di ispezioni', '>= 60 controlli'],
    ]);
    expect(cellsOf(read![1]!.rows).slice(1)).toEqual([
      ['Denominazione del servizio', 'Uscite didattiche'],
      ['FATTORI DELLA QUALITÀ', 'INDICATORI', 'STANDARD'],
      ['tempestività', 'tempo di risposta', '<=10 gg'],
      ['Aggiornamento a cura del Servizio Qualità, luglio 2021'],
    ]);
    expect(read![0]!.doubts).toContainEqual(expect.objectContaining({ code: 'doubtful-cell', severity: 'warning' }));
  });

  it('gives the builder two cards with the factor as the dimension', () => {
    const document = singlePartDocument('standard.txt', 'text', rowsOf([...HEADER, 'Scuolabus tempestività Tempo di evasione <= 28 gg', 'Uscite didattiche tempestività tempo di risposta <=10 gg']));
    const { cards } = buildCards(document, { file: 'standard.txt' });
    expect(cards.map((c) => [c.card.service.name, c.card.indicators.map((i) => [i.dimension, i.description, i.target.text])])).toEqual([
      ['Scuolabus', [['tempestività', 'Tempo di evasione', '<= 28 gg']]],
      ['Uscite didattiche', [['tempestività', 'tempo di risposta', '<=10 gg']]],
    ]);
  });

  it('reads nothing when the header is not there or no row ends with a compared standard', () => {
    expect(readServiceRows(rowsOf(['Indicatore', 'Valore garantito', 'Tempo di rilascio 30 giorni']), 'x.txt')).toBeNull();
    expect(readServiceRows(rowsOf([...HEADER, 'Scuolabus tempestività Tempo di evasione entro 28 giorni']), 'x.txt')).toBeNull();
  });
});
