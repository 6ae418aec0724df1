import { CIVIT_DIMENSIONS, UNSTATED_DIMENSION, classifyDimension, findDimension } from '../domain/cards/dimension.ts';
import { CardReadError } from '../domain/cards/card-read-error.ts';
import type { Finding } from '../domain/cards/finding.ts';
import type { DocumentRow } from './card-document.ts';
import { MAX_FIELD_WORDS, foldLabel, isFieldLabel } from './card-text-labels.ts';
import { toInlineText } from './html-text.ts';

// Cards whose table lost its cells: text copied from a PDF, "pdftotext" output with one word per line, a web page
// that printed each row as a sentence. The words are read as a stream: the header names the columns in order, each
// row ends with its valore programmato, the dimension (or a sub-dimension that implies it) opens a row, and the
// formula is told from the description by its wording. Every cell placed this way is a doubt.

interface Token {
  text: string;
  line: number;
  /** The token ends its source line. */
  lineEnd: boolean;
}

/** The token of a row that has cells of its own. */
const CELLS_ROW = '\u0000';

/** The header labels a flattened table is read by, folded, exactly: a window of words must be one of them. */
const HEADER_PHRASES: ReadonlyMap<string, ColumnName> = new Map([
  ...['dimensioni', 'dimensione', 'dimensions', 'dimension'].map((p) => [p, 'dimension'] as const),
  ...['sottodimensioni', 'sottodimensione', 'sotto dimensioni', 'sotto dimensione', 'sub dimensioni', 'subdimensions', 'sub dimensions'].map((p) => [p, 'subdimension'] as const),
  ...['descrizione indicatore', 'descrizione dell indicatore', 'descrizione degli indicatori', 'descrizione', 'indicatore', 'indicatori', 'indicator', 'indicators', 'description'].map((p) => [p, 'description'] as const),
  ...['formula indicatore', 'formula dell indicatore', 'formula', 'metodo di calcolo', 'modalita di calcolo', 'formula di calcolo'].map((p) => [p, 'formula'] as const),
  ...['valore programmato', 'valori programmati', 'valore atteso', 'valore obiettivo', 'target', 'standard', 'standard di qualita', 'standard programmato'].map((p) => [p, 'target'] as const),
  ...['note', 'annotazioni', 'osservazioni', 'notes'].map((p) => [p, 'notes'] as const),
]);
const MAX_LABEL_WORDS = 4;

/** Words that end a row's target: units after the number. */
const UNIT = /^(?:%|giorni|giorno|gg\.?|lavorativi|ore|ora|h|minuti|min\.?|settimane|settimana|mesi|mese|anni|anno|secondi|sec\.?|days?|hours?|minutes?|weeks?|l'anno|all'anno|annui|annue)$/i;
/** Words that may come before a target's number. */
const TARGET_LEAD = /^(?:≥|≤|>=|<=|>|<|=|£|³|entro|almeno|max\.?|massimo|minimo|min\.?|non|oltre|superiore|inferiore|pari|a|al|il|le|di|uguale|maggiore|minore|o|ad|fino|up|to|at|least|within)$/i;
const NUMBER = /^(?:[≥≤><=£³]=?)?\d+(?:[.,]\d+)?(?:%|h|gg)?$/;
/** A number written with its comparator ("≥9h", "£30", "<= 5"): a target, not a number of a description. */
const COMPARED = /(?:^|\s)(?:[≥≤><£³]=?\s?)\d/;
/** Words that open a formula. */
const FORMULA_START = /^(?:numero|n\.|n°|nr\.?|percentuale|rapporto|tempo|tempi|giorni|ore|media|totale|somma|data|rilevazione|verifica|sommatoria|quota|indice|%)$/i;
const FOOTNOTE = /^\\?\(\s*\\?[*&]\s*\)$|^\(\d{1,2}\)$/;

