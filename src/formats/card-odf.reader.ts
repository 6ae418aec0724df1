import type { Element } from '@xmldom/xmldom';
import { CardReadError } from '../domain/cards/card-read-error.ts';
import { escapeCellText, linkMarkup, type CardDocument, type DocumentCell, type DocumentPart, type DocumentRow, type ReaderNote } from './card-document.ts';
import { attribute, elements, parseXml, textOf } from './card-xml.ts';
import { entryText, readZip } from './card-zip.ts';

// ODT and ODS (OpenDocument) keep their text in content.xml: paragraphs text:p/text:h, lists, and tables
// table:table of table:table-row of table:table-cell, with spans (number-rows/columns-spanned) whose covered
// places are table:covered-table-cell, and repeats (number-rows/columns-repeated) that spreadsheets use for blanks.

/** Repeated empty rows or columns beyond this are the sheet's unused area, not cells. */
const MAX_REPEAT = 256;
const MAX_ROWS = 200_000;

/** Reads an ODT (one card) or an ODS (a card per sheet). */
export function readOdf(bytes: Uint8Array, file: string, format: 'odt' | 'ods'): CardDocument {
  const zip = readZip(bytes, (name) => name === 'content.xml' || name === 'META-INF/manifest.xml');
  const manifest = entryText(zip, 'META-INF/manifest.xml');
  if (manifest !== null && manifest.includes('encryption-data')) {
    throw new CardReadError('password-protected', `the ${format === 'ods' ? 'spreadsheet' : 'document'} is protected by a password: save a copy without the password and import that`, { file });
  }
  const xml = entryText(zip, 'content.xml');
  const parsed = xml === null ? null : parseXml(xml);
  if (parsed === null) throw new CardReadError('unreadable-file', `not a readable ${format.toUpperCase()} file: its text (content.xml) is missing or damaged`, { file });
  const truncated = zip.truncated || parsed.truncated;
  const notes: ReaderNote[] = truncated ? [{ code: 'truncated-file', severity: 'warning', message: `the ${format.toUpperCase()} file is cut short: what is whole is read, the rest is lost` }] : [];
  const body = findFirst(parsed.document.documentElement, format === 'ods' ? 'office:spreadsheet' : 'office:text');
  const reader = new OdfReader();
  if (format === 'odt') {
    if (body) reader.readBlocks(body);
    for (const note of reader.notes) reader.paragraph(note);
    return { file, format, parts: [{ name: null, rows: reader.rows }], truncated, notes };
  }
  const parts: DocumentPart[] = [];
  for (const table of body ? elements(body).filter((e) => e.tagName === 'table:table') : []) {
    const sheet = attribute(table, 'table:name') ?? `Sheet ${parts.length + 1}`;
    const sheetReader = new OdfReader(sheet);
    sheetReader.readTable(table);
    parts.push({ name: sheet, rows: sheetReader.rows });
  }
  return { file, format, parts, truncated, notes };
}

class OdfReader {
  rows: DocumentRow[] = [];
  /** Footnotes (text:note), numbered as cited, read after the body. */
  notes: string[] = [];
  private tables = 0;

  constructor(private readonly sheet: string | null = null) {}

  paragraph(text: string): void {
    this.rows.push({ cells: [{ text }], place: { line: this.rows.length + 1 }, table: null });
  }

  readBlocks(parent: Element, bullet = false): void {
    for (const child of elements(parent)) {
      switch (child.tagName) {
        case 'text:p':
        case 'text:h': {
          const text = this.paragraphText(child);
          this.paragraph(bullet && text.trim() !== '' ? `• ${text}` : text);
          break;
        }
        case 'text:list':
        case 'text:list-item':
        case 'text:list-header':
          this.readBlocks(child, true);
          break;
        case 'text:section':
        case 'text:index-body':
        case 'table:table-header-rows':
          this.readBlocks(child, bullet);
          break;
        case 'table:table':
          this.readTable(child);
          break;
        default:
          break;
      }
    }
  }

  readTable(table: Element): void {
    const id = ++this.tables;
    // Cells spanning rows: by column, the text and how many rows they still cover.
    const spans = new Map<number, { text: string; left: number }>();
    let rowNumber = 0;
    const rows = tableRows(table);
    // Trailing repeated blank rows are the sheet's unused area.
    for (const { row, repeat } of rows) {
      const cells = this.rowCells(row, spans);
      const blank = cells.every((cell) => cell.text.trim() === '' && !cell.flags);
      const times = blank ? Math.min(repeat, 1) : Math.min(repeat, MAX_REPEAT);
      for (let n = 0; n < times && this.rows.length < MAX_ROWS; n++) {
        rowNumber += 1;
        this.rows.push({
          cells: n === 0 ? cells : cells.map((c) => ({ ...c })),
          place: { line: this.sheet === null ? this.rows.length + 1 : rowNumber, row: rowNumber, ...(this.sheet !== null ? { sheet: this.sheet } : {}) },
          table: id,
        });
      }
      rowNumber += repeat - times;
    }
  }

