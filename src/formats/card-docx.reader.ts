import type { Element } from '@xmldom/xmldom';
import { CardReadError } from '../domain/cards/card-read-error.ts';
import { escapeCellText, linkMarkup, singlePartDocument, type CardDocument, type DocumentCell, type DocumentRow, type ReaderNote } from './card-document.ts';
import { attribute, descendants, elements, firstElement, parseXml, textOf } from './card-xml.ts';
import { entryText, readZip } from './card-zip.ts';

// A DOCX is word/document.xml (paragraphs w:p, tables w:tbl of rows w:tr of cells w:tc) with its links in
// word/_rels/document.xml.rels and its footnotes in word/footnotes.xml.

/** Symbol-font characters Word writes for ≤ and ≥ (w:sym), and their Unicode. */
const SYMBOL_CHARS: Record<string, string> = { A3: '≤', B3: '≥', B1: '±', B4: '×', AE: '→' };

/** Reads a DOCX into rows: a paragraph is a row of one cell, a table row a row of cells. */
export function readDocx(bytes: Uint8Array, file: string): CardDocument {
  const zip = readZip(bytes, (name) => name === 'word/document.xml' || name === 'word/_rels/document.xml.rels' || name === 'word/footnotes.xml' || name === 'word/endnotes.xml');
  const xml = entryText(zip, 'word/document.xml');
  const parsed = xml === null ? null : parseXml(xml);
  if (parsed === null) throw new CardReadError('unreadable-file', 'not a readable DOCX file: its text (word/document.xml) is missing or damaged', { file });
  const links = readRelationships(entryText(zip, 'word/_rels/document.xml.rels'));
  const reader = new DocxReader(links);
  const footnotes = readNotes(entryText(zip, 'word/footnotes.xml'), 'w:footnote', reader);
  const endnotes = readNotes(entryText(zip, 'word/endnotes.xml'), 'w:endnote', reader);
  reader.footnotes = new Map([...footnotes, ...endnotes]);
  const body = firstElement(parsed.document.documentElement, 'w:body');
  if (body) reader.readBlocks(body);
  // Word's own footnotes come after the body, numbered as Word shows them.
  for (const [index, id] of reader.cited.entries()) {
    const text = reader.footnotes.get(id);
    if (text !== undefined) reader.paragraph(`(${index + 1}) ${text}`);
  }
  const truncated = zip.truncated || parsed.truncated;
  const notes: ReaderNote[] = truncated ? [{ code: 'truncated-file', severity: 'warning', message: 'the DOCX file is cut short: what is whole is read, the rest is lost' }] : [];
  return singlePartDocument(file, 'docx', reader.rows, { truncated, notes });
}

class DocxReader {
  rows: DocumentRow[] = [];
  footnotes = new Map<string, string>();
  /** Footnote ids in the order the text cites them. */
  cited: string[] = [];
  private tables = 0;

  constructor(private readonly links: Map<string, string>) {}

  paragraph(text: string): void {
    this.rows.push({ cells: [{ text }], place: { line: this.rows.length + 1 }, table: null });
  }

  readBlocks(parent: Element): void {
    for (const child of elements(parent)) {
      if (child.tagName === 'w:p') this.paragraph(this.paragraphText(child));
      else if (child.tagName === 'w:tbl') this.readTable(child);
      else if (child.tagName === 'w:sdt' || child.tagName === 'w:customXml') {
        const content = firstElement(child, 'w:sdtContent') ?? child;
        this.readBlocks(content);
      }
    }
  }

  private readTable(table: Element): void {
    if (this.rows.length > 100_000) return;
    const id = ++this.tables;
    // Text of the cell that starts each vertical merge, by grid column.
    const merging = new Map<number, string>();
    let rowNumber = 0;
    for (const tr of elements(table).filter((e) => e.tagName === 'w:tr')) {
      rowNumber += 1;
      const cells: DocumentCell[] = [];
      const trPr = firstElement(tr, 'w:trPr');
      const before = Number(attribute(trPr && firstElement(trPr, 'w:gridBefore'), 'w:val') ?? 0);
      for (let i = 0; i < before && i < 64; i++) cells.push({ text: '' });
      for (const tc of cellsOf(tr)) {
        const tcPr = firstElement(tc, 'w:tcPr');
        const span = Math.min(64, Math.max(1, Number(attribute(tcPr && firstElement(tcPr, 'w:gridSpan'), 'w:val') ?? 1) || 1));
        const vMerge = tcPr ? firstElement(tcPr, 'w:vMerge') : null;
        const column = cells.length;
        const text = this.cellText(tc);
        if (vMerge && attribute(vMerge, 'w:val') !== 'restart') {
          cells.push({ text: '', flags: ['merged-above'], mergedText: merging.get(column) ?? '' });
        } else {
          if (vMerge) merging.set(column, text);
          else merging.delete(column);
          cells.push({ text });
        }
        for (let i = 1; i < span; i++) cells.push({ text: '', flags: ['merged-left'] });
      }
      // A header row marked to repeat on each page (w:tblHeader) is written once: nothing to drop here.
      this.rows.push({ cells, place: { line: this.rows.length + 1, row: rowNumber }, table: id });
    }
  }