/** Sub-dimension words of the CIVIT dimensions ("fisica", "multicanale", "Responsabili", …), folded, with their dimension. */
const SUBDIMENSIONS: readonly { words: string[]; dimension: string }[] = CIVIT_DIMENSIONS.flatMap((entry) =>
  entry.subdimensions.flatMap((sub) => {
    const words = foldLabel(sub.label).split(' ');
    const own = foldLabel(entry.label);
    // "Accessibilità fisica" is also written "fisica" alone.
    return words[0] === own && words.length > 1 ? [{ words, dimension: entry.label }, { words: words.slice(1), dimension: entry.label }] : [{ words, dimension: entry.label }];
  }),
);

/** The rows of a card read from run-together text, the doubts of telling its cells apart, and whether the text is cut short. */
export interface UnflattenedRows {
  rows: DocumentRow[];
  doubts: Finding[];
  /** The text stops inside the table or inside a word: the document is cut short (a doubt says where). */
  truncated: boolean;
  /** Why the card may name no service (the rows were not read from a card's table), when that is so. */
  unnamedBecause?: string;
}

/**
 * Reads a card whose indicator table was flattened into text. Null when the rows are not single lines of text or no
 * header naming the columns (with "Dimensioni" and a target column) can be found among their words.
 */
export function unflattenRows(rows: readonly DocumentRow[], file: string): UnflattenedRows | null {
  const tokens: Token[] = [];
  for (const row of rows) {
    const texts = row.cells.map((cell) => toInlineText(cell.text)).filter((text) => text !== '');
    // A row that still has cells (a key/value line) is no table row: one token stands for it.
    if (texts.length > 1) {
      tokens.push({ text: CELLS_ROW, line: row.place.line, lineEnd: true });
      continue;
    }
    const words = (texts[0] ?? '').split(' ').filter((w) => w !== '');
    words.forEach((text, index) => tokens.push({ text, line: row.place.line, lineEnd: index === words.length - 1 }));
  }
  const header = findHeader(tokens);
  if (header === null) return null;
  const doubts: Finding[] = [];
  const doubt = (line: number, field: string | null, message: string, severity: Finding['severity'] = 'info') =>
    doubts.push({ code: field === 'dimension' ? 'doubtful-dimension' : 'doubtful-cell', severity, file, line, field, message });

  const wordPerLine = isWordPerLine(rows);
  const headerLine = tokens[header.start]?.line ?? 1;
  const out: DocumentRow[] = [];
  // Above the table: lines as they were, or (one word per line) lines rebuilt at each field label.
  if (wordPerLine) for (const line of splitAtFields(tokens.slice(0, header.start))) out.push({ cells: line.cells.map((text) => ({ text })), place: { line: line.line }, table: null });
  else out.push(...rows.filter((row) => row.place.line < headerLine));
  out.push({ cells: header.labels.map((label) => ({ text: label })), place: { line: headerLine }, table: null });
  doubt(headerLine, null, `the table's cells are run together in the text: rows and cells were told apart by their words (columns ${header.labels.map((l) => `"${l}"`).join(', ')})`, 'warning');

  const properNouns = findProperNouns(rows);
  let index = header.end;
  let dimension: string | null = null;
  let tableEnd = tokens.length;
  const indicatorRows: DocumentRow[] = [];
  let lastRow: { line: number; words: string[]; hasTarget: boolean } | null = null;
  while (index < tokens.length) {
    const first = tokens[index];
    if (first === undefined || endsTable(tokens, index)) {
      tableEnd = index;
      break;
    }
    const end = rowEnd(tokens, index, wordPerLine);
    const rowTokens = tokens.slice(index, end);
    index = end;
    const cells = splitRow(rowTokens, header.columns, dimension, properNouns, (field, message, severity) => doubt(first.line, field, message, severity));
    if (cells === null) continue;
    if (cells.dimension !== '') dimension = classifyDimension(cells.dimension).label;
    // Rows above the first dimension written (its merged cell lost from the text) keep the unstated one.
    else if (dimension === null) cells.dimension = UNSTATED_DIMENSION.label;
    const texts = header.columns.map((key) => cells[key]);
    indicatorRows.push({ cells: texts.map((text) => ({ text })), place: { line: first.line }, table: null });
    lastRow = { line: first.line, words: rowTokens.map((t) => t.text), hasTarget: cells.target !== '' };
  }
  if (indicatorRows.length === 0) return null;
  let truncated = false;
  const lastWords = tokens.filter((t) => t.text !== CELLS_ROW).slice(-1)[0]?.text ?? '';
  if (tableEnd === tokens.length && lastRow !== null && !lastRow.hasTarget && !/[.;!?)]$/.test(lastWords)) {
    // The text stops inside the table's last row, before its valore programmato: the document is cut short.
    const cut = lastRow;
    const shown = cut.words.slice(-6).join(' ');
    if (indicatorRows.length === 1) {
      const endLine = tokens[tokens.length - 1]?.line ?? cut.line;
      throw new CardReadError('truncated-document', `the document is cut short inside the first row of its indicator table (it ends at "…${shown}", before the row's valore programmato): no indicator is whole, nothing can be imported`, { file, line: endLine });
    }
    indicatorRows.pop();
    for (let i = doubts.length - 1; i >= 0; i--) if (doubts[i]?.line === cut.line) doubts.splice(i, 1);
    doubts.push({ code: 'truncated-row', severity: 'warning', file, line: cut.line, field: null, message: `the document ends inside this row ("…${shown}"), before its valore programmato: it is cut short; the row is not imported, and the rows and fields that followed it are missing` });
    truncated = true;
  } else if (tableEnd < tokens.length && endsMidWord(lastWords)) {
    const line = tokens[tokens.length - 1]?.line ?? null;
    doubts.push({ code: 'truncated-text', severity: 'warning', file, line, field: null, message: `the document ends in the middle of a word ("${lastWords}") with no full stop: it looks cut short, and what followed (service fields, notes) is missing` });
    truncated = true;
  }
  // Rows become tab-separated lines; numbers keep increasing.
  let last = headerLine;
  for (const row of indicatorRows) {
    last = Math.max(last + 1, row.place.line);
    out.push({ ...row, place: { line: last } });
  }
  const firstBelow = tokens[tableEnd]?.line ?? Infinity;
  const below = wordPerLine ? splitAtFields(tokens.slice(tableEnd)) : rows.filter((row) => row.place.line >= firstBelow).map((row) => ({ line: row.place.line, cells: row.cells.map((c) => c.text) }));
  for (const line of below) {
    last = Math.max(last + 1, line.line);
    out.push({ cells: line.cells.map((text) => ({ text })), place: { line: last }, table: null });
  }
  for (const d of doubts) if (d.line !== null && d.line > headerLine) d.line = Math.max(d.line, headerLine + 1);
  return { rows: out, doubts, truncated };
}

