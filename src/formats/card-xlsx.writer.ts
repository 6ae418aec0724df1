import type ExcelJS from 'exceljs';
import { closingLines, plainCell, type CardLayout } from './card-layout.ts';

/** A card as an Excel workbook (exceljs, loaded when a workbook is made); `sheets` adds more cards, one a sheet. */
export async function writeCardXlsx(layout: CardLayout, sheets: { name: string; layout: CardLayout }[] = []): Promise<Uint8Array> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'misura';
  for (const { name, layout: sheetLayout } of [{ name: 'Carta dei servizi', layout }, ...sheets]) addSheet(workbook, name, sheetLayout);
  // The act and the stamp on a sheet of their own: under the table, a reader would take them for the last note.
  const closing = closingLines(layout);
  if (closing.length > 0) {
    const sheet = workbook.addWorksheet('Atto e impronta');
    for (const line of closing) sheet.addRow([line]);
    sheet.getColumn(1).width = 120;
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function addSheet(workbook: ExcelJS.Workbook, name: string, layout: CardLayout): void {
  const sheet = workbook.addWorksheet(name);
  for (const title of layout.titles) sheet.addRow([title]).font = { bold: true };
  sheet.addRow([]);
  for (const field of layout.fields) {
    const row = sheet.addRow([field.label]);
    row.getCell(1).font = { bold: true };
    const [line] = field.value;
    const [span] = line ?? [];
    // A cell holds one link: a field that is just a link is written as a link cell.
    if (field.value.length === 1 && line?.length === 1 && span && 'href' in span) row.getCell(2).value = { text: span.text, hyperlink: span.href };
    else row.getCell(2).value = plainCell(field.value);
    row.getCell(2).alignment = { wrapText: true };
  }
  sheet.addRow([]);
  const header = sheet.addRow(layout.columns);
  header.font = { bold: true };
  // Printed, the header row repeats on each page.
  sheet.pageSetup.printTitlesRow = `${header.number}:${header.number}`;
  sheet.pageSetup.orientation = 'landscape';
  for (const cells of layout.rows) sheet.addRow(cells.map((cell) => (cell.rowSpan === 0 ? null : cell.text)));
  const first = sheet.rowCount - layout.rows.length + 1;
  layout.rows.forEach((cells, r) => {
    cells.forEach((cell, c) => {
      if (cell.rowSpan > 1) sheet.mergeCells(first + r, c + 1, first + r + cell.rowSpan - 1, c + 1);
    });
  });
  for (let r = first; r < first + layout.rows.length; r++) sheet.getRow(r).alignment = { wrapText: true, vertical: 'top' };
  [18, 22, 40, 40, 18, 30].slice(0, layout.columns.length).forEach((width, c) => (sheet.getColumn(c + 1).width = width));
  sheet.addRow([]);
  for (const note of layout.notes) sheet.addRow([note]);
  // Printed, each page says when the document was made.
  if (layout.stamp !== undefined) sheet.headerFooter.oddFooter = `&LGenerato il ${layout.stamp.generatedAt} — SHA-256 ${layout.stamp.sha256.slice(0, 16)}…&RPagina &P di &N`;
}
