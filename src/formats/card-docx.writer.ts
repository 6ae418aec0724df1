import { closingLines, type CardLayout, type LayoutCell, type Span } from './card-layout.ts';

/** A card as a Word document (the docx package, loaded when a document is made). */
export async function writeCardDocx(layout: CardLayout): Promise<Uint8Array> {
  const { AlignmentType, Document, ExternalHyperlink, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } = await import('docx');
  const paragraphOf = (spans: Span[]) =>
    new Paragraph({ children: spans.map((span) => ('href' in span ? new ExternalHyperlink({ link: span.href, children: [new TextRun({ text: span.text, style: 'Hyperlink' })] }) : new TextRun(span.text))) });
  const cellOf = (lines: LayoutCell, extra: { rowSpan?: number; bold?: boolean } = {}) =>
    new TableCell({
      children: lines.length === 0 ? [new Paragraph('')] : lines.map((spans) => (extra.bold ? new Paragraph({ children: spans.map((s) => new TextRun({ text: s.text, bold: true })) }) : paragraphOf(spans))),
      ...(extra.rowSpan !== undefined && extra.rowSpan > 1 ? { rowSpan: extra.rowSpan } : {}),
    });
  const fields = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: layout.fields.map((field) => new TableRow({ children: [cellOf([[{ text: field.label }]], { bold: true }), cellOf(field.value)] })),
  });
  const indicators = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      // tableHeader: Word repeats the header row on each page.
      new TableRow({ tableHeader: true, children: layout.columns.map((label) => cellOf([[{ text: label }]], { bold: true })) }),
      // The docx package writes the continuation of a rowSpan itself: covered cells are left out.
      ...layout.rows.map((row) => new TableRow({ children: row.filter((cell) => cell.rowSpan !== 0).map((cell) => cellOf([[{ text: cell.text }]], { rowSpan: cell.rowSpan })) })),
    ],
  });
  const closing = closingLines(layout);
  const document = new Document({
    creator: 'misura',
    title: layout.titles.join(' — '),
    sections: [
      {
        children: [
          ...layout.titles.map((title) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: title, bold: true })] })),
          new Paragraph(''),
          fields,
          new Paragraph(''),
          indicators,
          new Paragraph(''),
          ...layout.notes.map((note) => new Paragraph(note)),
          ...(closing.length === 0 ? [] : [new Paragraph(''), ...closing.map((line) => new Paragraph({ children: [new TextRun({ text: line, size: 16 })] }))]),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