type Cells = Record<'dimension' | 'subdimension' | 'description' | 'formula' | 'target' | 'notes', string>;
type ColumnName = keyof Cells;

/** The header: its column labels in order, and where its words start and end. */
function findHeader(tokens: readonly Token[]): { start: number; end: number; labels: string[]; columns: ColumnName[] } | null {
  for (let start = 0; start < tokens.length; start++) {
    if (!/^dimension[ei]/i.test(foldLabel(tokens[start]?.text ?? ''))) continue;
    const labels: string[] = [];
    const columns: ColumnName[] = [];
    let at = start;
    while (at < tokens.length) {
      let matched = 0;
      for (let size = Math.min(MAX_LABEL_WORDS, tokens.length - at); size >= 1 && matched === 0; size--) {
        const words = tokens.slice(at, at + size).map((t) => t.text).join(' ');
        const key = HEADER_PHRASES.get(foldLabel(words));
        if (key !== undefined && !columns.includes(key)) {
          labels.push(words);
          columns.push(key);
          matched = size;
        }
      }
      if (matched === 0) break;
      at += matched;
      // A footnote mark after a label ("Valore programmato (&)") belongs to the label.
      if (FOOTNOTE.test(tokens[at]?.text ?? '')) {
        labels[labels.length - 1] += ` ${tokens[at]?.text ?? ''}`;
        at += 1;
      }
    }
    if (columns.length >= 3 && columns.includes('dimension') && columns.includes('target')) return { start, end: at, labels, columns };
  }
  return null;
}

