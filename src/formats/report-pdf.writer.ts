import type { Content, TableCell as PdfCell } from 'pdfmake/interfaces.js';
import { stampLines } from './card-layout.ts';
import { renderPdf } from './pdf-render.ts';
import type { ReportLayout } from './report-layout.ts';

/** The yearly report as a landscape A4 PDF, the table header repeated on each page. */
export function writeReportPdf(layout: ReportLayout): Promise<Uint8Array> {
  return renderPdf({
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [24, 24, 24, 30],
    defaultStyle: { font: 'Roboto', fontSize: 7 },
    info: { title: layout.titles.join(' — '), creator: 'misura', subject: `SHA-256 ${layout.stamp.sha256}` },
    footer: (page, pages) => ({ text: `Generato il ${layout.stamp.generatedAt} — pagina ${page} di ${pages}`, alignment: 'center', fontSize: 6, margin: [0, 10, 0, 0] }),
    content: [
      ...layout.titles.map((title): Content => ({ text: title, bold: true, alignment: 'center', margin: [0, 0, 0, 4] })),
      {
        table: {
          headerRows: 1,
          dontBreakRows: true,
          widths: ['9%', '6%', '8%', '15%', '8%', '7%', '8%', '6%', '6%', '*', '6%', '5%'],
          body: [layout.columns.map((c): PdfCell => ({ text: c, bold: true })), ...layout.rows.map((row) => row.map((c): PdfCell => c))],
        },
        margin: [0, 6, 0, 6],
      },
      ...[...layout.notes, ...stampLines(layout.stamp)].map((line): Content => ({ text: line, margin: [0, 3, 0, 0] })),
    ],
  });
}
