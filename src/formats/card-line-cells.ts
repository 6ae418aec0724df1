import { classifyDimension } from '../domain/cards/dimension.ts';
import { CardReadError } from '../domain/cards/card-read-error.ts';
import type { Finding } from '../domain/cards/finding.ts';
import type { DocumentRow } from './card-document.ts';
import type { UnflattenedRows } from './card-flat-text.ts';
import { foldLabel, matchColumnLabel, matchYearColumn, type ColumnKey } from './card-text-labels.ts';
import { toInlineText } from './html-text.ts';

// The text a web page's table leaves when each cell is a block of its own: the header's column names one per line
// ("Dimensioni della qualità", "Indicatori", "Valore 2019", "Valore 2020", "Valore programmato 2021"), then each
// dimension alone on a line and each indicator's line running into its values ("Ore settimanali di apertura al
// pubblico 55 55 55"), a value of several lines written out once per column ("Modalità di contatto E-mail",
// "Telefono", …, "E-mail", "Telefono", …). No separator tells the cells apart: the values are found by their
// repetition, one per value column, and every row read this way is a doubt.

/** A column of past results beside the standard ("Risultati raggiunti anno precedente"): a value column. */
const RESULTS_COLUMN = /^risultat[oi](?: raggiunt[oi])?(?: (?:nell )?(?:anno precedente|anni precedenti|(?:anno )?(?:19|20)\d{2}))?$/;

type HeaderColumn = { label: string; key: ColumnKey | 'value' };

function headerColumn(text: string): HeaderColumn | null {
  const label = toInlineText(text);
  const key = matchColumnLabel(label);
  if (key !== null) return { label, key };
  if (matchYearColumn(label) !== null || RESULTS_COLUMN.test(foldLabel(label))) return { label, key: 'value' };
  return null;
}

/** The text of a row that is a single line of words, or null. */
function lineText(row: DocumentRow | undefined): string | null {
  if (row === undefined) return null;
  const texts = row.cells.map((cell) => toInlineText(cell.text)).filter((text) => text !== '');
  return texts.length === 1 ? (texts[0] ?? null) : texts.length === 0 ? '' : null;
}

/** A core CIVIT dimension named alone on a line ("Accessibilità", "Tempestività", "Promptness"). */
function isDimensionLine(text: string): boolean {
  return text !== '' && text.split(' ').length <= 3 && !classifyDimension(text).additional;
}

/**
 * Reads a table whose cells are lines of text with no separator under a header of known column names, one per line
 * (at least three, among them a valore programmato or a value column of a year, and an indicator or dimension
 * column). Null when the text has no such header. Throws a truncated-document CardReadError when the text stops
 * inside the first row, so that no indicator is whole.
 */
export function readLineCells(rows: readonly DocumentRow[], file: string): UnflattenedRows | null {
  const texts = rows.map(lineText);
  for (let start = 0; start < rows.length; start++) {
    const columns: HeaderColumn[] = [];
    let end = start;
    for (; end < rows.length; end++) {
      const column = headerColumn(texts[end] ?? '');
      if (column === null || texts[end] === '') break;
      columns.push(column);
    }
    const keys = columns.map((column) => column.key);
    const valued = keys.includes('target') || keys.includes('value');
    if (columns.length < 3 || !valued || !(keys.includes('description') || keys.includes('dimension')) || new Set(keys.filter((k) => k !== 'value')).size !== keys.filter((k) => k !== 'value').length) {
      start = Math.max(start, end - 1);
      continue;
    }
    return readBelow(rows, texts, start, end, columns, file);
  }
  return null;
}