function isWordPerLine(rows: readonly DocumentRow[]): boolean {
  const lines = rows.map((r) => toInlineText(r.cells[0]?.text ?? '')).filter((t) => t !== '');
  if (lines.length < 20) return false;
  return lines.filter((t) => t.split(' ').length <= 2).length / lines.length >= 0.6;
}

/** One word per line: each field label starts a key/value line; footnote marks start their own lines. */
function splitAtFields(tokens: readonly Token[]): { line: number; cells: string[] }[] {
  const lines: { line: number; cells: string[] }[] = [];
  let current: { line: number; label: string | null; words: string[] } | null = null;
  const close = () => {
    if (current) lines.push({ line: current.line, cells: current.label === null ? [current.words.join(' ')] : [current.label, current.words.join(' ')] });
  };
  for (let i = 0; i < tokens.length; ) {
    const token = tokens[i];
    if (!token) break;
    // The longest label after which a capitalised word starts the value; else the longest label.
    let size = 0;
    let fallback = 0;
    for (let n = Math.min(MAX_FIELD_WORDS, tokens.length - i); n >= 2 && size === 0; n--) {
      if (!isFieldLabel(tokens.slice(i, i + n).map((t) => t.text).join(' '))) continue;
      fallback ||= n;
      if (/^\p{Lu}|^(?:https?:|www\.)/u.test(tokens[i + n]?.text ?? 'X')) size = n;
    }
    size ||= fallback;
    if (size > 0) {
      close();
      current = { line: token.line, label: tokens.slice(i, i + size).map((t) => t.text).join(' '), words: [] };
      i += size;
      continue;
    }
    if (FOOTNOTE.test(token.text) || current === null) {
      close();
      current = { line: token.line, label: null, words: [] };
    }
    current.words.push(token.text);
    i += 1;
  }
  close();
  return lines.filter((l) => l.cells.some((c) => c !== ''));
}

/** The table ends at a footnote mark, the notes heading or a service field label. */
function endsTable(tokens: readonly Token[], index: number): boolean {
  const token = tokens[index];
  if (!token || token.text === CELLS_ROW) return true;
  const startsLine = index === 0 || tokens[index - 1]?.lineEnd === true;
  if (FOOTNOTE.test(token.text) && startsLine) return true;
  if (/^note:?$/i.test(token.text) && (token.lineEnd || startsLine)) return true;
  for (let n = Math.min(MAX_FIELD_WORDS, tokens.length - index); n >= 2; n--) {
    if (isFieldLabel(tokens.slice(index, index + n).map((t) => t.text).join(' '))) return true;
  }
  return false;
}

