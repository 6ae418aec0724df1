import { UNSTATED_DIMENSION } from '../domain/cards/dimension.ts';
import type { Finding } from '../domain/cards/finding.ts';
import type { DocumentRow } from './card-document.ts';
import type { UnflattenedRows } from './card-flat-text.ts';
import { COLUMN_LABELS } from './card-text-labels.ts';
import { dropCardCutInFirstRow, findTables, isFieldLine, lineText, type LinesHeader, readHeaderLines, SENTENCE_END, unmadeTableDoubt } from './card-text-lines.ts';
import { toInlineText } from './html-text.ts';

// The text a web page's tables leave when every cell ends with " |" and a row's cells run over one line or several:
// "Numero di pratiche evase nei tempi previsti | (Numero di istruttorie …)x100 | 50% |" on one line, or
// "Partecipazione ai lavori della Commissione tecnico-consultiva VIA |" then "(Numero di riunioni …)x100 | 80% |".
// The header is written the same way, its cells over one or more lines; a page may hold a table per service, each
// under a "Label: value" line naming it ("Tipo di servizio offerto al cliente: …": ARPA FVG's ISO 9001 standards,
// test/fixtures/cards/corpus/arpafvg-standard-qualita-iso9001-2022.txt). Rows are told apart only by counting cells.

/** A footnote under a table: "*Valore riferito…", "(*) …", "(1) …". */
const FOOTNOTE = /^\s*(?:\*|\(\s*[*&\d]{1,2}\s*\))/;

/** The cells a line closes ("a | b |" closes two) and the words it leaves open after its last "|" (none when it ends with one). */
interface LineCells {
  closed: string[];
  open: string;
}

function splitLine(text: string): LineCells {
  const parts = text.split('|');
  const open = (parts.pop() ?? '').trim();
  return { closed: parts.map((part) => part.trim()), open };
}

type Header = LinesHeader;

/** The header that starts at `at`: lines made only of cells closed by "|", each naming a card column. */
function headerAt(texts: readonly (string | null)[], at: number): Header | null {
  return readHeaderLines(texts, at, (text) => (text.endsWith('|') ? splitLine(text).closed : null));
}

interface Table {
  header: Header;
  /** Cells of each whole row, with the line (1-based) the row starts on. */
  rows: { line: number; cells: string[] }[];
  /** Index in the rows of the row after the table. */
  end: number;
  /** The row the text ends inside, as far as it goes. */
  cut: { line: number; cells: string[] } | null;
}

/**
 * A line with no "|" between two rows: the table is over when it is blank, a footnote or a field, or when no "|" line
 * follows it — unless the text ends there mid-sentence, inside the first cell of a row it cuts short.
 */
function endsTableAt(texts: readonly (string | null)[], at: number): boolean {
  const text = texts[at];
  if (text === null || text === undefined || text === '' || FOOTNOTE.test(text)) return true;
  if (text.includes('|')) return false;
  if (isFieldLine(text)) return true;
  for (let next = at + 1; next < texts.length; next++) {
    const following = texts[next];
    if (following === null || following === undefined || following === '') return true;
    if (following.includes('|')) return headerAt(texts, next) !== null;
  }
  return SENTENCE_END.test(texts[texts.length - 1] ?? '');
}


/** The rows under a header, each as many cells as the header has columns. */
function takeRows(texts: readonly (string | null)[], rows: readonly DocumentRow[], header: Header): Table {
  const width = header.labels.length;
  const taken: Table['rows'] = [];
  let cells: string[] = [];
  let open: string[] = [];
  let startLine = 0;
  let at = header.end;
  for (; at < texts.length; at++) {
    const text = texts[at];
    const between = cells.length === 0 && open.length === 0;
    if (between && (endsTableAt(texts, at) || headerAt(texts, at) !== null)) break;
    if (text === null || text === undefined || text === '') break;
    if (between) startLine = rows[at]?.place.line ?? at + 1;
    const line = splitLine(text);
    for (const closed of line.closed) {
      cells.push(toInlineText([...open, closed].join(' ')));
      open = [];
      if (cells.length === width) {
        taken.push({ line: startLine, cells });
        cells = [];
        startLine = rows[at + 1]?.place.line ?? at + 2;
      }
    }
    if (line.open !== '') open.push(line.open);
  }
  const reachedEnd = at >= texts.length;
  const pending = open.length > 0 ? [...cells, toInlineText(open.join(' '))] : cells;
  // Cells left open where the text ends: the document is cut inside a row; elsewhere a row that stops short is kept.
  if (pending.length > 0 && reachedEnd) return { header, rows: taken, end: at, cut: { line: startLine, cells: pending } };
  if (pending.length > 0) taken.push({ line: startLine, cells: pending });
  return { header, rows: taken, end: at, cut: null };
}

