import type { Finding } from '../domain/cards/finding.ts';
import type { DocumentRow } from './card-document.ts';
import type { UnflattenedRows } from './card-flat-text.ts';
import { FIELD_LABELS, matchColumnLabel, matchFieldLabel, type ColumnKey } from './card-text-labels.ts';
import { toInlineText } from './html-text.ts';
import { dropCardCutInFirstRow, lineText } from './card-text-lines.ts';

// A table written transposed, as a web page's two-column table of labels and values comes out of a text copy: its
// column labels are the row labels, each followed by its value, every label and every value closed by " |" (a value
// of several lines closed by the "|" at the end of its last line, or by a lone "|"). A page of several services gives
// a title line above each block ("CAMPIONAMENTO ACQUEDOTTI PUBBLICI (cod. A173-SQ01_20)", then "DIMENSIONE DELLA
// QUALITÀ |", "Area Prevenzione: … |", "INDICATORE |", …, "STANDARD DI QUALITÀ |", …, "|": ATS Milano's Guida ai
// servizi, test/fixtures/cards/corpus/atsmilano-guida-servizi-acqua.txt). Only labels the importer knows as columns
// open a cell, so a page of other label/value pairs (a service's "Person in charge |") is not read so.

/** A line that closes a cell: words and a final "|", or a lone "|". */
const CLOSED = /^(.*?)\s*\|$/;
/** A Markdown separator row ("---|", "|---|---|"): the labels above it head a table, they are no label/value pairs. */
const SEPARATOR = /^[\s|:-]*-[\s|:-]*$/;
/** A code in brackets at the end of a title ("(cod. A173-SQ01_20)", "(codice 12)", "[ID S-04]"): no part of the service's name. */
const TITLE_CODE = /\s*[([]\s*((?:cod(?:ice)?|code|id)\b\.?\s*:?\s*[\p{L}\p{N}][\p{L}\p{N}./_-]*)\s*[)\]]\s*$/iu;
/** A title longer than this is prose, not a service's name. */
const MAX_TITLE_LENGTH = 200;

interface Pair {
  key: ColumnKey;
  label: string;
  value: string;
  /** Lines (1-based) of the label and of the value's first line. */
  labelLine: number;
  valueLine: number;
  /** The text ends inside the value, before its closing "|". */
  cut: boolean;
}

interface Block {
  pairs: Pair[];
  /** Indexes in the rows of the first label and of the row after the block. */
  start: number;
  end: number;
  title: { index: number; text: string } | null;
}

/** The column a line names as a label closed by "|" ("INDICATORE |"), or null. */
function labelOf(text: string | null): { key: ColumnKey; label: string } | null {
  if (text === null) return null;
  const closed = CLOSED.exec(text);
  const label = closed?.[1] ?? '';
  if (label === '' || label.includes('|')) return null;
  const key = matchColumnLabel(label);
  return key === null ? null : { key, label: toInlineText(label) };
}

/**
 * The value that starts at `from`: its lines up to the first one closed by "|"; `cut` when the text ends before any
 * closes it; null when a blank line, a label or a separator comes first.
 */
function valueAt(texts: readonly (string | null)[], from: number): { value: string; end: number; cut: boolean } | null {
  const parts: string[] = [];
  for (let at = from; at < texts.length; at++) {
    const text = texts[at];
    if (text === null || text === undefined || text === '' || SEPARATOR.test(text) || labelOf(text) !== null) return null;
    const closed = CLOSED.exec(text);
    if (closed === null) {
      parts.push(text);
      continue;
    }
    const last = closed[1] ?? '';
    // A line of several cells ("a | b |") is another layout.
    if (last.includes('|')) return null;
    if (last !== '') parts.push(last);
    return { value: toInlineText(parts.join(' ')), end: at + 1, cut: false };
  }
  return parts.length > 0 ? { value: toInlineText(parts.join(' ')), end: texts.length, cut: true } : null;
}

