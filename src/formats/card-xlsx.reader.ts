import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { CardReadError } from '../domain/cards/card-read-error.ts';
import { linkMarkup, type CardDocument, type DocumentCell, type DocumentPart, type DocumentRow, type ReaderNote } from './card-document.ts';
import { parseXml, serializeXml } from './card-xml.ts';
import { readZip } from './card-zip.ts';

// A workbook gives a card per sheet. Cells keep what the sheet shows: a percentage formatted "0%" reads "95%",
// a formula its cached result; a merged area is read once, at its top-left cell, and the cells it covers below
// are "merged from above".

const MAX_COLUMNS = 64;
const MAX_ROWS = 200_000;

/** Reads every sheet of an XLSX workbook. */
export async function readXlsx(bytes: Uint8Array, file: string): Promise<CardDocument> {
  const notes: ReaderNote[] = [];
  let truncated = false;
  let workbook: ExcelJS.Workbook;
  try {
    workbook = await loadWorkbook(bytes);
  } catch {
    // A workbook cut short: rebuild the zip from what can be recovered and try once more.
    const recovered = readZip(bytes, () => true);
    if (!recovered.truncated || recovered.files.size === 0) throw new CardReadError('unreadable-file', 'not a readable XLSX workbook (damaged or not an Excel file)', { file });
    truncated = true;
    const repaired: Record<string, Uint8Array> = {};
    for (const [name, data] of recovered.files) {
      if (!name.endsWith('.xml') && !name.endsWith('.rels')) {
        repaired[name] = data;
        continue;
      }
      const parsed = parseXml(new TextDecoder().decode(data));
      if (parsed) repaired[name] = new TextEncoder().encode(serializeXml(parsed.document));
    }
    try {
      workbook = await loadWorkbook(zipSync(repaired));
    } catch {
      throw new CardReadError('unreadable-file', 'not a readable XLSX workbook: the file is cut short before its first sheet', { file });
    }
    notes.push({ code: 'truncated-file', severity: 'warning', message: 'the XLSX file is cut short: what is whole is read, the rest is lost' });
  }
  const parts: DocumentPart[] = [];
  workbook.eachSheet((sheet) => {
    if (sheet.state === 'hidden' || sheet.state === 'veryHidden') {
      notes.push({ code: 'skipped-sheet', severity: 'info', message: `hidden sheet "${sheet.name}" not read`, place: { sheet: sheet.name } });
      return;
    }
    parts.push({ name: sheet.name, rows: readSheet(sheet) });
  });
  return { file, format: 'xlsx', parts, truncated, notes };
}

async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  return workbook;
}

function readSheet(sheet: ExcelJS.Worksheet): DocumentRow[] {
  const rows: DocumentRow[] = [];
  const width = Math.min(sheet.columnCount, MAX_COLUMNS);
  const height = Math.min(sheet.rowCount, MAX_ROWS);
  for (let r = 1; r <= height; r++) {
    const row = sheet.getRow(r);
    const cells: DocumentCell[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      if (cell.isMerged && cell.master !== cell && cell.master.address !== cell.address) {
        const master = cell.master;
        cells.push(Number(master.row) === r ? { text: '', flags: ['merged-left'] } : { text: '', flags: ['merged-above'], mergedText: cellText(master) });
      } else {
        cells.push({ text: cellText(cell) });
      }
    }
    while (cells.length > 0 && cells[cells.length - 1]?.text === '' && !cells[cells.length - 1]?.flags) cells.pop();
    if (cells.length === 0) continue;
    rows.push({ cells, place: { line: r, row: r, sheet: sheet.name }, table: 1 });
  }
  return rows;
}

/** What the sheet shows in a cell, as text. */
function cellText(cell: ExcelJS.Cell): string {
  return valueText(cell.value, cell.numFmt);
}

function valueText(value: ExcelJS.CellValue | undefined, format: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value, format);
  if (typeof value === 'boolean') return value ? 'VERO' : 'FALSO';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : `${pad(value.getUTCDate())}/${pad(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
  if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value && typeof value.hyperlink === 'string') {
    const text = valueText(value.text, format);
    return value.hyperlink === text || text === '' ? value.hyperlink : linkMarkup(value.hyperlink, text);
  }
  if ('formula' in value || 'sharedFormula' in value) return valueText((value as ExcelJS.CellFormulaValue).result, format);
  if ('error' in value) return '';
  return '';
}

/** A number as the sheet shows it: "0%" formats as a percentage; decimals with a comma, as Italian sheets show them. */
function numberText(value: number, format: string | undefined): string {
  if (!Number.isFinite(value)) return '';
  const percent = format !== undefined && format.includes('%');
  const shown = percent ? value * 100 : value;
  const decimals = format !== undefined && /0[.,](0+)/.exec(format)?.[1]?.length;
  const rounded = typeof decimals === 'number' ? shown.toFixed(decimals) : String(Math.round(shown * 1e9) / 1e9);
  return `${rounded.replace('.', ',')}${percent ? '%' : ''}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
