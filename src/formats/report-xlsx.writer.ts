import { stampLines } from './card-layout.ts';
import type { ReportLayout } from './report-layout.ts';

/** The yearly report as a workbook: the titles, a header row, one row per indicator, the notes and the stamp. */
export async function writeReportXlsx(layout: ReportLayout): Promise<Uint8Array> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'misura';
  const sheet = workbook.addWorksheet('Risultati');
  for (const title of layout.titles) sheet.addRow([title]).font = { bold: true };
  sheet.addRow([]);
  const header = sheet.addRow([...layout.columns]);
  header.font = { bold: true };
  sheet.pageSetup.printTitlesRow = `${header.number}:${header.number}`;
  sheet.pageSetup.orientation = 'landscape';
  // The header stays in view while scrolling.
  sheet.views = [{ state: 'frozen', ySplit: header.number }];
  for (const row of layout.rows) sheet.addRow(row).alignment = { wrapText: true, vertical: 'top' };
  [28, 12, 18, 40, 18, 16, 22, 12, 12, 50, 12, 10].forEach((width, c) => (sheet.getColumn(c + 1).width = width));
  sheet.addRow([]);
  for (const line of [...layout.notes, ...stampLines(layout.stamp)]) sheet.addRow([line]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