/** The line above a block that names its service: not blank, not closed by "|", no label; null when there is none. */
function titleAbove(texts: readonly (string | null)[], start: number, floor: number): Block['title'] {
  let at = start - 1;
  while (at >= floor && texts[at] === '') at--;
  const text = at >= floor ? texts[at] : null;
  if (text === null || text === undefined || CLOSED.test(text) || SEPARATOR.test(text) || text.length > MAX_TITLE_LENGTH) return null;
  if (matchColumnLabel(text) !== null || matchFieldLabel(text) !== null || text.endsWith(':')) return null;
  return { index: at, text: toInlineText(text) };
}

/**
 * The blocks of label/value pairs, in order: a block names a dimension, an indicator and its valore programmato (a
 * card's rows need all three, and fewer known labels are too weak a sign), or, when the text ends inside one of its
 * values, at least two of them.
 */
function findBlocks(rows: readonly DocumentRow[], texts: readonly (string | null)[]): Block[] {
  const blocks: Block[] = [];
  let floor = 0;
  for (let index = 0; index < texts.length; ) {
    const pairs: Pair[] = [];
    const start = index;
    let at = index;
    while (at < texts.length) {
      const label = labelOf(texts[at] ?? null);
      const value = label === null ? null : valueAt(texts, at + 1);
      if (label === null || value === null) break;
      pairs.push({ ...label, value: value.value, labelLine: rows[at]?.place.line ?? at + 1, valueLine: rows[at + 1]?.place.line ?? at + 2, cut: value.cut });
      at = value.end;
    }
    const keys = new Set(pairs.map((pair) => pair.key));
    const cut = pairs.some((pair) => pair.cut);
    if ((keys.has('dimension') && keys.has('description') && keys.has('target')) || (cut && keys.size >= 2)) {
      blocks.push({ pairs, start, end: at, title: titleAbove(texts, start, floor) });
      floor = at;
    }
    index = Math.max(index + 1, at);
  }
  return blocks;
}

/** A card's rows as the builder reads them, how many indicator rows it has, and the value the text ends in. */
interface ReadCard extends UnflattenedRows {
  rowCount: number;
  cut: Pair | null;
}

interface CardRows {
  title: Block['title'];
  blocks: Block[];
}

/**
 * Reads a text whose indicator table is written transposed, as blocks of known column labels each followed by its
 * value, closed by "|": one card per block that has a title line above it (its service name, any code in brackets
 * left out), a block with no title continuing the card above; labels that come again under one title start another
 * row. Null when the text holds no such block (a dimension, an indicator and a valore programmato, each with its value).
 * Throws a truncated-document CardReadError when the text ends inside the first row, so that no indicator is whole.
 */
export function readLabelBlocks(rows: readonly DocumentRow[], file: string): UnflattenedRows[] | null {
  const texts = rows.map(lineText);
  const blocks = findBlocks(rows, texts);
  if (blocks.length === 0) return null;
  const cards: CardRows[] = [];
  for (const block of blocks) {
    const open = cards[cards.length - 1];
    if (block.title === null && open !== undefined) open.blocks.push(block);
    else cards.push({ title: block.title, blocks: [block] });
  }
  const first = blocks[0];
  const preamble = rows.slice(0, first?.title?.index ?? first?.start ?? 0);
  const read = cards.map((card, index) => {
    const next = cards[index + 1];
    const end = card.blocks[card.blocks.length - 1]?.end ?? rows.length;
    const after = rows.slice(end, next === undefined ? rows.length : (next.title?.index ?? next.blocks[0]?.start ?? rows.length));
    return readCard(rows, card, preamble, after, file);
  });
  const last = read[read.length - 1];
  if (last !== undefined && last.cut !== null && last.rowCount === 0) {
    // The text ends inside the only row of the last service: that service is not imported, the one above says so.
    dropCardCutInFirstRow(read, { line: last.cut.labelLine, where: `in the value of "${last.cut.label}", before its closing "|"` }, file);
  }
  return read.map(({ rows: cardRows, doubts, truncated }) => ({ rows: cardRows, doubts, truncated }));
}

