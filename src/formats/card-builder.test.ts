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
