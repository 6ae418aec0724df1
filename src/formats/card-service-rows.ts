import { classifyDimension, findDimension } from '../domain/cards/dimension.ts';
import type { Finding } from '../domain/cards/finding.ts';
import type { DocumentRow } from './card-document.ts';
import type { UnflattenedRows } from './card-flat-text.ts';
import { FIELD_LABELS, foldLabel, matchColumnLabel, type ColumnKey } from './card-text-labels.ts';
import { toInlineText } from './html-text.ts';

// The text a web page's table leaves when its header cells stand on lines of their own (blank lines between) and each
// row runs its cells together with spaces: the Comune di Venezia's WebCarta "Standard:" pages (SERVIZIO EROGATO,
// FATTORI DELLA QUALITÀ, INDICATORI, STANDARD; "Scuolabus tempestività Tempo di evasione delle domande … <= 28 gg",
// test/fixtures/cards/corpus/venezia-standard-trasporti-scolastici.txt). A row ends with its standard, a comparator
// and a number ("<= 28 gg", ">= 60 controlli"), on its line or on the next one; a row whose line starts with a blank
// continues the service above. The factor is told from the indicator by the CIVIT dimension it names or, when it
// names none, by the word that opens the indicator ("numero", "tempo", …). Every row read this way is a doubt.

/** The service column, written before the factor ("Servizio erogato", "Servizi erogati", "Servizio"). */
const SERVICE_COLUMN = /^servizi[o]?(?: erogat[oi])?$/;
/** A row's standard at its end: a comparator, a number, a word of unit ("<= 28 gg", ">= 60 controlli", "<=10 gg"). */
const TARGET_AT_END = /(?:^|\s)((?:<=|>=|≤|≥|<|>)\s?\d+(?:[.,]\d+)?(?:\s?[\p{L}%.]+)?)$/u;
/** Words that open an indicator written after a factor the catalogue does not know ("controlli e monitoraggi numero di …"). */
const INDICATOR_START = /^(?:numero|n\.|n°|tempo|tempi|percentuale|rapporto|media|giorni|ore|durata|frequenza|attesa|risposta)$/i;

type Column = { key: ColumnKey | 'service'; label: string };

function headerColumn(text: string): Column | null {
  const label = toInlineText(text);
  if (SERVICE_COLUMN.test(foldLabel(label))) return { key: 'service', label };
  const key = matchColumnLabel(label);
  return key === null ? null : { key, label };
}

/** The text of a row that is a single cell (the line as written, its leading blanks kept), or null. */
function rawLine(row: DocumentRow | undefined): string | null {
  if (row === undefined) return null;
  const texts = row.cells.map((cell) => cell.text).filter((text) => text.trim() !== '');
  return texts.length === 1 ? (texts[0] ?? null) : texts.length === 0 ? '' : null;
}

/** The header: a service column (or none), then a factor, an indicator and a standard column, one a line, blank lines between. */
function findHeader(lines: readonly (string | null)[]): { start: number; end: number; columns: Column[] } | null {
  for (let start = 0; start < lines.length; start++) {
    const columns: Column[] = [];
    let end = start;
    for (let at = start; at < lines.length; at++) {
      const line = lines[at];
      if (line === null || line === undefined) break;
      if (line.trim() === '') continue;
      const column = headerColumn(line);
      if (column === null) break;
      columns.push(column);
      end = at + 1;
    }
    const keys = columns.map((c) => c.key);
    const core = keys.filter((k) => k !== 'service');
    if (core.join(',') === 'dimension,description,target' && (keys.length === 3 || keys[0] === 'service')) return { start, end, columns };
  }
  return null;
}

interface Cells {
  service: string | null;
  dimension: string;
  description: string;
  target: string;
}