  /** A cell's paragraphs on their own lines; a table inside a cell gives its text, row by row. */
  private cellText(tc: Element): string {
    const lines: string[] = [];
    const walk = (parent: Element) => {
      for (const child of elements(parent)) {
        if (child.tagName === 'w:p') lines.push(this.paragraphText(child));
        else if (child.tagName === 'w:tbl') for (const tr of elements(child).filter((e) => e.tagName === 'w:tr')) lines.push(cellsOf(tr).map((c) => this.cellText(c)).join(' '));
        else if (child.tagName === 'w:sdt' || child.tagName === 'w:sdtContent' || child.tagName === 'w:customXml') walk(child);
      }
    };
    walk(tc);
    return lines.filter((line) => line.trim() !== '').join('\n');
  }

  paragraphText(p: Element): string {
    const pPr = firstElement(p, 'w:pPr');
    const listed = pPr !== null && firstElement(pPr, 'w:numPr') !== null;
    let out = '';
    const walk = (node: Element) => {
      for (const child of elements(node)) {
        switch (child.tagName) {
          case 'w:t':
            out += escapeCellText(textOf(child));
            break;
          case 'w:tab':
          case 'w:ptab':
            out += ' ';
            break;
          case 'w:br':
          case 'w:cr':
            out += '\n';
            break;
          case 'w:noBreakHyphen':
            out += '-';
            break;
          case 'w:sym': {
            const code = (attribute(child, 'w:char') ?? '').toUpperCase().replace(/^F0/, '');
            out += SYMBOL_CHARS[code] ?? '';
            break;
          }
          case 'w:footnoteReference':
          case 'w:endnoteReference': {
            const id = attribute(child, 'w:id');
            if (id !== null && this.footnotes.has(id)) {
              if (!this.cited.includes(id)) this.cited.push(id);
            }
            break;
          }
          case 'w:hyperlink': {
            const inner = new DocxReader(this.links);
            inner.footnotes = this.footnotes;
            inner.cited = this.cited;
            const text = inner.paragraphText(child);
            const rid = attribute(child, 'r:id');
            const href = rid === null ? null : (this.links.get(rid) ?? null);
            out += href === null ? text : linkMarkup(href, text);
            break;
          }
          case 'w:delText':
          case 'w:del':
          case 'w:pPr':
          case 'w:rPr':
          case 'w:instrText':
            break;
          default:
            walk(child);
        }
      }
    };
    walk(p);
    return listed && out.trim() !== '' ? `• ${out}` : out;
  }
}

function readRelationships(xml: string | null): Map<string, string> {
  const links = new Map<string, string>();
  const parsed = xml === null ? null : parseXml(xml);
  if (!parsed) return links;
  for (const rel of descendants(parsed.document.documentElement, 'Relationship')) {
    const id = attribute(rel, 'Id');
    const target = attribute(rel, 'Target');
    if (id !== null && target !== null && /hyperlink$/.test(attribute(rel, 'Type') ?? '')) links.set(id, target);
  }
  return links;
}

function readNotes(xml: string | null, tag: string, reader: DocxReader): Map<string, string> {
  const notes = new Map<string, string>();
  const parsed = xml === null ? null : parseXml(xml);
  if (!parsed) return notes;
  for (const note of descendants(parsed.document.documentElement, tag)) {
    const id = attribute(note, 'w:id');
    // Separators (types "separator", "continuationSeparator") are no notes.
    if (id === null || attribute(note, 'w:type') !== null) continue;
    const text = elements(note).filter((e) => e.tagName === 'w:p').map((p) => reader.paragraphText(p).trim()).filter((t) => t !== '').join(' ');
    if (text !== '') notes.set(id, text);
  }
  return notes;
}

function cellsOf(tr: Element): Element[] {
  const out: Element[] = [];
  for (const child of elements(tr)) {
    if (child.tagName === 'w:tc') out.push(child);
    else if (child.tagName === 'w:sdt' || child.tagName === 'w:customXml') out.push(...cellsOf(firstElement(child, 'w:sdtContent') ?? child));
  }
  return out;
}

