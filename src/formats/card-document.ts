// The neutral middle of card import: every reader (text, CSV, DOCX, ODT, XLSX, ODS, HTML, Markdown, PDF) turns
// its bytes into rows of cells with where each came from; one builder (card-builder.ts) turns those rows into a card.

/** The formats a card can come in, found from the content. */
export type CardFormat = 'text' | 'csv' | 'markdown' | 'html' | 'docx' | 'odt' | 'xlsx' | 'ods' | 'pdf';

/** How the reader got a cell, when it was not simply written there. */
export type CellFlag =
  /** A vertically merged cell (rowspan, vMerge) that continues the one above: the cell is read blank. */
  | 'merged-above'
  /** A horizontally merged cell (colspan, gridSpan) continuing the one to its left: read blank. */
  | 'merged-left'
  /** Words put together from several text lines (a PDF header split over lines). */
  | 'split-lines'
  /** The cell, or the row it ends, was cut short by the end of a damaged file. */
  | 'truncated';

/** Where a row (or a cell of it) is in the document; `line` is the reader's own numbering, always increasing. */
export interface RowPlace {
  /** 1-based; text line, sheet row, or the row's order in the document. */
  line: number;
  /** 1-based page of a PDF. */
  page?: number;
  /** The sheet's name in a workbook. */
  sheet?: string;
  /** 1-based row inside its table (or sheet). */
  row?: number;
}

/**
 * One cell, in the cell language of the tab-separated cards: words, with HTML fragments (`<a href>`, `<br>`, `<p>`)
 * and markdown emphasis read as markup. Readers of structured documents escape `&`, `<` and `>` of their text
 * (see escapeCellText) and may put line breaks between paragraphs.
 */
export interface DocumentCell {
  text: string;
  flags?: CellFlag[];
  /** The text the merged cell continues, for `merged-above`. */
  mergedText?: string;
}

/** A paragraph (one cell) or a table row (several cells). */
export interface DocumentRow {
  cells: DocumentCell[];
  place: RowPlace;
  /** Rows of the same table share a number; null for a paragraph. */
  table: number | null;
  /** The table header is repeated here (a page break in a PDF, a header row marked to repeat). */
  repeatedHeader?: boolean;
}

/** A part of a document that holds one card: the whole file, or one sheet of a workbook. */
export interface DocumentPart {
  /** The sheet's name; null for the whole file. */
  name: string | null;
  rows: DocumentRow[];
}

/** Something the reader noticed that is not a cell (a damaged file, a sheet it skipped). */
export interface ReaderNote {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  place?: Omit<RowPlace, 'line'> & { line?: number; column?: number };
}

/** What a reader gives the builder. */
export interface CardDocument {
  file: string;
  format: CardFormat;
  parts: DocumentPart[];
  /** The file was cut short: the last rows may be incomplete. */
  truncated: boolean;
  notes: ReaderNote[];
}

/** Escapes text taken from a structured document so the cell language reads it as words, not markup. */
export function escapeCellText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A link in the cell language, around words already in it (escaped text, line breaks). */
export function linkMarkup(href: string, inner: string): string {
  return `<a href="${escapeCellText(href).replace(/"/g, '&quot;')}">${inner}</a>`;
}

/** A row of plain cells (already in the cell language). */
export function rowOf(texts: readonly string[], place: RowPlace, table: number | null = null): DocumentRow {
  return { cells: texts.map((text) => ({ text })), place, table };
}

/** A document with one part. */
export function singlePartDocument(file: string, format: CardFormat, rows: DocumentRow[], extra: Partial<Pick<CardDocument, 'truncated' | 'notes'>> = {}): CardDocument {
  return { file, format, parts: [{ name: null, rows }], truncated: extra.truncated ?? false, notes: extra.notes ?? [] };
}

/** The human name of a format, for messages. */
export const FORMAT_NAMES: Record<CardFormat, string> = {
  text: 'tab-separated text',
  csv: 'CSV',
  markdown: 'Markdown',
  html: 'HTML',
  docx: 'DOCX (Word)',
  odt: 'ODT (LibreOffice Writer)',
  xlsx: 'XLSX (Excel)',
  ods: 'ODS (LibreOffice Calc)',
  pdf: 'PDF (with a text layer)',
};

/** The sentence every "cannot read this" message ends with. */
export const FORMATS_READ = 'misura reads cards as DOCX, ODT, XLSX, ODS, PDF (with a text layer), HTML, Markdown, CSV (, ; or tab) and tab-separated text';
