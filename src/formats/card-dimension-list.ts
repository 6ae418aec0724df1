import { CIVIT_DIMENSIONS, classifyDimension, ENGLISH_DIMENSION_NAMES, findDimension } from '../domain/cards/dimension.ts';
import type { Finding } from '../domain/cards/finding.ts';
import type { DocumentRow } from './card-document.ts';
import { endsMidWord, type UnflattenedRows } from './card-flat-text.ts';
import { COLUMN_LABELS } from './card-text-labels.ts';
import { toInlineText } from './html-text.ts';

// A page that lists a charter's quality dimensions with their indicators and no table header: each line a dimension
// run together with its first indicator ("AccessibilityChannels available for accessing the service", as a web page's
// table cells come out of a text copy), further indicators of the same dimension on the lines below it, and no values.
// Under a header run together the same way ("DimensioniIndicatoriValore", the Università di Genova's service pages)
// each line also ends with its value, run together with the indicator ("…al servizioAccesso fisico…", "…carico6 giorni").

/** The names a dimension is written with, Italian and English, longest first so "Physical accessibility" wins. */
const DIMENSION_NAMES: readonly string[] = [...CIVIT_DIMENSIONS.map((entry) => entry.label), ...Object.values(ENGLISH_DIMENSION_NAMES).flat()].sort((a, b) => b.length - a.length);

/** At least this many different core dimensions (of the four) must open lines for the list to be read as a card. */
const MIN_CORE_DIMENSIONS = 3;

interface ListRow {
  line: number;
  dimension: string;
  description: string;
  target: string;
}

/** "DimensioniIndicatoriValore", "Dimensions Indicators Value": the list's own header, its cells run together. */
const VALUE_HEADER = /^(?:dimensioni|dimensions)\s*(?:indicatori|indicators)\s*(?:valor[ei]|values?)$/i;

/**
 * An indicator and its value run together: the value starts at the first capital letter or digit written right after
 * a small letter or a closing bracket ("servizioAccesso fisico", "carico6 giorni", "(scala 1/6)3,97").
 */
function splitValue(text: string): { description: string; target: string } {
  const at = /[\p{Ll})](?=[\p{Lu}\d])/u.exec(text);
  return at === null ? { description: text, target: '' } : { description: text.slice(0, at.index + 1).trim(), target: text.slice(at.index + 1).trim() };
}

/**
 * Reads a list of dimensions and indicators written as lines of text with no table header, or null when the document
 * has no such list (lines opening with at least three of the four core dimensions, one after the other). The rows
 * have no valore programmato; the text after the list is left out, with a doubt.
 */
export function readDimensionList(rows: readonly DocumentRow[], file: string): UnflattenedRows | null {
  const texts = rows.map((row) => (row.cells.length === 1 ? toInlineText(row.cells[0]?.text ?? '') : null));
  const vocabulary = wordsOf(texts);
  for (let start = 0; start < rows.length; start++) {
    const first = splitDimensionLine(texts[start] ?? null, vocabulary);
    if (first === null) continue;
    const list: ListRow[] = [];
    let end = start;
    let dimension = first.dimension;
    const withValues = VALUE_HEADER.test(texts[start - 1] ?? '');
    for (; end < rows.length; end++) {
      const text = texts[end];
      if (text === null || text === undefined || text === '' || text.endsWith(':')) break;
      const split = splitDimensionLine(text, vocabulary);
      if (split) dimension = split.dimension;
      const indicator = split ? split.description : text;
      list.push({ line: rows[end]?.place.line ?? end + 1, dimension, ...(withValues ? splitValue(indicator) : { description: indicator, target: '' }) });
    }
    const core = new Set(list.map((row) => classifyDimension(row.dimension).key).filter((key) => findDimension(key)?.kind === 'core'));
    if (core.size < MIN_CORE_DIMENSIONS) {
      start = end;
      continue;
    }
    return toRows(rows, start, end, list, file);
  }
  return null;
}