  private rowCells(row: Element, spans: Map<number, { text: string; left: number }>): DocumentCell[] {
    const cells: DocumentCell[] = [];
    for (const cell of elements(row)) {
      if (cell.tagName !== 'table:table-cell' && cell.tagName !== 'table:covered-table-cell') continue;
      const repeat = Math.max(1, Number(attribute(cell, 'table:number-columns-repeated') ?? 1) || 1);
      const text = cell.tagName === 'table:table-cell' ? this.cellText(cell) : '';
      const times = text === '' ? Math.min(repeat, MAX_REPEAT) : Math.min(repeat, 64);
      for (let n = 0; n < times; n++) {
        const column = cells.length;
        const span = spans.get(column);
        if (cell.tagName === 'table:covered-table-cell') {
          cells.push(span && span.left > 0 ? { text: '', flags: ['merged-above'], mergedText: span.text } : { text: '', flags: ['merged-left'] });
        } else {
          cells.push({ text });
          const rowsSpanned = Number(attribute(cell, 'table:number-rows-spanned') ?? 1) || 1;
          if (rowsSpanned > 1) {
            const columnsSpanned = Math.max(1, Number(attribute(cell, 'table:number-columns-spanned') ?? 1) || 1);
            for (let c = 0; c < Math.min(columnsSpanned, 64); c++) spans.set(column + c, { text: c === 0 ? text : '', left: rowsSpanned });
          }
        }
      }
    }
    // A span covers the rows after the one that starts it.
    for (const [column, span] of spans) {
      span.left -= 1;
      if (span.left <= 0) spans.delete(column);
    }
    // A sheet pads its rows with blank cells up to its last column; a text table keeps its width.
    if (this.sheet !== null) while (cells.length > 0 && cells[cells.length - 1]?.text === '' && !cells[cells.length - 1]?.flags) cells.pop();
    return cells;
  }

  private cellText(cell: Element): string {
    const lines: string[] = [];
    const walk = (parent: Element, bullet: boolean) => {
      for (const child of elements(parent)) {
        if (child.tagName === 'text:p' || child.tagName === 'text:h') {
          const text = this.paragraphText(child);
          lines.push(bullet && text.trim() !== '' ? `• ${text}` : text);
        } else if (child.tagName === 'text:list' || child.tagName === 'text:list-item') walk(child, true);
        else if (child.tagName === 'table:table') for (const { row } of tableRows(child)) lines.push(elements(row).map((c) => this.cellText(c)).join(' '));
        else if (child.tagName === 'text:section') walk(child, bullet);
      }
    };
    walk(cell, false);
    return lines.filter((line) => line.trim() !== '').join('\n');
  }

  private paragraphText(p: Element): string {
    let out = '';
    for (let node = p.firstChild; node !== null; node = node.nextSibling) {
      if (node.nodeType === 3) {
        out += escapeCellText((node.nodeValue ?? '').replace(/\s+/g, ' '));
        continue;
      }
      if (node.nodeType !== 1) continue;
      const child = node as Element;
      switch (child.tagName) {
        case 'text:s':
          out += ' '.repeat(Math.min(64, Math.max(1, Number(attribute(child, 'text:c') ?? 1) || 1)));
          break;
        case 'text:tab':
          out += ' ';
          break;
        case 'text:line-break':
          out += '\n';
          break;
        case 'text:a': {
          const href = attribute(child, 'xlink:href');
          const text = this.paragraphText(child);
          out += href === null ? text : linkMarkup(href, text);
          break;
        }
        case 'text:note': {
          const body = elements(child).find((e) => e.tagName === 'text:note-body');
          const text = body ? elements(body).map((e) => this.paragraphText(e).trim()).filter((t) => t !== '').join(' ') : '';
          if (text !== '') this.notes.push(`(${this.notes.length + 1}) ${text}`);
          break;
        }
        case 'office:annotation':
        case 'text:bookmark':
        case 'text:bookmark-start':
        case 'text:bookmark-end':
        case 'text:soft-page-break':
          break;
        default:
          out += this.paragraphText(child);
      }
    }
    return out;
  }
}

/** The rows of a table, header rows and row groups included, each with how many times it repeats. */
function tableRows(table: Element): { row: Element; repeat: number }[] {
  const out: { row: Element; repeat: number }[] = [];
  const walk = (parent: Element) => {
    for (const child of elements(parent)) {
      if (child.tagName === 'table:table-row') out.push({ row: child, repeat: Math.max(1, Number(attribute(child, 'table:number-rows-repeated') ?? 1) || 1) });
      else if (child.tagName === 'table:table-header-rows' || child.tagName === 'table:table-rows' || child.tagName === 'table:table-row-group') walk(child);
    }
  };
  walk(table);
  // Trailing blank repeats are dropped (a sheet says "1 048 000 more empty rows" at its end).
  while (out.length > 0) {
    const last = out[out.length - 1];
    if (!last || textOf(last.row).trim() !== '') break;
    out.pop();
  }
  return out;
}

function findFirst(root: Element | null, tag: string): Element | null {
  if (root === null) return null;
  for (const child of elements(root)) {
    if (child.tagName === tag) return child;
    const inner = findFirst(child, tag);
    if (inner) return inner;
  }
  return null;
}
