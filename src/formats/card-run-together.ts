import { CardReadError } from '../domain/cards/card-read-error.ts';
import { UNSTATED_DIMENSION } from '../domain/cards/dimension.ts';
import type { Finding } from '../domain/cards/finding.ts';
import type { DocumentRow } from './card-document.ts';
import type { UnflattenedRows } from './card-flat-text.ts';
import { COLUMN_LABELS, type ColumnKey } from './card-text-labels.ts';
import { dropCardCutInFirstRow, findTables, isFieldLine, lineText, type LinesHeader, readHeaderLines, SENTENCE_END, unmadeTableDoubt } from './card-text-lines.ts';
import { toInlineText } from './html-text.ts';

// The text a web page's tables leave when the cell boundaries are lost altogether (ARPA FVG's older ISO 9001 standards
// page, test/fixtures/cards/corpus/arpafvg-standard-qualita-iso9001.txt): the header's cells on lines of their own or
// two spaces or more apart ("Indicatore così definito nei documenti interni del SGQ dell'Agenzia  Standard di qualità"),
// then each row either on one line with a single space between its cells ("Completezza dell'istruttoria (Numero di
// richieste …)x100   10%") or with its description on a line of its own and its formula and standard on the next.
// A row ends with its standard, the value at the end of a line; where the description ends and the formula starts is
// read by sense, so every row gets a doubt saying so.


/** The standard a row ends with: a number, perhaps after a sign and before a unit, at the end of the line. */
const TRAILING_VALUE = /\s(?:[<>≤≥]=?\s*)?\d+(?:[.,]\d+)?\s*(?:%|gg|giorni(?:\s+lavorativi)?|ore)?$/;

/** Where a one-line row's formula starts: an opening bracket, or a capital after a lower-case word. */
const FORMULA_START = /\s(?=\()|(?<=[a-zà-ÿ'’])\s(?=[A-ZÀ-Ý])/;

/** The header that starts at `at`: lines with no "|", each made of labels two spaces or more apart; no dimension column. */
function headerAt(texts: readonly (string | null)[], at: number): LinesHeader | null {
  const header = readHeaderLines(texts, at, (text) => (text.includes('|') ? null : text.split(/\s{2,}/)));
  return header === null || header.labels.some((l) => l.key === 'dimension') ? null : header;
}

interface Row {
  line: number;
  lines: string[];
}

interface Table {
  header: LinesHeader;
  rows: Row[];
  /** Index of the first row after the table: the lines that open the next card, or the end of the text. */
  end: number;
  cut: Row | null;
}

function takeRows(texts: readonly (string | null)[], rows: readonly DocumentRow[], header: LinesHeader): Table {
  const taken: Row[] = [];
  let pending: Row | null = null;
  let pendingStart = header.end;
  let at = header.end;
  for (; at < texts.length; at++) {
    const text = texts[at];
    if (text === '') continue;
    if (text === null || text === undefined || text.includes('|') || isFieldLine(text) || headerAt(texts, at) !== null) break;
    if (pending === null) {
      pending = { line: rows[at]?.place.line ?? at + 1, lines: [] };
      pendingStart = at;
    }
    pending.lines.push(text);
    if (TRAILING_VALUE.test(text)) {
      taken.push(pending);
      pending = null;
    }
  }
  if (pending === null) return { header, rows: taken, end: at, cut: null };
  // Lines left without a standard: where the text ends mid-sentence, a row cut short; elsewhere the lead of the next card.
  const last = pending.lines[pending.lines.length - 1] ?? '';
  if (at >= texts.length && !SENTENCE_END.test(last)) return { header, rows: taken, end: at, cut: pending };
  return { header, rows: taken, end: pendingStart, cut: null };
}

/** A row's cells, in the header's order: the description, the formula (when the header has one) and the standard. */
function cellsOf(row: Row, keys: readonly ColumnKey[]): string[] {
  const last = row.lines[row.lines.length - 1] ?? '';
  const value = TRAILING_VALUE.exec(last);
  const target = value === null ? '' : value[0].trim();
  const before = value === null ? row.lines : [...row.lines.slice(0, -1), last.slice(0, value.index)];
  let description: string;
  let formula: string;
  if (before.length > 1) {
    description = before[0] ?? '';
    formula = before.slice(1).join(' ');
  } else {
    const text = before[0] ?? '';
    const split = FORMULA_START.exec(text.slice(1));
    description = split === null ? text : text.slice(0, split.index + 1);
    formula = split === null ? '' : text.slice(split.index + 1);
  }
  const byKey: Partial<Record<ColumnKey, string>> = { description: toInlineText(description), formula: toInlineText(formula), target };
  return keys.map((key) => byKey[key] ?? '');
}

/**
 * Reads a text whose tables lost their cell boundaries, one card per table, each with the lines above it back to the
 * table before (its service's name). The rows get the dimension the document did not state. Null when the text holds
 * no such table. Throws a truncated-document CardReadError when the text ends inside the first row of the first table.
 */
export function readRunTogetherTables(rows: readonly DocumentRow[], file: string): UnflattenedRows[] | null {
  const texts = rows.map(lineText);
  const tables = findTables(texts.length, (at) => headerAt(texts, at), (header) => takeRows(texts, rows, header));
  if (tables.length === 0 || tables.every((table) => table.rows.length === 0)) {
    const cut = tables[0]?.cut;
    if (cut) throw new CardReadError('truncated-document', 'the document is cut short inside the first row of its indicator table: no indicator is whole, nothing can be imported', { file, line: cut.line });
    return null;
  }
  const cards = tables.map((table, index) => readTable(rows, table, index === 0 ? 0 : (tables[index - 1]?.end ?? 0), file));
  const last = cards[cards.length - 1];
  const lastTable = tables[tables.length - 1];
  if (last !== undefined && lastTable?.cut && lastTable.rows.length === 0) dropCardCutInFirstRow(cards, { line: lastTable.cut.line, where: 'before its standard' }, file);
  return cards;
}

function readTable(rows: readonly DocumentRow[], table: Table, from: number, file: string): UnflattenedRows {
  const { header } = table;
  const keys = header.labels.map((l) => l.key);
  const headerLine = rows[header.start]?.place.line ?? header.start + 1;
  const doubts: Finding[] = [unmadeTableDoubt(file, headerLine, header.labels, 'a table with no cell separators', '; each row read up to the value that ends it')];
  const out: DocumentRow[] = rows.slice(from, header.start).filter((row) => lineText(row) !== '');
  out.push({ cells: [{ text: COLUMN_LABELS.dimension }, ...header.labels.map((l) => ({ text: l.label }))], place: { line: headerLine }, table: null });
  for (const row of table.rows) {
    out.push({ cells: [{ text: UNSTATED_DIMENSION.label }, ...cellsOf(row, keys).map((text) => ({ text }))], place: { line: row.line }, table: null });
    doubts.push({ code: 'doubtful-cells', severity: 'info', file, line: row.line, field: null, message: 'the page runs this row\'s cells together: the description, the formula and the standard were told apart by sense (the value at the end of the row, the bracket or capital word where the formula starts); check them' });
  }
  if (table.cut !== null) {
    doubts.push({ code: 'truncated-row', severity: 'warning', file, line: table.cut.line, field: null, message: 'the document ends inside this row, before its standard: it is cut short; the row is not imported, and what followed it is missing' });
  }
  return { rows: out, doubts, truncated: table.cut !== null };
}