/** Where a row ends: after the words of its target, at the end of a line (or, one word per line, before the next row's first word). */
function rowEnd(tokens: readonly Token[], start: number, wordPerLine: boolean): number {
  for (let i = start; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token) break;
    if (endsTable(tokens, i) && i > start) return i;
    // A line that opens a description and formula of its own after a row that has both: the row above has no target.
    if (!wordPerLine && i > start && tokens[i - 1]?.lineEnd === true && opensOwnRow(tokens, start, i)) return i;
    if (!NUMBER.test(token.text) && !(token.text === '%' && i > start)) continue;
    // A blank of the description filled in ("(indicare il numero di giorni): gg. 90"): a number after its unit is no target.
    if (UNIT.test(tokens[i - 1]?.text ?? '') && /:$/.test(tokens[i - 2]?.text ?? '')) continue;
    let end = i + 1;
    while (end < tokens.length && UNIT.test(tokens[end]?.text ?? '') && !(tokens[end - 1]?.lineEnd && !wordPerLine)) end++;
    const next = tokens[end];
    const atLineEnd = tokens[end - 1]?.lineEnd === true;
    if (next === undefined) return end;
    if (!wordPerLine && atLineEnd) return end;
    // A target with its comparator ("£30 min") followed by a capitalised word: the next row goes on on the same line.
    if (!wordPerLine && COMPARED.test(`${tokens[i - 1]?.text ?? ''} ${token.text}`) && /^\p{Lu}\p{Ll}/u.test(next.text)) return end;
    // So does a bare number after the row's formula has begun ("… aggiornamento su web 3 Indicazioni sulla …").
    if (!wordPerLine && /^\p{Lu}\p{Ll}/u.test(next.text) && !FORMULA_START.test(next.text) && opensFormula(tokens.slice(start, i))) return end;
    if (wordPerLine && (startsRow(next.text) || endsTable(tokens, end))) return end;
  }
  return tokens.length;
}

/** A capitalised formula word ("Numero", "N.") after the first word: the words hold a description and the start of a formula. */
function opensFormula(tokens: readonly Token[]): boolean {
  return tokens.some((t, i) => i > 0 && FORMULA_START.test(t.text) && /^\p{Lu}|^[N%]/u.test(t.text));
}

/**
 * True when the line starting at `at` opens a new row although the row from `start` has no target: the row so far holds
 * a description and a formula, and the new line starts with a capitalised word that opens no formula and goes on to a
 * formula of its own ("Regolarità della prestazione erogata Numero dei reclami …").
 */
function opensOwnRow(tokens: readonly Token[], start: number, at: number): boolean {
  const first = tokens[at]?.text ?? '';
  if (!/^\p{Lu}\p{Ll}/u.test(first) || FORMULA_START.test(first) || !opensFormula(tokens.slice(start, at))) return false;
  let end = at;
  while (end < tokens.length && tokens[end]?.lineEnd !== true) end++;
  return opensFormula(tokens.slice(at, end + 1));
}

/** A word that may open a row: a dimension, a sub-dimension or a capitalised word. */
function startsRow(word: string): boolean {
  const folded = foldLabel(word);
  return findDimension(classifyDimension(word).key) !== undefined || SUBDIMENSIONS.some((s) => s.words[0] === folded) || /^\p{Lu}/u.test(word);
}

/**
 * A row's words into cells: the target at the end, the dimension (or a sub-dimension naming one) at the start, and the
 * rest split where the formula's wording begins. Null for a row with no words.
 */