function readBelow(rows: readonly DocumentRow[], texts: readonly (string | null)[], start: number, end: number, columns: HeaderColumn[], file: string): UnflattenedRows {
  const headerLine = rows[start]?.place.line ?? 1;
  const doubts: Finding[] = [];
  // A header with no dimension column under a dimension written above it ("Tempestività", then "Indicatore", …).
  let dimension: string | null = null;
  const withDimension = columns.some((column) => column.key === 'dimension');
  if (!withDimension) {
    let above = start - 1;
    while (above >= 0 && texts[above] === '') above--;
    const text = texts[above] ?? '';
    if (text !== null && isDimensionLine(text)) dimension = text;
  }
  // The rows are written dimension, indicator, values: the header is put in that order.
  const isValue = (c: HeaderColumn) => c.key === 'target' || c.key === 'value';
  const leadingColumns = columns.filter((c) => !isValue(c) && c.key !== 'dimension');
  const labels = [columns.find((c) => c.key === 'dimension')?.label ?? 'Dimensioni', ...leadingColumns.map((c) => c.label), ...columns.filter(isValue).map((c) => c.label)];
  const valueCount = columns.filter(isValue).length;
  const leading = leadingColumns.length;

  // The rows: lines up to the first blank line or line with cells.
  let stop = end;
  while (stop < rows.length && texts[stop] !== '' && texts[stop] !== null) stop++;
  const lines = texts.slice(end, stop) as string[];
  const lineOf = (index: number) => rows[end + index]?.place.line ?? headerLine;
  const cut = stop >= rows.length && !/[.;!?)]$/.test(lines[lines.length - 1] ?? '.');

  const out: DocumentRow[] = rows.slice(0, start).map((row) => row);
  out.push({ cells: labels.map((text) => ({ text })), place: { line: headerLine }, table: null });
  const read: DocumentRow[] = [];
  let pending: { line: number; first: string; more: string[] } | null = null;
  let lastWhole = true;
  const pendingFirst = () => (pending as { first: string } | null)?.first ?? '';
  // A last row the text cuts short may show as many lines as values without being whole: it is not read one cell a line.
  const close = (last = false) => {
    if (pending === null) return;
    const row = splitRow(pending.first, pending.more, valueCount, !(last && cut));
    lastWhole = row !== null;
    const { indicator, values } = row ?? { indicator: pending.first, values: [] };
    const blanks = Array.from({ length: Math.max(0, leading - 1) }, () => '');
    read.push({ cells: [dimension ?? '', indicator, ...blanks, ...values].map((text) => ({ text })), place: { line: pending.line }, table: null });
    pending = null;
  };
  for (const [index, text] of lines.entries()) {
    if (isDimensionLine(text)) {
      close();
      dimension = text;
      continue;
    }
    // A line continues the row above when that row runs over several lines and the line is no whole row itself.
    const current: { more: string[] } | null = pending;
    if (current !== null && (current.more.length > 0 || splitRow(pendingFirst(), [], valueCount) === null) && splitRow(text, [], valueCount) === null) {
      current.more.push(text);
      continue;
    }
    close();
    pending = { line: lineOf(index), first: text, more: [] };
  }
  close(true);
  if (cut && !lastWhole) {
    const last = read.pop();
    const shown = lines.slice(-3).join(' / ');
    if (read.length === 0) {
      throw new CardReadError('truncated-document', `the document is cut short inside the first row of its indicator table (it ends at "…${shown}"): no indicator is whole, nothing can be imported`, { file, line: rows[stop - 1]?.place.line ?? headerLine });
    }
    doubts.push({ code: 'truncated-row', severity: 'warning', file, line: last?.place.line ?? null, field: null, message: `the document ends inside this row ("…${shown}"), before its last value: it is cut short; the row is not imported, and the rows that followed it are missing` });
  }
  if (read.length === 0) return { rows: [...rows], doubts: [], truncated: false };
  // The text ends, after the table, on one word with no closing mark ("Azio"): a heading the copy cut short.
  const after = texts.slice(stop).filter((text): text is string => text !== null && text !== '');
  const tail = after[after.length - 1];
  const cutAfter = !cut && tail !== undefined && /^\p{L}{1,20}$/u.test(tail);
  if (cutAfter) {
    doubts.push({ code: 'truncated-text', severity: 'warning', file, line: rows[rows.length - 1]?.place.line ?? null, field: null, message: `the document ends, after the table, on a single word with no closing mark ("${tail}"): it looks cut short, and what followed is missing` });
  }
  doubts.unshift({ code: 'doubtful-cell', severity: 'warning', file, line: headerLine, field: null, message: `the table's cells are lines of text with no separator (columns ${labels.map((l) => `"${l}"`).join(', ')}): each indicator was told from its ${valueCount} values by their repetition, one per value column` });
  out.push(...read);
  out.push(...rows.slice(stop));
  return { rows: out, doubts, truncated: (cut && !lastWhole) || cutAfter };
}

interface SplitRow {
  indicator: string;
  values: string[];
}

/**
 * An indicator's line and the lines after it told apart into the indicator and its `count` values: the line ends with
 * `count` numbers ("55 55 55") or with the same words `count` times ("Tempestivo Tempestivo Tempestivo"); or the
 * first value opens with the line's last words and each of the others with a line of the same words ("Modalità di
 * contatto E-mail", "Telefono", …, "E-mail", "Telefono", …); or, when `oneALine`, each value is a line of its own
 * after the indicator's ("Tempo di registrazione in anagrafe", "2 giorni lavorativi", "100%"). Null when the words
 * cannot be told apart so.
 */
function splitRow(first: string, more: readonly string[], count: number, oneALine = false): SplitRow | null {
  const make = (indicator: string, values: string[]): SplitRow => ({ indicator, values });
  const words = first.split(' ');
  if (more.length === 0) {
    const tail = words.slice(-count);
    if (words.length > count && tail.every((word) => /^\d+(?:[.,]\d+)?%?$/.test(word))) return make(words.slice(0, -count).join(' '), tail);
    for (let size = 1; size * count < words.length; size++) {
      const phrase = words.slice(-size).join(' ');
      const repeated = Array.from({ length: count }, (_, k) => words.slice(words.length - size * (k + 1), words.length - size * k).join(' '));
      if (repeated.every((p) => p === phrase)) return make(words.slice(0, words.length - size * count).join(' '), repeated);
    }
    return null;
  }
  for (const opener of new Set(more)) {
    if (!first.endsWith(` ${opener}`) || first === opener) continue;
    const opens = more.filter((line) => line === opener).length;
    if (opens !== count - 1) continue;
    const values: string[][] = [[opener]];
    for (const line of more) {
      if (line === opener) values.push([line]);
      else values[values.length - 1]?.push(line);
    }
    return make(first.slice(0, -opener.length - 1), values.map((lines) => lines.join(' ')));
  }
  // Each cell a line of its own, one line per value ("Tempo di registrazione in anagrafe", "2 giorni lavorativi", "100%").
  if (oneALine && more.length === count) return make(first, [...more]);
  return null;
}
