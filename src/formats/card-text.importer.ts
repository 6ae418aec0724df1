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
  const piped = joinPipeCellLines(textLines(text));
  // A pipe table whose last row the text cuts before its closing "|" is a document cut short.
  if (piped !== null) return singlePartDocument(file, 'text', piped.rows, { truncated: piped.cut });
  return singlePartDocument(file, 'text', readTextRows(text));
}

function textLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/[ \u00a0]+$/, ''));
}

/** Splits the text into numbered rows; a BOM, CRLF or CR line ends and trailing spaces make no difference. */
export function readTextRows(text: string): DocumentRow[] {
  const lines = textLines(text);
  const piped = joinPipeCellLines(lines);
  if (piped !== null) return piped.rows;
  return lines.map((line, index) => ({ cells: line.split('\t').map((cell) => ({ text: cell })), place: { line: index + 1 }, table: null }));
}

/** "| a | b | c |": a pipe-table line of at least three cells. */
const PIPE_HEADER = /^\|(?:[^|]+\|){3,}$/;
/** "| 100%": one cell of a row whose cells each open a line of their own. */
const PIPE_CELL = /^\|\s*\S/;

/**
 * The text a web page's table leaves when each cell of a row opens a line with "| " and a line "|" closes the row,
 * under a header written on one line ("| Fattore di qualità | Indicatore | … |"), as the Comune di Bolzano's page
 * gives it (test/fixtures/cards/corpus/bolzano-impegni-qualita.txt). Each such row becomes one line of cells, as if
 * tab-separated; a last row the text cuts before its closing "|" is kept as far as it goes, and `cut` says so. Null
 * when the text holds no such table (a header followed by at least one closed row), so every other text reads as
 * before.
 */
export function joinPipeCellLines(lines: readonly string[]): { rows: DocumentRow[]; cut: boolean } | null {
  const rows: DocumentRow[] = [];
  let found = false;
  let cut = false;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (!PIPE_HEADER.test(line.trim()) || !PIPE_CELL.test(lines[index + 1] ?? '')) {
      rows.push({ cells: line.split('\t').map((cell) => ({ text: cell })), place: { line: index + 1 }, table: null });
      continue;
    }
    const header = line.trim().slice(1, -1).split('|').map((cell) => ({ text: cell.trim() }));
    rows.push({ cells: header, place: { line: index + 1 }, table: null });
    let at = index + 1;
    while (at < lines.length && PIPE_CELL.test(lines[at] ?? '')) {
      const start = at;
      const cells: { text: string }[] = [];
      for (; at < lines.length && PIPE_CELL.test(lines[at] ?? ''); at++) cells.push({ text: (lines[at] ?? '').replace(/^\|\s*/, '') });
      const closed = (lines[at] ?? '').trim() === '|';
      if (closed) {
        found = true;
        at += 1;
      }
      rows.push({ cells, place: { line: start + 1 }, table: null });
      if (!closed) {
        cut = at >= lines.length;
        break;
      }
    }
    index = at - 1;
  }
  return found ? { rows, cut } : null;
}