function toRows(rows: readonly DocumentRow[], start: number, end: number, list: readonly ListRow[], file: string): UnflattenedRows {
  const firstLine = list[0]?.line ?? 1;
  const withValues = list.some((row) => row.target !== '');
  const doubts: Finding[] = [
    {
      code: 'doubtful-cell',
      severity: 'warning',
      file,
      line: firstLine,
      field: null,
      message: `no indicator table: ${list.length} lines that open with a quality dimension (line ${firstLine} to ${list[list.length - 1]?.line ?? firstLine}) are read as its rows, dimension and indicator told apart where their words run together; ${withValues ? 'each line\'s value is read where it runs into the indicator (a capital letter or a digit right after a small letter)' : 'the list gives no valore programmato'}`,
    },
  ];
  const after = rows.slice(end).filter((row) => row.cells.some((cell) => toInlineText(cell.text) !== ''));
  const lastAfter = after[after.length - 1];
  let truncated = false;
  if (after[0] && lastAfter) {
    doubts.push({ code: 'doubtful-line', severity: 'info', file, line: after[0].place.line, field: null, message: `the text after the list of dimensions (lines ${after[0].place.line} to ${lastAfter.place.line}) is not part of the card: not imported` });
    const lastWord = toInlineText(lastAfter.cells.map((cell) => cell.text).join(' ')).split(' ').pop() ?? '';
    if (endsMidWord(lastWord)) {
      truncated = true;
      doubts.push({ code: 'truncated-text', severity: 'warning', file, line: lastAfter.place.line, field: null, message: `the document ends in the middle of a word ("${lastWord}") with no full stop: it looks cut short, and what followed is missing` });
    }
  }
  // The list's rows become a table with a header of its own: on the blank line above the list, or numbered before
  // the list's first line with the lines after it moved down one (line numbers keep increasing).
  const before = rows[start - 1];
  const blankAbove = before !== undefined && before.cells.every((cell) => toInlineText(cell.text) === '');
  const out: DocumentRow[] = rows.slice(0, blankAbove ? start - 1 : start);
  let last = blankAbove ? before.place.line : firstLine;
  out.push({ cells: [COLUMN_LABELS.dimension, COLUMN_LABELS.description, COLUMN_LABELS.target].map((text) => ({ text })), place: { line: last }, table: null });
  for (const row of list) {
    last = Math.max(last + 1, row.line);
    out.push({ cells: [row.dimension, row.description, row.target].map((text) => ({ text })), place: { line: last }, table: null });
  }
  return { rows: out, doubts, truncated, unnamedBecause: 'its indicators were read from a list of dimensions in running text, not from a card' };
}

/** How often each word (lower case) is written in the document: what a run-together word is split into. */
function wordsOf(texts: readonly (string | null)[]): Map<string, number> {
  const words = new Map<string, number>();
  for (const text of texts) for (const word of (text ?? '').split(/[^\p{L}]+/u)) if (word !== '') words.set(word.toLowerCase(), (words.get(word.toLowerCase()) ?? 0) + 1);
  return words;
}

/**
 * A line that opens with a dimension's name, split into the dimension and its indicator: "TimelinessMaximum time…"
 * at the capital letter, "Accessibility for people with disabilitiesthe quality levels…" (a dimension of the card's
 * own) at the word made of two words of the document. Null for any other line.
 */
function splitDimensionLine(text: string | null, vocabulary: ReadonlyMap<string, number>): { dimension: string; description: string } | null {
  if (text === null) return null;
  const name = DIMENSION_NAMES.find((n) => text.startsWith(n));
  if (name === undefined) return null;
  const rest = text.slice(name.length);
  if (/^\p{Lu}/u.test(rest)) return { dimension: name, description: rest.trim() };
  if (!rest.startsWith(' ')) return null;
  const words = rest.trim().split(' ');
  for (const [index, word] of words.entries()) {
    const joined = splitJoinedWord(word, vocabulary);
    if (joined === null) continue;
    return { dimension: [name, ...words.slice(0, index), joined[0]].join(' '), description: [joined[1], ...words.slice(index + 1)].join(' ') };
  }
  return null;
}

/** "disabilitiesthe" → ["disabilities", "the"] when both are words of the document and the whole one is not. */
function splitJoinedWord(word: string, vocabulary: ReadonlyMap<string, number>): [string, string] | null {
  // A word written once, made of two words the document writes elsewhere.
  if (!/^\p{L}+$/u.test(word) || (vocabulary.get(word.toLowerCase()) ?? 0) > 1) return null;
  for (let at = word.length - 2; at >= 3; at--) {
    const head = word.slice(0, at);
    const tail = word.slice(at);
    if (vocabulary.has(head.toLowerCase()) && vocabulary.has(tail.toLowerCase()) && /^\p{Ll}/u.test(tail)) return [head, tail];
  }
  return null;
}