/** One card's rows: the lines above the first block, its name, its header, a row per indicator, then what follows it. */
function readCard(rows: readonly DocumentRow[], card: CardRows, preamble: readonly DocumentRow[], after: readonly DocumentRow[], file: string): ReadCard {
  const doubts: Finding[] = [];
  const firstBlock = card.blocks[0];
  const headerLine = firstBlock?.pairs[0]?.labelLine ?? 1;
  const out: DocumentRow[] = [...preamble];
  const title = card.title;
  if (title !== null) {
    const code = TITLE_CODE.exec(title.text);
    const withoutCode = code === null ? '' : title.text.slice(0, code.index).trim();
    // A title that is only a code keeps it: it is the only name there is.
    const name = withoutCode === '' ? title.text : withoutCode;
    const line = rows[title.index]?.place.line ?? headerLine;
    out.push({ cells: [{ text: FIELD_LABELS.name }, { text: name }], place: { line }, table: null });
    doubts.push({ code: 'doubtful-cell', severity: 'info', file, line, field: 'name', message: `service name read from the title line above the labels: "${name}"` });
    if (code !== null && withoutCode !== '') doubts.push({ code: 'doubtful-cell', severity: 'info', file, line, field: 'name', message: `the code in brackets after the title, "${code[1] ?? ''}", is left out of the service name` });
  }

  // The rows: a label already given in the row, or one whose column comes before the last one's (in the order the
  // labels first came), starts another one; a row may leave out a label ("INDICATORE", "STANDARD" again under one
  // "DIMENSIONE"), and the builder then reads its dimension from the row above.
  const indicatorRows: Pair[][] = [];
  const order: ColumnKey[] = [];
  for (const [blockIndex, block] of card.blocks.entries()) {
    let row: Pair[] = [];
    indicatorRows.push(row);
    if (blockIndex > 0) doubts.push({ code: 'doubtful-line', severity: 'info', file, line: block.pairs[0]?.labelLine ?? null, field: null, message: 'a block of labels with no title line above it: read as another row of the service above' });
    for (const pair of block.pairs) {
      if (!order.includes(pair.key)) order.push(pair.key);
      const previous = row[row.length - 1];
      if (row.some((p) => p.key === pair.key) || (previous !== undefined && order.indexOf(pair.key) < order.indexOf(previous.key))) {
        row = [];
        indicatorRows.push(row);
        doubts.push({ code: 'doubtful-line', severity: 'info', file, line: pair.labelLine, field: null, message: `the label "${pair.label}" comes again under the same title: another row of the service starts here` });
      }
      row.push(pair);
    }
  }
  // The columns, in the order their labels first come.
  const columns: { key: ColumnKey; label: string }[] = [];
  for (const pair of indicatorRows.flat()) if (!columns.some((c) => c.key === pair.key)) columns.push({ key: pair.key, label: pair.label });
  out.push({ cells: columns.map((c) => ({ text: c.label })), place: { line: headerLine }, table: null });
  doubts.push({
    code: 'doubtful-cell',
    severity: 'warning',
    file,
    line: headerLine,
    field: null,
    message: `the table is written transposed, each column's label (${columns.map((c) => `"${c.label}"`).join(', ')}) before its value and each closed by "|": each block of labels was read as a row`,
  });
  const data: DocumentRow[] = indicatorRows.map((row) => ({
    cells: columns.map((column) => ({ text: row.find((pair) => pair.key === column.key)?.value ?? '' })),
    place: { line: row[0]?.valueLine ?? headerLine },
    table: null,
  }));
  // A row whose value the text cuts before its closing "|" is not whole: it is left out.
  const cutRow = indicatorRows.findIndex((row) => row.some((pair) => pair.cut));
  const cut = indicatorRows[cutRow]?.find((pair) => pair.cut) ?? null;
  if (cut !== null) {
    data.splice(cutRow, 1);
    doubts.push({ code: 'truncated-row', severity: 'warning', file, line: cut.labelLine, field: null, message: `the document ends inside the value of "${cut.label}", before its closing "|": it is cut short; the row is not imported, and what followed it is missing` });
  }
  out.push(...data);
  // What lay between the blocks of one card follows its table, with what follows the card.
  for (const [index, block] of card.blocks.entries()) {
    const next = card.blocks[index + 1];
    if (next !== undefined) out.push(...rows.slice(block.end, next.start));
  }
  out.push(...after);
  return { rows: out, doubts, truncated: cut !== null, rowCount: data.length, cut };
}
