import type { ImportedCard } from '../domain/cards/imported-card.ts';
import { buildCard, type ReadCardOptions } from './card-builder.ts';
import { singlePartDocument, type CardDocument, type DocumentRow } from './card-document.ts';

export type { ReadCardOptions } from './card-builder.ts';

/**
 * Reads a standard card exactly as the PA wrote it: tab-separated text with a header block, the
 * service fields, the indicator table and the footnotes. Throws UserError when the file is not a card.
 */
export function readCardText(text: string, options: ReadCardOptions): ImportedCard {
  const piped = joinPipeCellLines(textLines(text));
  if (piped?.cut) return buildCard({ name: null, rows: piped.rows }, options, { format: 'text', truncated: true });
  return buildCard({ name: null, rows: piped?.rows ?? readTextRows(text) }, options);
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

/**
 * The text a web page's table leaves when the cells of a row are not on one line but run over several, a "|" at the
 * start of a line between one cell and the next, under a header written on one line ("| Fattore di qualità |
 * Indicatore | … |"). The Comune di Bolzano's Italian page opens every cell with "| " and closes the row with a lone
 * "|"; its German page writes a cell's words on their own lines between lone "|" lines
 * (test/fixtures/cards/corpus/bolzano-impegni-qualita.txt, bozen-qualitaetsverpflichtungen.txt). Either way a row
 * holds as many cells as the header, and a "|" after its last cell closes it. Each row becomes one line of cells, as
 * if tab-separated; a last row the text cuts before its closing "|" is kept as far as it goes, and `cut` says so.
 * Null when the text holds no such table (a header followed by at least one row closed by a lone "|"), so every
 * other text reads as before.
 */
export function joinPipeCellLines(lines: readonly string[]): { rows: DocumentRow[]; cut: boolean } | null {
  const rows: DocumentRow[] = [];
  let found = false;
  let cut = false;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const next = (lines[index + 1] ?? '').trim();
    if (!PIPE_HEADER.test(line.trim()) || next === '' || PIPE_HEADER.test(next)) {
      rows.push({ cells: line.split('\t').map((cell) => ({ text: cell })), place: { line: index + 1 }, table: null });
      continue;
    }
    const header = line.trim().slice(1, -1).split('|').map((cell) => cell.trim());
    rows.push({ cells: header.map((text) => ({ text })), place: { line: index + 1 }, table: null });
    let cells: string[] = [];
    let current: string | null = null;
    let rowLine = 0;
    let at = index + 1;
    const closeRow = () => {
      rows.push({ cells: cells.map((text) => ({ text })), place: { line: rowLine }, table: null });
      cells = [];
    };
    for (; at < lines.length; at++) {
      const raw = (lines[at] ?? '').trim();
      if (raw === '') break;
      if (cells.length === 0 && current === null) rowLine = at + 1;
      if (raw.startsWith('|')) {
        const rest = raw.slice(1).trim();
        if (current !== null) cells.push(current);
        current = null;
        if (cells.length >= header.length) {
          closeRow();
          if (rest === '') {
            found = true;
            continue;
          }
          rowLine = at + 1;
        }
        current = rest;
      } else {
        current = current === null || current === '' ? raw : `${current}\n${raw}`;
      }
    }
    if (current !== null) cells.push(current);
    if (cells.length > 0) {
      closeRow();
      cut = at >= lines.length;
    }
    index = at - 1;
  }
  return found ? { rows, cut } : null;
}