function splitRow(tokens: readonly Token[], columns: readonly ColumnName[], current: string | null, properNouns: ReadonlySet<string>, doubt: (field: string | null, message: string, severity?: Finding['severity']) => void): Cells | null {
  const words = tokens.map((t) => t.text);
  if (words.length === 0) return null;
  const cells: Cells = { dimension: '', subdimension: '', description: '', formula: '', target: '', notes: '' };
  // The target: the last number, its unit, and the words that lead to it.
  let targetStart = words.length;
  for (let i = words.length - 1; i >= 0; i--) {
    if (NUMBER.test(words[i] ?? '')) {
      targetStart = i;
      while (targetStart > 0 && TARGET_LEAD.test(words[targetStart - 1] ?? '') && words.length - targetStart < 8) targetStart--;
      break;
    }
  }
  if (targetStart === words.length) doubt('target', 'no valore programmato found at the end of the row', 'warning');
  cells.target = words.slice(targetStart).join(' ');
  let rest = words.slice(0, targetStart);

  // "Accessibilità multicanale" opening a row under Accessibilità is the sub-dimension written in full, the dimension
  // (a merged cell) continuing; at a dimension's first row the same words are the dimension and its sub-dimension.
  const continuedInFull = current !== null && SUBDIMENSIONS.some((s) => s.dimension === current && s.words.length > 1 && s.words[0] === foldLabel(current) && s.words.every((w, i) => foldLabel(rest[i] ?? '') === w));
  const dimensionWords = continuedInFull ? 0 : leadingDimension(rest);
  if (dimensionWords > 0) {
    cells.dimension = rest.slice(0, dimensionWords).join(' ');
    rest = rest.slice(dimensionWords);
  }
  const sub = SUBDIMENSIONS.find((s) => s.words.every((w, i) => foldLabel(rest[i] ?? '') === w));
  const ownName = cells.dimension !== '' && foldLabel(rest[0] ?? '') === foldLabel(classifyDimension(cells.dimension).label);
  if ((sub || ownName) && columns.includes('subdimension')) {
    // The sub-dimension runs to the next capitalised word ("Conformità e affidabilità", "Tempestività di risposta").
    let length = sub ? sub.words.length : 1;
    while (length < Math.min(5, rest.length - 1) && !/^\p{Lu}/u.test(rest[length] ?? '')) length++;
    if (length >= rest.length || !/^\p{Lu}/u.test(rest[length] ?? '')) length = sub ? sub.words.length : 1;
    cells.subdimension = rest.slice(0, length).join(' ');
    rest = rest.slice(length);
    const known = cells.dimension !== '' ? classifyDimension(cells.dimension).label : current;
    if (sub && (known === null || (cells.dimension === '' && known !== sub.dimension))) {
      cells.dimension = sub.dimension;
      doubt('dimension', `dimension "${sub.dimension}" inferred from the sub-dimension "${cells.subdimension}"`, 'warning');
    }
  } else if (cells.dimension === '' && current === null) {
    doubt('dimension', 'the first row names no dimension', 'warning');
  } else if (cells.dimension === '') {
    doubt('dimension', `no dimension written: read as continuing "${current}"`);
  }

  // The formula begins at its first typical word ("Numero", "N.", "Percentuale", …) after the description's words, or
  // at a capitalised word after a word of the description's own ("Evasione richieste Richieste evase…"): a new cell.
  let formulaStart = -1;
  for (let i = 1; i < rest.length; i++) {
    if ((FORMULA_START.test(rest[i] ?? '') && /^\p{Lu}|^[N%]/u.test(rest[i] ?? '')) || opensCell(rest, i, properNouns)) {
      formulaStart = i;
      break;
    }
  }
  // An additional dimension (Continuità, Elasticità…) gives its definition in the sub-dimension column, no description.
  const dimensionLabel = cells.dimension !== '' ? classifyDimension(cells.dimension) : current === null ? null : classifyDimension(current);
  const additional = dimensionLabel !== null && findDimension(dimensionLabel.key)?.kind === 'additional' && cells.subdimension === '' && columns.includes('subdimension');
  if (additional && formulaStart > 0) {
    cells.subdimension = rest.slice(0, formulaStart).join(' ');
    cells.formula = rest.slice(formulaStart).join(' ');
    doubt('formula', `definition of the additional dimension and formula told apart by wording: formula read as "${cells.formula}"`);
  } else if (!columns.includes('formula')) cells.description = rest.join(' ');
  else if (!columns.includes('description')) cells.formula = rest.join(' ');
  else if (formulaStart > 0) {
    cells.description = rest.slice(0, formulaStart).join(' ');
    cells.formula = rest.slice(formulaStart).join(' ');
    doubt('formula', `description and formula told apart by wording: formula read as "${cells.formula}"`);
  } else if (rest.length > 0 && FORMULA_START.test(rest[0] ?? '')) {
    cells.formula = rest.join(' ');
    doubt('formula', `no description: the words read as the formula "${cells.formula}"`);
  } else {
    cells.description = rest.join(' ');
    if (rest.length > 0) doubt('formula', 'no formula told apart from the description', 'warning');
  }
  return cells;
}

