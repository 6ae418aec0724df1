import type { Content, TableCell as PdfCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { closingLines, type CardLayout, type LayoutCell } from './card-layout.ts';
import { renderPdf } from './pdf-render.ts';

/** A card as a landscape A4 PDF: titles, fields, the indicator table (header repeated on each page), notes, act, stamp. */
export async function writeCardPdf(layout: CardLayout, extra: Partial<TDocumentDefinitions> = {}): Promise<Uint8Array> {
  const cellOf = (cell: LayoutCell): PdfCell => ({ stack: cell.map((line) => ({ text: line.map((s) => ('href' in s ? { text: s.text, link: s.href } : { text: s.text })) })) });
  const table = (rows: PdfCell[][], widths: (string | number)[], headerRows: number): Content => ({
    table: { headerRows, dontBreakRows: true, widths, body: rows },
    layout: { paddingTop: () => 3, paddingBottom: () => 3, paddingLeft: () => 4, paddingRight: () => 4 },
    margin: [0, 6, 0, 6],
  });
  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [30, 30, 30, 30],
    defaultStyle: { font: 'Roboto', fontSize: 8 },
    content: [
      ...layout.titles.map((title): Content => ({ text: title, bold: true, alignment: 'center', margin: [0, 0, 0, 6] })),
      table(layout.fields.map((f) => [{ text: f.label, bold: true }, cellOf(f.value)]), ['25%', '*'], 0),
      table(
        [
          layout.columns.map((c): PdfCell => ({ text: c, bold: true })),
          ...layout.rows.map((row) => row.map((cell): PdfCell => (cell.rowSpan === 0 ? '' : cell.rowSpan > 1 ? { text: cell.text, rowSpan: cell.rowSpan } : cell.text))),
        ],
        layout.columns.length === 6 ? ['11%', '15%', '21%', '25%', '12%', '*'] : ['12%', '17%', '24%', '30%', '*'],
        1,
      ),
      ...layout.notes.map((note): Content => ({ text: note, margin: [0, 4, 0, 4] })),
      ...closingLines(layout).map((line): Content => ({ text: line, margin: [0, 4, 0, 0], fontSize: 7 })),
    ],
    // No page footer: the importer would read it as a row of the table running across the page break. The stamp
    // closes the document and is in its metadata.
    ...(layout.stamp === undefined ? {} : { info: { title: layout.titles.join(' — '), creator: 'misura', subject: `SHA-256 ${layout.stamp.sha256}` } }),
    ...extra,
  };
  return renderPdf(definition);
}
