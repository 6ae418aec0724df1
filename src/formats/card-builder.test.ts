import { describe, expect, it } from 'vitest';
import { buildCards } from './card-builder.ts';
import { rowOf, type CardDocument, type DocumentRow } from './card-document.ts';

const HEADER = ['Dimensioni', 'Sottodimensioni', 'Descrizione indicatore', 'Formula indicatore', 'Valore programmato'];

function pdfDocument(rows: DocumentRow[]): CardDocument {
  return { file: 'carta.pdf', format: 'pdf', parts: [{ name: null, rows }], truncated: false, notes: [] };
}

describe('buildCards on a table cut by a page break', () => {
  const rows = [
    rowOf(['Denominazione del servizio', 'Sportello'], { line: 1, page: 1 }),
    rowOf(HEADER, { line: 2, page: 1, row: 1 }, 1),
    rowOf(['Accessibilità', 'Multicanale', 'Accesso tramite applicazione limitatamente alla', 'Giornate di accessibilità/giorni', '95%'], { line: 3, page: 1, row: 2 }, 1),
    { ...rowOf(HEADER, { line: 4, page: 2, row: 3 }, 1), repeatedHeader: true },
    rowOf(['', '', 'procedura di dimissioni', '', ''], { line: 5, page: 2, row: 4 }, 1),
    rowOf(['Tempestività', '', 'Rilascio', 'Giorni tra richiesta e rilascio', '5 giorni'], { line: 6, page: 2, row: 5 }, 1),
  ];

  it('joins the rest of a row that follows the repeated header, with no dimension nor target, to the row above, as a doubt', () => {
    const { cards } = buildCards(pdfDocument(rows), { file: 'carta.pdf', year: 2024 });
    const indicators = cards[0]!.card.indicators;
    expect(indicators.map((i) => i.description)).toEqual(['Accesso tramite applicazione limitatamente alla procedura di dimissioni', 'Rilascio']);
    expect(cards[0]!.doubts).toContainEqual(expect.objectContaining({ code: 'doubtful-row', severity: 'info', line: 5, page: 2, message: expect.stringContaining('cut by a page break') }));
  });

  it('keeps a row after the repeated header that has its own valore programmato as a row of its own', () => {
    const own = rows.map((row) => (row.place.line === 5 ? rowOf(['', '', 'Accesso da app', 'Giornate/giorni', '90%'], row.place, 1) : row));
    const { cards } = buildCards(pdfDocument(own), { file: 'carta.pdf', year: 2024 });
    expect(cards[0]!.card.indicators.map((i) => i.description)).toEqual(['Accesso tramite applicazione limitatamente alla', 'Accesso da app', 'Rilascio']);
  });
});

function markdownDocument(rows: DocumentRow[], truncated = false): CardDocument {
  return { file: 'carta.md', format: 'markdown', parts: [{ name: null, rows }], truncated, notes: [] };
}

describe('buildCards on a table with a value column per year', () => {
  const rows = [
    rowOf(['Denominazione del servizio'], { line: 1 }),
    rowOf(['Sportello studenti'], { line: 2 }),
    rowOf(['Dimensioni', 'Indicatori', '2022 value', '2023 value'], { line: 3, row: 1 }, 1),
    rowOf(['Accessibilità', 'Ore di apertura settimanali', '15', '16'], { line: 4, row: 2 }, 1),
    rowOf(['Tempestività', 'Tempo medio di risposta', '4 giorni', '3 giorni'], { line: 5, row: 3 }, 1),
  ];

  it('makes one card per year, each with its year\'s column as the valore programmato', () => {
    const { cards } = buildCards(markdownDocument(rows), { file: 'carta.md' });
    expect(cards.map((c) => c.card.year)).toEqual([2022, 2023]);
    expect(cards.map((c) => c.card.indicators.map((i) => i.target.text))).toEqual([
      ['15', '4 giorni'],
      ['16', '3 giorni'],
    ]);
    expect(cards.every((c) => c.card.service.name === 'Sportello studenti')).toBe(true);
  });

  it('says on each year\'s card, as a doubt on the header, that the columns may be past results rather than promises', () => {
    const { cards } = buildCards(markdownDocument(rows), { file: 'carta.md' });
    for (const { doubts } of cards) {
      expect(doubts).toContainEqual(expect.objectContaining({ code: 'doubtful-column', line: 3, field: 'target', message: expect.stringMatching(/"2022 value", "2023 value" each name a year and none says "valore programmato".*results achieved/) }));
    }
  });

  it('makes one card of the year a "Valore programmato 2021" column names, the past years\' values left out', () => {
    const past = rows.map((row) => (row.place.line === 3 ? rowOf(['Dimensioni', 'Indicatori', 'Valore 2020', 'Valore programmato 2021'], row.place, 1) : row));
    const { cards } = buildCards(markdownDocument(past), { file: 'carta.md', year: 2019 });
    expect(cards.map((c) => c.card.year)).toEqual([2021]);
    expect(cards[0]!.card.indicators.map((i) => i.target.text)).toEqual(['16', '3 giorni']);
    expect(cards[0]!.doubts.map((d) => d.message).join('\n')).not.toMatch(/none says "valore programmato"/);
  });
});

describe('buildCards on rows that lost their dimension cell under a dimension written on a row of its own', () => {
  const rows = [
    rowOf(['Denominazione del servizio'], { line: 1 }),
    rowOf(['Prestito locale'], { line: 2 }),
    rowOf(['Dimensioni', 'Indicatori', 'Valore 2020', 'Valore programmato 2021'], { line: 3, row: 1 }, 1),
    rowOf(['Accessibilità', '', '', ''], { line: 4, row: 2 }, 1),
    rowOf(['Ore settimanali di apertura', '55', '55', ''], { line: 5, row: 3 }, 1),
    rowOf(['Tempestività', '', '', ''], { line: 6, row: 4 }, 1),
    rowOf(['Tempo medio di erogazione', '2 giorni', '1 giorno'], { line: 7, row: 5 }, 1),
  ];

  it('moves the indicator rows one column to the right, under the dimension of the row above them, with a doubt', () => {
    const { cards } = buildCards(markdownDocument(rows), { file: 'carta.md' });
    const indicators = cards[0]!.card.indicators;
    expect(indicators.map((i) => [i.dimension, i.description, i.target.text])).toEqual([
      ['Accessibilità', 'Ore settimanali di apertura', '55'],
      ['Tempestività', 'Tempo medio di erogazione', '1 giorno'],
    ]);
    expect(cards[0]!.doubts).toContainEqual(expect.objectContaining({ code: 'doubtful-row', message: expect.stringContaining('one column to the right') }));
  });

  it('leaves a table alone when one of its rows fills the last column', () => {
    const full = rows.map((row) => (row.place.line === 5 ? rowOf(['Ore settimanali di apertura', '55', '55', '55'], row.place, 1) : row));
    const { cards } = buildCards(markdownDocument(full), { file: 'carta.md' });
    expect(cards[0]!.card.indicators.map((i) => i.dimension)).toEqual(['Ore settimanali di apertura', 'Tempo medio di erogazione']);
  });
});
