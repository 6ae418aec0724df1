import { CardReadError } from '../domain/cards/card-read-error.ts';
import type { DocumentRow } from './card-document.ts';
import type { UnflattenedRows } from './card-flat-text.ts';
import { matchFieldLabel } from './card-text-labels.ts';

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