/** Splits a row's words into its service (when the row names one), its factor and its indicator. */
function splitRow(text: string, target: string, hasService: boolean): Cells | null {
  const opensService = hasService && !/^\s/.test(text);
  const words = text.trim().slice(0, text.trim().length - target.length).trim().split(/\s+/).filter((w) => w !== '');
  const known = words.findIndex((word) => findDimension(classifyDimension(word).key) !== undefined);
  if (known >= 0 && (opensService ? known > 0 : known === 0)) {
    return { service: opensService ? words.slice(0, known).join(' ') : null, dimension: words[known] ?? '', description: words.slice(known + 1).join(' '), target };
  }
  if (opensService) return null;
  const start = words.findIndex((word, index) => index > 0 && INDICATOR_START.test(word));
  if (start < 0) return null;
  return { service: null, dimension: words.slice(0, start).join(' '), description: words.slice(start).join(' '), target };
}

/**
 * Reads a table whose header cells stand one a line and whose rows run their cells together (see above). One card per
 * service the rows name (none when there is no service column). Null when the text holds no such header followed by
 * at least one row whose cells can be told apart.
 */
export function readServiceRows(rows: readonly DocumentRow[], file: string): UnflattenedRows[] | null {
  const lines = rows.map(rawLine);
  const header = findHeader(lines);
  if (header === null) return null;
  const hasService = header.columns[0]?.key === 'service';
  const cards: { service: string | null; rows: { cells: Cells; line: number }[] }[] = [];
  let at = header.end;
  let tableEnd = rows.length;
  while (at < rows.length) {
    while (at < rows.length && (lines[at] ?? '').trim() === '') at++;
    if (at >= rows.length) break;
    const first = lines[at];
    if (first === null || first === undefined) {
      tableEnd = at;
      break;
    }
    // A row's standard is on its line or on the next one with text.
    let text = first;
    let end = at + 1;
    let target = TARGET_AT_END.exec(text.trim())?.[1];
    if (target === undefined) {
      let next = end;
      while (next < rows.length && (lines[next] ?? '').trim() === '') next++;
      const more = lines[next];
      const joined = more === null || more === undefined ? null : `${text} ${more.trim()}`;
      target = joined === null ? undefined : TARGET_AT_END.exec(joined.trim())?.[1];
      if (target !== undefined && joined !== null) {
        text = joined;
        end = next + 1;
      }
    }
    const cells = target === undefined ? null : splitRow(text, target, hasService);
    if (cells === null) {
      tableEnd = at;
      break;
    }
    const line = rows[at]?.place.line ?? 0;
    const open = cards[cards.length - 1];
    if (cells.service !== null || open === undefined) cards.push({ service: cells.service, rows: [{ cells, line }] });
    else open.rows.push({ cells, line });
    at = end;
  }
  if (cards.length === 0) return null;
  const preamble = rows.slice(0, header.start);
  const headerLine = rows[header.start]?.place.line ?? 1;
  const labels = header.columns.filter((c) => c.key !== 'service').map((c) => c.label);
  return cards.map((card, index) => {
    const doubts: Finding[] = [];
    const out: DocumentRow[] = [...preamble];
    if (card.service !== null) {
      out.push({ cells: [{ text: FIELD_LABELS.name }, { text: card.service }], place: { line: card.rows[0]?.line ?? headerLine }, table: null });
      doubts.push({ code: 'doubtful-cell', severity: 'info', file, line: card.rows[0]?.line ?? headerLine, field: 'name', message: `service name read from the first words of the row under "${header.columns[0]?.label ?? ''}": "${card.service}"` });
    }
    out.push({ cells: labels.map((text) => ({ text })), place: { line: headerLine }, table: null });
    doubts.push({ code: 'doubtful-cell', severity: 'warning', file, line: headerLine, field: null, message: `the table's header cells stand one a line and each row runs its cells together: the factor, the indicator and the standard were told apart by their words (columns ${labels.map((l) => `"${l}"`).join(', ')})` });
    for (const row of card.rows) {
      out.push({ cells: [{ text: row.cells.dimension }, { text: row.cells.description }, { text: row.cells.target }], place: { line: row.line }, table: null });
      doubts.push({ code: 'doubtful-dimension', severity: 'info', file, line: row.line, field: 'dimension', message: `"${row.cells.dimension}" read as the factor of quality, "${row.cells.target}" as the standard` });
    }
    if (index === cards.length - 1) out.push(...rows.slice(tableEnd));
    return { rows: out, doubts, truncated: false };
  });
}
