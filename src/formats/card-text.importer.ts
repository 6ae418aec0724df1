import type { ImportedCard } from '../domain/cards/imported-card.ts';
import { buildCard, type ReadCardOptions } from './card-builder.ts';
import { singlePartDocument, type CardDocument, type DocumentRow } from './card-document.ts';

export type { ReadCardOptions } from './card-builder.ts';

/**
 * Reads a standard card exactly as the PA wrote it: tab-separated text with a header block, the
 * service fields, the indicator table and the footnotes. Throws UserError when the file is not a card.
 */
export function readCardText(text: string, options: ReadCardOptions): ImportedCard {
  return buildCard({ name: null, rows: readTextRows(text) }, options);
}

/** The text reader of the import pipeline: each line a row, its cells split at tabs. */
export function readTextDocument(text: string, file: string): CardDocument {
  return singlePartDocument(file, 'text', readTextRows(text));
}

/** Splits the text into numbered rows; a BOM, CRLF or CR line ends and trailing spaces make no difference. */
export function readTextRows(text: string): DocumentRow[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line, index) => ({ cells: line.replace(/[ \u00a0]+$/, '').split('\t').map((cell) => ({ text: cell })), place: { line: index + 1 }, table: null }));
}
