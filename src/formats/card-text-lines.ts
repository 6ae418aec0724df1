import { CardReadError } from '../domain/cards/card-read-error.ts';
import type { Finding } from '../domain/cards/finding.ts';
import type { DocumentRow } from './card-document.ts';
import type { UnflattenedRows } from './card-flat-text.ts';
import { type ColumnKey, matchColumnLabel, matchFieldLabel } from './card-text-labels.ts';
import { toInlineText } from './html-text.ts';

// What the readers of tables that lost their layout in a text copy (label blocks, cells closed by "|", cells run
// together) ask of a line, and how they end a text that stops inside a table.

/** The text of a row that is one cell of words (trimmed, inner runs of spaces kept), '' for a blank row, null for a row of several cells. */
export function lineText(row: DocumentRow | undefined): string | null {
  if (row === undefined) return null;
  const texts = row.cells.map((cell) => cell.text.trim()).filter((text) => text !== '');
  return texts.length === 1 ? (texts[0] ?? null) : texts.length === 0 ? '' : null;
}

/** "Tipo di servizio offerto al cliente: …": a line opened by a card field's label and a colon. */
export function isFieldLine(text: string): boolean {
  const colon = text.indexOf(':');
  return colon > 0 && matchFieldLabel(text.slice(0, colon)) !== null;
}

/** How a paragraph ends; a text that stops without it stops mid-sentence. */
export const SENTENCE_END = /[.;:!?)\]"'»%\d]\s*$/;

/**
 * A text that ends inside the first row of its last card's table leaves that card nothing whole: the card is dropped
 * and the one above it says so (`where` tells where the row stops, "before its last "|""). With no card above,
 * nothing can be imported: a truncated-document CardReadError.
 */
export function dropCardCutInFirstRow(cards: UnflattenedRows[], cut: { line: number; where: string }, file: string): void {
  cards.pop();
  const above = cards[cards.length - 1];
  if (above === undefined) {
    throw new CardReadError('truncated-document', `the document is cut short inside the first row of its indicator table (${cut.where}): no indicator is whole, nothing can be imported`, { file, line: cut.line });
  }
  above.doubts.push({ code: 'truncated-row', severity: 'warning', file, line: cut.line, field: null, message: `the document ends inside the first row of the next service's table (${cut.where}): it is cut short; that service is not imported` });
  above.truncated = true;
}

/**
 * The doubt a reader leaves on the header of a table the text unmade, naming the columns it found: `layout` says how
 * the cells were found ("a table with no cell separators"), `rows` how each row was read.
 */
export function unmadeTableDoubt(file: string, line: number, labels: readonly { label: string }[], layout: string, rows: string): Finding {
  return { code: 'doubtful-header', severity: 'info', file, line, field: null, message: `${layout}: ${labels.length} columns (${labels.map((l) => `"${l.label}"`).join(', ')})${rows}` };
}

/** A table header written over lines of its own: its first line, the line after its last, and its column labels. */
export interface LinesHeader {
  start: number;
  end: number;
  labels: { key: ColumnKey; label: string }[];
}

/**
 * The header that starts at `at`: lines whose cells (`cellsOf` splits a line, null for a line that cannot be one)
 * each name a different card column, blank lines between them skipped, with a description and a valore programmato
 * among them and at least three columns in all. Null when the line opens none.
 */
export function readHeaderLines(texts: readonly (string | null)[], at: number, cellsOf: (text: string) => string[] | null): LinesHeader | null {
  const labels: LinesHeader['labels'] = [];
  let end = at;
  for (let index = at; index < texts.length; index++) {
    const text = texts[index];
    if (text === '' && labels.length > 0) continue;
    const cells = text === null || text === undefined || text === '' ? null : cellsOf(text);
    if (cells === null) break;
    const keys = cells.map((cell) => (cell === '' ? null : matchColumnLabel(cell)));
    if (keys.some((key, i) => key === null || labels.some((l) => l.key === key) || keys.indexOf(key) !== i)) break;
    cells.forEach((cell, i) => labels.push({ key: keys[i] as ColumnKey, label: toInlineText(cell) }));
    end = index + 1;
  }
  const keys = new Set(labels.map((l) => l.key));
  return labels.length >= 3 && keys.has('description') && keys.has('target') ? { start: at, end, labels } : null;
}

/** Every table of a text: from each header `headerAt` finds, the rows `takeRows` reads under it, then on after them. */
export function findTables<T extends { end: number }>(count: number, headerAt: (at: number) => LinesHeader | null, takeRows: (header: LinesHeader) => T): T[] {
  const tables: T[] = [];
  for (let at = 0; at < count; ) {
    const header = headerAt(at);
    if (header === null) {
      at++;
      continue;
    }
    const table = takeRows(header);
    tables.push(table);
    at = Math.max(table.end, header.end);
  }
  return tables;
}