/** How many leading words name a dimension: the fewest ("Accessibilità" of "Accessibilità multicanale"), with a "(*)" after it. */
function leadingDimension(words: readonly string[]): number {
  for (let n = 1; n <= Math.min(3, words.length); n++) {
    const candidate = words.slice(0, n).join(' ');
    const info = classifyDimension(candidate);
    if (findDimension(info.key) !== undefined) {
      // A "(*)" right after the dimension belongs to it.
      const mark = /^\\?\(\\?\*\)$/.test(words[n] ?? '') ? 1 : 0;
      return n + mark;
    }
  }
  return 0;
}

/** Words that only end or link a phrase ("agli Uffici", "e Territoriali"): a capital after them is a name's, not a new cell's. */
const FUNCTION_WORD = /^(?:il|lo|la|i|gli|le|l'|un|uno|una|di|a|da|in|con|su|per|tra|fra|del|dello|della|dei|degli|delle|al|allo|alla|ai|agli|alle|dal|dallo|dalla|dai|dagli|dalle|nel|nello|nella|nei|negli|nelle|sul|sullo|sulla|sui|sugli|sulle|e|ed|o|od|che|the|of|and|or|to|for|with|by|on|at|an)$/i;

/** Words the document writes capitalised at least twice and never in lower case: names ("Cliclavoro"), not words that open a cell. */
function findProperNouns(rows: readonly DocumentRow[]): Set<string> {
  const capitalised = new Map<string, number>();
  const lower = new Set<string>();
  const words = rows.flatMap((row) => row.cells.flatMap((cell) => toInlineText(cell.text).split(' ')));
  for (const text of words) {
    const word = text.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
    if (/^\p{Lu}\p{Ll}+$/u.test(word)) capitalised.set(word.toLowerCase(), (capitalised.get(word.toLowerCase()) ?? 0) + 1);
    else if (/^\p{Ll}+$/u.test(word)) lower.add(word);
  }
  return new Set([...capitalised].filter(([word, count]) => count >= 2 && !lower.has(word)).map(([word]) => word));
}

/**
 * True when the word at `index` opens a new cell: a capitalised word ("Richieste", not "A.M." nor "X") right after a
 * lower-case word that is no article, preposition or conjunction, and not a name the document always capitalises.
 */
function opensCell(words: readonly string[], index: number, properNouns: ReadonlySet<string>): boolean {
  const word = words[index] ?? '';
  const before = words[index - 1] ?? '';
  if (!/^\p{Lu}\p{Ll}+(?:$|[^\p{L}])/u.test(word) || !/^\p{Ll}/u.test(before) || FUNCTION_WORD.test(before)) return false;
  return !properNouns.has(word.replace(/[^\p{L}].*$/u, '').toLowerCase());
}

/** Italian words that end in a consonant: articles, prepositions, and words cards use ("web", "max", "ecc"). */
const CONSONANT_ENDED = /^(?:il|del|al|dal|nel|sul|col|per|con|non|in|un|tra|fra|né|ne|web|online|on-line|internet|e-mail|email|mail|link|url|sms|fax|tel|max|min|gg|ecc|etc|nr|n|h|pec|spid|cie|app|call|center|help|desk|front|office|back|sport|bus|gas|film|bar|test|check|list|report|standard|target|feedback|format|master|post|social|network|blog|news|ok)$/i;

/**
 * True when the last word of a document is cut: no closing punctuation, and it ends in a consonant, as no Italian
 * word but a few ("per", "con", "web") does ("intend", "inform", "d").
 */
export function endsMidWord(word: string): boolean {
  if (word === '' || /[.;:!?)\]"'»%\d]$/.test(word)) return false;
  const letters = word.replace(/^.*[^\p{L}'’-]/u, '');
  if (!/^[\p{L}'’-]+$/u.test(letters) || !/[bcdfghjklmnpqrstvwxz]$/i.test(letters)) return false;
  return !CONSONANT_ENDED.test(letters);
}
