import { singlePartDocument, type CardDocument, type DocumentRow, type ReaderNote } from './card-document.ts';
import { endsMidWord } from './card-flat-text.ts';

// A card written in Markdown: paragraphs and headings as lines, pipe tables ("| a | b |" with a "|---|---|" rule
// under the header) as tables. Cells keep their markdown and HTML, which the cell language reads.

const RULE = /^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)+\|?\s*$/;

/** True when the text holds a pipe table (a header line followed by a rule line). */
export function hasPipeTable(text: string): boolean {
  const lines = text.split(/\r\n|\r|\n/);
  return lines.some((line, index) => index > 0 && RULE.test(line) && (lines[index - 1] ?? '').includes('|'));
}

export function readMarkdown(text: string, file: string): CardDocument {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const rows: DocumentRow[] = [];
  let table = 0;
  let inTable = false;
  let tableRow = 0;
  let width = 0;
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index] ?? '';
    const place = { line: index + 1 };
    if (isPipeRule(raw)) continue;
    const stacked = stackedHeader(lines, index);
    if (stacked !== null) {
      table += 1;
      tableRow = 1;
      inTable = true;
      width = stacked.length;
      rows.push({ cells: stacked.map((cell) => ({ text: cell })), place: { ...place, row: tableRow }, table });
      index += stacked.length - 1;
      continue;
    }
    if (raw.includes('|') && (inTable || headsTable(lines, index))) {
      const cells = splitPipes(raw);
      // A line above a rule opens a table of its own, even right under another table.
      if (!inTable || headsTable(lines, index)) {
        table += 1;
        tableRow = 0;
        inTable = true;
        width = cells.length;
      }
      tableRow += 1;
      index = continueRow(lines, index, cells, width);
      rows.push({ cells: cells.map((cell) => ({ text: cell })), place: { ...place, row: tableRow }, table });
      continue;
    }
    inTable = false;
    // "## Denominazione del servizio" is a heading: its marks are no words.
    rows.push({ cells: [{ text: raw.replace(/^\s{0,3}#{1,6}\s+/, '').replace(/\s+#+\s*$/, '') }], place, table: null });
  }
  const cut = cutShort(lines);
  const notes: ReaderNote[] = cut === null ? [] : [{ code: 'truncated-text', severity: 'warning', message: `the document ends in the middle of a cell or a word ("${cut.words}"): it looks cut short, and what followed is missing`, place: { line: cut.line } }];
  return singlePartDocument(file, 'markdown', rows, { truncated: cut !== null, notes });
}

/** A pipe table's rule, of one column or more ("---|", "|---|:---:|"), under the line that heads the table. */
function isPipeRule(line: string): boolean {
  return line.includes('|') && /^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(line);
}

/** How many columns a rule line has. */
function ruleWidth(line: string): number {
  return line.split('|').filter((part) => /-{2,}/.test(part)).length;
}

/** True when the line at `index` is followed by a rule: it is a table's header. */
function headsTable(lines: readonly string[], index: number): boolean {
  return isPipeRule(lines[index + 1] ?? '');
}

const MAX_STACKED_COLUMNS = 24;

/**
 * A header written one cell per line: the lines right above a rule of N columns ("Quality parameters |",
 * "Indicators |", "2022 value |", … then "---|---|---|…"), each holding one cell closed by "|", exactly N of them.
 * The cells, when the line at `index` opens such a header; null otherwise.
 */
function stackedHeader(lines: readonly string[], index: number): string[] | null {
  const cells: string[] = [];
  // No header has this many columns: a long run of one-cell lines is not scanned again from each of its lines.
  for (let at = index; at < lines.length && at - index <= MAX_STACKED_COLUMNS; at++) {
    const line = lines[at] ?? '';
    if (isPipeRule(line)) return cells.length >= 2 && cells.length === ruleWidth(line) ? cells : null;
    const own = splitPipes(line);
    if (!line.trim().endsWith('|') || own.length !== 1) return null;
    cells.push(...own);
  }
  return null;
}

/**
 * A row whose cells run over several lines, each line closing the cells it holds with "|" ("Contact means | E-mail
 * Telephone |", then "E-mail Telephone |" for the next column, …, a lone "|" for the last, empty one): the lines
 * after a row with fewer cells than the header are its cells as long as they add up to no more than the header's,
 * none heads a table of its own and none opens with "|" but a lone "|" (a Markdown row that drops its empty last
 * cells stays a row). Adds their cells to `cells`; returns the index of the row's last line.
 */
function continueRow(lines: readonly string[], index: number, cells: string[], width: number): number {
  let at = index;
  while (cells.length < width) {
    const line = lines[at + 1] ?? '';
    // A line opening with "|" is a row of its own (as Markdown writes rows), unless it is the lone "|" closing a row.
    if (!line.includes('|') || (line.trim().startsWith('|') && line.trim() !== '|') || isPipeRule(line) || headsTable(lines, at + 1)) break;
    const more = splitPipes(line);
    if (cells.length + more.length > width) break;
    cells.push(...more);
    at += 1;
  }
  return at;
}

/**
 * Where the text stops short: its last line ends in the middle of a word, or, when the line above it closes its
 * cells with "|", it ends without closing its own cell nor a sentence ("University conducts foreign student
 * satisfactio"). Null when the text ends as a document does.
 */
function cutShort(lines: readonly string[]): { line: number; words: string } | null {
  let last = lines.length - 1;
  while (last >= 0 && (lines[last] ?? '').trim() === '') last--;
  let before = last - 1;
  while (before >= 0 && (lines[before] ?? '').trim() === '') before--;
  const text = (lines[last] ?? '').trim();
  if (text === '' || text.endsWith('|')) return null;
  const words = text.split(/\s+/);
  const lastWord = words[words.length - 1] ?? '';
  const unclosed = (lines[before] ?? '').trim().endsWith('|') && !/[.;:!?)\]"'»%\d]$/.test(text);
  // A sentence of five words or more that stops on a lower-case word, with no closing mark: "Nel rispetto di questo principio so".
  const midSentence = words.length >= 5 && /^\p{Ll}+$/u.test(lastWord);
  return endsMidWord(lastWord) || unclosed || midSentence ? { line: last + 1, words: words.slice(-4).join(' ') } : null;
}

/** The cells of a pipe-table line; "\|" is a pipe inside a cell. */
function splitPipes(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  const text = line.trim().replace(/^\|/, '');
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\\' && text[i + 1] === '|') {
      current += '|';
      i += 1;
    } else if (char === '|') {
      cells.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  if (current.trim() !== '') cells.push(current.trim());
  return cells;
}