/** Where the lines between two tables part: from the first field line ("Tipo di servizio…: …"), or the line above the header, on they open the next card. */
function splitGap(texts: readonly (string | null)[], from: number, to: number): number {
  for (let at = from; at < to; at++) {
    if (isFieldLine(texts[at] ?? '')) return at;
  }
  let above = to - 1;
  while (above >= from && (texts[above] ?? '') === '') above--;
  return above >= from && !FOOTNOTE.test(texts[above] ?? '') ? above : to;
}

/**
 * Reads a text whose tables close every cell with "|", one card per table, each with the lines above it back to the
 * table before (its service's name) and the footnotes under it. A table with no dimension column gets the dimension
 * its document did not state, to be chosen in review. Null when the text holds no such table. Throws a
 * truncated-document CardReadError when the text ends inside the first row of the first table.
 */
export function readClosedCellTables(rows: readonly DocumentRow[], file: string): UnflattenedRows[] | null {
  const texts = rows.map(lineText);
  const tables = findTables(texts.length, (at) => headerAt(texts, at), (header) => takeRows(texts, rows, header));
  if (tables.length === 0 || tables.every((table) => table.rows.length === 0 && table.cut === null)) return null;

  const starts = tables.map((table, index) => (index === 0 ? 0 : splitGap(texts, tables[index - 1]?.end ?? 0, table.header.start)));
  const cards = tables.map((table, index) => readTable(rows, table, starts[index] ?? 0, starts[index + 1] ?? rows.length, file));

  const last = cards[cards.length - 1];
  const lastTable = tables[tables.length - 1];
  if (last !== undefined && lastTable?.cut && last.rowCount === 0) dropCardCutInFirstRow(cards, { line: lastTable.cut.line, where: 'before its last "|"' }, file);
  return cards.map(({ rows: cardRows, doubts, truncated }) => ({ rows: cardRows, doubts, truncated }));
}

/** One card's rows: the lines above its header, the header, its rows (a dimension cell first when it has none), then what follows. */
function readTable(rows: readonly DocumentRow[], table: Table, from: number, to: number, file: string): UnflattenedRows & { rowCount: number } {
  const { header } = table;
  const headerLine = rows[header.start]?.place.line ?? header.start + 1;
  const stated = header.labels.some((l) => l.key === 'dimension');
  const doubts: Finding[] = [unmadeTableDoubt(file, headerLine, header.labels, 'a table whose cells each end with "|", over one line or several', ', each row read as that many cells')];
  const lead = (text: string) => (stated ? [] : [{ text }]);
  const out: DocumentRow[] = [...rows.slice(from, header.start)];
  out.push({ cells: [...lead(COLUMN_LABELS.dimension), ...header.labels.map((l) => ({ text: l.label }))], place: { line: headerLine }, table: null });
  for (const row of table.rows) out.push({ cells: [...lead(UNSTATED_DIMENSION.label), ...row.cells.map((text) => ({ text }))], place: { line: row.line }, table: null });
  if (table.cut !== null && table.rows.length > 0) {
    doubts.push({ code: 'truncated-row', severity: 'warning', file, line: table.cut.line, field: null, message: 'the document ends inside this row, before its last "|": it is cut short; the row is not imported, and what followed it is missing' });
  }
  out.push(...rows.slice(table.end, to).filter((row) => lineText(row) !== ''));
  return { rows: out, doubts, truncated: table.cut !== null, rowCount: table.rows.length };
}
