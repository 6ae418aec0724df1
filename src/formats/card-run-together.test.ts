import { describe, expect, it } from 'vitest';
import { CardReadError } from '../domain/cards/card-read-error.ts';
import { UNSTATED_DIMENSION } from '../domain/cards/dimension.ts';
import { buildCards } from './card-builder.ts';
import { singlePartDocument, type DocumentRow } from './card-document.ts';
import { readRunTogetherTables } from './card-run-together.ts';

const rowsOf = (lines: string[]): DocumentRow[] => lines.map((text, index) => ({ cells: [{ text }], place: { line: index + 1 }, table: null }));
const read = (lines: string[]) => buildCards(singlePartDocument('standard.txt', 'text', rowsOf(lines)), { file: 'standard.txt' });

/** The header of ARPA FVG's older tables: its first cell on a line of its own, the other two two spaces apart. */
const HEADER = ['Indicatore di interesse per il cliente esterno/interno', '', "Indicatore così definito nei documenti interni del SGQ dell'Agenzia  Standard di qualità "];

describe('readRunTogetherTables', () => {
  it('reads rows whose cells run together, up to the value that ends each, one card per table', () => {
    const { cards } = read([
      'Processo P2.1 Verifica per registrazioni EMAS',
      'Tipo di servizio offerto al cliente: registrazione EMAS',
      ' ',
      ...HEADER,
      '',
      ' Sforamento dei tempi',
      '',
      'Giorni reali/tempo limite (60 gg) x 1/N  < 1',
      ' Pratiche evase nei tempi (Istruttorie nei tempi/istruttorie)x100 75% ',
      " Tempestività nell'apertura Tempo intercorso tra la richiesta e le lettere  10 gg ",
      ' ',
      'Processo P2.2 Istruttoria VIA',
      'Tipo di servizio offerto al cliente: pareri VIA',
      ...HEADER,
      'Presenza di ARPA alle sedute',
      '',
      '(Riunioni presenziate/riunioni totali)x100 80%',
    ]);
    expect(cards.map((c) => [c.card.service.name, c.card.indicators.map((i) => [i.dimension, i.description, i.formula, i.target.text, i.target.comparator, i.target.value, i.target.unit])])).toEqual([
      [
        'registrazione EMAS',
        [
          [UNSTATED_DIMENSION.label, 'Sforamento dei tempi', 'Giorni reali/tempo limite (60 gg) x 1/N', '< 1', '<=', 1, 'count'],
          [UNSTATED_DIMENSION.label, 'Pratiche evase nei tempi', '(Istruttorie nei tempi/istruttorie)x100', '75%', '>=', 75, 'percent'],
          [UNSTATED_DIMENSION.label, "Tempestività nell'apertura", 'Tempo intercorso tra la richiesta e le lettere', '10 gg', '<=', 10, 'days'],
        ],
      ],
      ['pareri VIA', [[UNSTATED_DIMENSION.label, 'Presenza di ARPA alle sedute', '(Riunioni presenziate/riunioni totali)x100', '80%', '>=', 80, 'percent']]],
    ]);
    // Every row says its cells were told apart by sense.
    expect(cards.flatMap((c) => c.doubts).filter((d) => d.code === 'doubtful-cells')).toHaveLength(4);
  });

  it('flags a row the text ends inside, and imports the whole rows above it', () => {
    const { cards } = read([
      'Tipo di servizio offerto al cliente: pareri VIA',
      ...HEADER,
      'Certezza della risposta',
      '(Richieste evase/richieste)x100 100%',
      'Presenza di ARPA alle sedute',
      '(Numero di riunioni della C',
    ]);
    expect(cards.flatMap((c) => c.card.indicators.map((i) => i.description))).toEqual(['Certezza della risposta']);
    expect(cards[0]?.doubts).toContainEqual(expect.objectContaining({ code: 'truncated-row', line: 7 }));
  });

  it('refuses a text cut inside the first row of its first table', () => {
    expect(() => readRunTogetherTables(rowsOf([...HEADER, 'Presenza di ARPA alle sedute', '(Numero di riunioni della C']), 'standard.txt')).toThrow(CardReadError);
  });

  it('leaves alone a text with no such header', () => {
    expect(readRunTogetherTables(rowsOf(['Standard di qualità', 'Tempo di risposta 30 giorni']), 'standard.txt')).toBeNull();
  });
});
