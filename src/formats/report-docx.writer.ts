import { stampLines } from './card-layout.ts';
import type { ReportLayout } from './report-layout.ts';

/** The yearly report as a Word document (landscape, the table header repeated on each page). */
export async function writeReportDocx(layout: ReportLayout): Promise<Uint8Array> {
  const { AlignmentType, Document, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } = await import('docx');
  const cellOf = (text: string, bold = false) => new TableCell({ children: text.split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line, bold, size: 16 })] })) });
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: layout.columns.map((c) => cellOf(c, true)) }), ...layout.rows.map((row) => new TableRow({ children: row.map((c) => cellOf(c)) }))],
  });
  const document = new Document({
    creator: 'misura',
    title: layout.titles.join(' — '),
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        children: [
          ...layout.titles.map((title) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: title, bold: true })] })),
          new Paragraph(''),
          table,
          new Paragraph(''),
          ...layout.notes.map((note) => new Paragraph({ children: [new TextRun({ text: note, size: 16 })] })),
          ...stampLines(layout.stamp).map((line) => new Paragraph({ children: [new TextRun({ text: line, size: 16 })] })),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
