import type { Link, Service } from '../domain/cards/card.ts';
import { extractChannels } from '../domain/cards/channels-from-text.ts';
import { CardReadError } from '../domain/cards/card-read-error.ts';
import type { Finding } from '../domain/cards/finding.ts';
import type { ImportedCard } from '../domain/cards/imported-card.ts';
import { UserError } from '../domain/shared/errors.ts';
import { slugify } from '../domain/shared/slug.ts';
import type { CardDocument, DocumentPart, DocumentRow } from './card-document.ts';
import { FORMATS_READ } from './card-document.ts';
import { readDimensionList } from './card-dimension-list.ts';
import { readClosedCellTables } from './card-closed-cells.ts';
import { readRunTogetherTables } from './card-run-together.ts';
import { readLabelBlocks } from './card-label-blocks.ts';
import { readLineCells } from './card-line-cells.ts';
import { readServiceRows } from './card-service-rows.ts';
import { unflattenRows, type UnflattenedRows } from './card-flat-text.ts';
import { describeCardPrologue, forcedTableHeader, recogniseNonCard } from './card-non-card.ts';
import { readCardHeader, toFieldRichText, type CardHeader } from './card-text-header.ts';
import { COLUMN_LABELS, FIELD_LABELS, isNotesHeading, matchFieldLabel, matchYearColumn, type ColumnKey } from './card-text-labels.ts';
import { readFootnotes } from './card-text-notes.ts';
import { describeIncompleteHeader, readIndicatorRows, readTableHeader, type SourceLine, type TableHeader, takeTableRows } from './card-text-table.ts';
import { toInlineText } from './html-text.ts';

export interface ReadCardOptions {
  /** The file name, as messages should show it. */
  file: string;
  /** The year of a card that states none. */
  year?: number;
  /** Import a document that does not look like a standard card, with a warning. */
  force?: boolean;
}

/** What the builder needs to know of the document a part comes from. */
export type PartSource = Pick<CardDocument, 'format' | 'truncated'> & {
  /**
   * Why the card may name no service: its text was recovered from a document cut short or from text that is not laid
   * out as a card. Such a card is named after its file, with a warning, instead of refused.
   */
  unnamedBecause?: string;
};

const TEXT_SOURCE: PartSource = { format: 'text', truncated: false };

/** A footnote mark opening a row inside the table ("(*) Dimensioni aggiuntive…"): the note was put in the table. */
const FOOTNOTE_ROW = /^\s*(?:\\?\(\s*\\?[*&]\s*\)|\(\s*\d{1,2}\s*\)\s*[-–—:])/;

/**
 * Builds a standard card from the rows a reader gave: a header block, the service fields, the indicator table and
 * the footnotes, read by the same rules whatever the format (blank cells continue the row above, HTML fragments in
 * cells, "(*)"/"(&)" notes, doubts for what is unsure). Throws UserError when the part is not a card.
 */
export function buildCard(part: DocumentPart, options: ReadCardOptions, source: PartSource = TEXT_SOURCE): ImportedCard {
  const [card] = buildPartCards(part, options, source);
  if (card === undefined) throw new UserError('the indicator table has no indicator rows', { file: options.file });
  return card;
}

/**
 * The cards of one part: one, or one per year when the table has no valore programmato column but a value column per
 * year ("2022 value", "2023 value", "2024 value"), each year's card with that column as its valore programmato.
 */
export function buildPartCards(part: DocumentPart, options: ReadCardOptions, source: PartSource = TEXT_SOURCE): ImportedCard[] {
  const { file } = options;
  const rows = part.rows;
  const lines = rows.map(toSourceLine);
  if (lines.every((line) => line.text.trim() === '')) throw new UserError(part.name === null ? 'the file is empty, not a standard card' : `the sheet "${part.name}" is empty`, { file });

  const found = locateTable(lines, options, source, rows);
  if (found.unflattened) {
    // A text may hold the tables of several services (blocks of labels, one per service): each is a card of its own.
    return found.unflattened.flatMap((unflattened) => {
      const { truncated, unnamedBecause } = unflattened;
      const cut = unnamedBecause !== undefined ? { unnamedBecause } : truncated ? { unnamedBecause: 'it is cut short, and its name may be in the part that is missing' } : {};
      return buildPartCards({ name: part.name, rows: unflattened.rows }, { ...options }, { ...source, ...cut }).map((built) => ({ ...built, doubts: sortDoubts([...built.doubts, ...unflattened.doubts]) }));
    });
  }
  const { index } = found;
  const yearly = found.header.yearly;
  if (yearly === undefined || yearly.length < 2) return [tableCard(found.header, yearly?.[0]?.year ?? null)];
  const others = (column: number) => yearly.some((y) => y.column === column);
  // No column says "programmato": the years' columns may as well be past results beside this year's promise (as in a
  // charter that gives "Valore 2019", "Valore 2020", "Valore programmato 2021"), so the reading is a doubt to confirm.
  const headerCells = lines[index]?.text.split('\t') ?? [];
  const labels = yearly.map(({ column }) => `"${toInlineText(headerCells[column] ?? '')}"`).join(', ');
  const yearsDoubt: Finding = {
    code: 'doubtful-column',
    severity: 'warning',
    file,
    line: found.header.line,
    field: 'target',
    message: `the columns ${labels} each name a year and none says "valore programmato": each is read as its year's valore programmato, one card a year; if the earlier years' columns are results achieved, keep only the last year's card`,
  };
  return yearly.map(({ column, year }) => {
    const card = tableCard({ ...found.header, columns: { ...found.header.columns, target: column }, ignored: found.header.ignored.filter((cell) => !others(cell.index)) }, year);
    return { ...card, doubts: sortDoubts([...card.doubts, yearsDoubt]) };
  });

  /** The card the table gives with `header`'s valore programmato column; `columnYear` is the year its header names. */
  function tableCard(header: TableHeader, columnYear: number | null): ImportedCard {
    const table = takeTable(rows, lines, index, header, source, file);
    const doubts: Finding[] = [...table.doubts];
    const split = rows[index]?.cells.flatMap((cell, column) => (cell.flags?.includes('split-lines') && toInlineText(cell.text) !== '' ? [{ column, text: toInlineText(cell.text) }] : [])) ?? [];
    if (split.length > 0) {
      doubts.push({ code: 'doubtful-header', severity: 'info', file, line: header.line, field: null, message: `header cells put together from words on several lines: ${split.map((c) => `"${c.text}"`).join(', ')}` });
    }
    // Outside the table, a spreadsheet's or a document table's empty cells around the words say nothing.
    const outside = (from: number, to: number) => (source.format === 'text' ? lines.slice(from, to) : rows.slice(from, to).map(trimmedLine));
    const before = outside(0, index);
    const after = outside(table.end, rows.length);
    const parts = splitAfterTable(before, after);
    const head = readCardHeader([...before, ...parts.fields], file);
    if (parts.fields.length > 0 && head.fields.name !== undefined) {
      const first = parts.fields[0];
      if (first) doubts.push({ code: 'doubtful-line', severity: 'info', file, line: first.number, field: null, message: 'the service fields follow the table: read from there' });
    }
    let name = toInlineText(head.fields.name?.parts.join('\n') ?? '');
    if (name === '' && found.forced) {
      // A document forced in names no service: its first line above the table stands for one.
      const first = before.find((line) => toInlineText(line.text) !== '');
      name = first ? toInlineText(first.text.split('\t').join(' ')) : options.file;
      doubts.push({ code: 'doubtful-cell', severity: 'warning', file, line: first?.number ?? null, field: 'name', message: `no service name: "${name}" stands for it` });
    }
    const unnamedBecause = source.unnamedBecause ?? (source.truncated ? 'the file is cut short, and its name may be in the part that is missing' : undefined);
    if (name === '' && unnamedBecause !== undefined) {
      name = fileStem(file);
      doubts.push({ code: 'missing-service-name', severity: 'warning', file, line: null, field: 'name', message: `the document names no service ("${FIELD_LABELS.name}"): ${unnamedBecause}; the card is named "${name}" after the file` });
    }
    if (name === '') throw new UserError(`not a standard card: no service name ("${FIELD_LABELS.name}") above the table`, { file, field: 'name' });

    if (table.rows.length === 0) throw new UserError('the indicator table has no rows', { file, line: header.line });
    const read = readIndicatorRows(table.rows, header, file);
    if (read.indicators.length === 0) throw new UserError('the indicator table has no indicator rows', { file, line: header.line });
    const footnotes = readFootnotes(parts.notes);

    doubts.push(...head.doubts, ...read.doubts);
    // The year the valore programmato's column names is the year of its targets.
    const year = columnYear ?? decideYear(head.years, options, doubts);
    if (found.forced) doubts.push({ code: 'not-a-card', severity: 'warning', file, line: header.line, field: null, message: `${found.forced}; imported anyway because of --force` });

    const characteristics = toFieldRichText(head.fields.characteristics);
    const deliveryMode = toFieldRichText(head.fields.deliveryMode);
    const webAddress = readWebAddress(head.fields.webAddress, file, doubts);
    const extracted = extractChannels({
      deliveryMode: deliveryMode.text,
      characteristics: characteristics.text,
      webAddress,
      indicatorTexts: read.indicators.flatMap((i) => [i.subdimension, i.description, i.formula].filter((t): t is string => t !== null)),
    });
    const channelLine = head.fields.deliveryMode?.line ?? head.fields.characteristics?.line ?? null;
    for (const message of extracted.doubts) doubts.push({ code: 'doubtful-hours', severity: 'warning', file, line: channelLine, field: 'channels', message });

    const service: Service = {
      slug: slugify(name),
      name,
      office: head.office,
      characteristics,
      deliveryMode,
      userTypes: toFieldRichText(head.fields.userTypes),
      diffidaBody: toFieldRichText(head.fields.diffidaBody),
      webAddress,
      channels: extracted.channels,
      staff: extracted.staff,
    };
    const byLine = source.format === 'text' ? null : new Map(rows.map((row) => [row.place.line, row]));
    const located = byLine === null ? doubts : doubts.map((d) => locateFinding(d, byLine, header, part.name));
    return {
      organisation: head.organisation === null ? null : { slug: slugify(head.organisation), name: head.organisation },
      card: { year, service, indicators: read.indicators, notes: footnotes.notes, ruleText: footnotes.ruleText, source: { file } },
      doubts: sortDoubts(located),
    };
  }
}

/** Builds every card a document holds: one per part; parts that hold no card are skipped when another one does. */
export function buildCards(document: CardDocument, options: ReadCardOptions): { cards: ImportedCard[]; findings: Finding[] } {
  const findings: Finding[] = document.notes.map((note) => ({
    code: note.code,
    severity: note.severity,
    file: options.file,
    line: note.place?.line ?? null,
    field: null,
    message: note.message,
    ...(note.place?.page !== undefined ? { page: note.place.page } : {}),
    ...(note.place?.sheet !== undefined ? { sheet: note.place.sheet } : {}),
    ...(note.place?.row !== undefined ? { row: note.place.row } : {}),
    ...(note.place?.column !== undefined ? { column: note.place.column } : {}),
  }));
  const cards: ImportedCard[] = [];
  const failures: { part: DocumentPart; error: UserError }[] = [];
  for (const part of document.parts) {
    try {
      cards.push(...buildPartCards(part, options, document));
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      failures.push({ part, error });
    }
  }
  const [first] = failures;
  if (cards.length === 0) {
    if (first) throw first.error;
    throw new CardReadError('empty-document', `the file holds no text to read. ${FORMATS_READ}`, { file: options.file });
  }
  for (const { part, error } of failures) {
    findings.push({ code: 'skipped-sheet', severity: 'info', file: options.file, line: null, field: null, message: `sheet "${part.name ?? ''}" is not a card, not imported: ${error.message}`, ...(part.name !== null ? { sheet: part.name } : {}) });
  }
  return { cards, findings };
}

/** A row as a line of the tab-separated layout: cells joined by tabs, a line break inside a cell as `<br>`. */
function toSourceLine(row: DocumentRow): SourceLine {
  const text = row.cells.length === 1 && row.cells[0] ? toCellLine(row.cells[0].text) : row.cells.map((cell) => toCellLine(cell.text)).join('\t');
  return { number: row.place.line, text };
}

/** A row without the empty cells before and after its words. */
function trimmedLine(row: DocumentRow): SourceLine {
  const texts = row.cells.map((cell) => cell.text);
  let start = 0;
  let end = texts.length;
  while (start < end && toInlineText(texts[start] ?? '') === '') start++;
  while (end > start && toInlineText(texts[end - 1] ?? '') === '') end--;
  return { number: row.place.line, text: texts.slice(start, end).map(toCellLine).join('\t') };
}

/** A row that opens the service fields, a footnote or the notes section: the indicator table is over. */
function endsTable(row: DocumentRow): boolean {
  // Cheap tests first: this runs on every row of the table.
  const texts = row.cells.map((cell) => cell.text).filter((text) => text.trim() !== '');
  const first = texts[0];
  if (first === undefined) return false;
  if (texts.length === 1 && (FOOTNOTE_ROW.test(toInlineText(first)) || isNotesHeading(first))) return true;
  return startsField({ number: row.place.line, text: first });
}

function toCellLine(text: string): string {
  return text.includes('\t') || text.includes('\n') || text.includes('\r') ? text.replace(/\t/g, ' ').replace(/\r\n|\r|\n/g, '<br>') : text;
}

interface FoundTable {
  index: number;
  header: TableHeader;
  /** Why the document is not a card, when --force imports it anyway. */
  forced?: string;
  /** The rows read from a table that lost its layout: one entry per card. */
  unflattened?: UnflattenedRows[];
}

function locateTable(lines: readonly SourceLine[], options: ReadCardOptions, source: PartSource, rows: readonly DocumentRow[]): FoundTable {
  const { file } = options;
  for (const [index, line] of lines.entries()) {
    const header = readTableHeader(line);
    if (header) {
      const nonCard = recogniseNonCard(lines, header);
      if (nonCard !== null && !options.force) throw new CardReadError('not-a-card', `${nonCard}. Use --force to import it anyway`, { file });
      return nonCard === null ? { index, header } : { index, header, forced: nonCard };
    }
  }
  const one = (read: UnflattenedRows | null) => (read === null ? null : [read]);
  // Label blocks and closed cells first: their tests are strict (every cell closed by "|"), the word-stream reader's is loose.
  const unflattened =
    source.format === 'text'
      ? (readLabelBlocks(rows, file) ??
        readClosedCellTables(rows, file) ??
        one(unflattenRows(rows, file)) ??
        one(readDimensionList(rows, file)) ??
        one(readLineCells(rows, file)) ??
        readRunTogetherTables(rows, file) ??
        readServiceRows(rows, file))
      : one(unflattenRows(rows, file));
  if (unflattened) return { index: -1, header: { line: 0, width: 0, columns: {}, ignored: [] }, unflattened };
  const nonCard = recogniseNonCard(lines, null);
  if (nonCard !== null) {
    if (!options.force) throw new CardReadError('not-a-card', `${nonCard}. Use --force to import it anyway`, { file });
    const forced = forcedTableHeader(lines);
    if (forced) return { ...forced, forced: nonCard };
  }
  for (const line of lines) {
    const lack = describeIncompleteHeader(line);
    if (lack !== null) throw new UserError(lack, { file, line: line.number });
  }
  const prologue = describeCardPrologue(lines);
  if (prologue !== null) throw new CardReadError('no-indicator-table', prologue, { file });
  const how = source.format === 'text'
    ? 'a tab-separated header row "Dimensioni", "Sottodimensioni", "Descrizione indicatore", "Formula indicatore", "Valore programmato"'
    : 'a table whose header names "Dimensioni", "Sottodimensioni", "Descrizione indicatore", "Formula indicatore", "Valore programmato"';
  throw new UserError(`not a standard card: no indicator table (${how}). ${FORMATS_READ}`, { file });
}

interface TakenTable {
  rows: SourceLine[];
  /** Index in the lines of the first line after the table. */
  end: number;
  doubts: Finding[];
}

/**
 * The table's rows after its header. Text tables end at the first line with text and no tab; tables of structured
 * documents end with their table (or with the next one, when it starts by repeating the header: a table cut by a
 * page). Repeated header rows are dropped, a merged cell other than a dimension's is read as the cell it continues
 * (with a doubt), a footnote written inside the table goes with the notes, and the last row of a file cut short is
 * left out as truncated.
 */
function takeTable(rows: readonly DocumentRow[], lines: readonly SourceLine[], headerIndex: number, header: TableHeader, source: PartSource, file: string): TakenTable {
  const doubts: Finding[] = [];
  const headerRow = rows[headerIndex];
  let picked: number[];
  let end: number;
  if (headerRow === undefined || headerRow.table === null) {
    const taken = takeTableRows(lines, headerIndex);
    end = taken.end;
    const numbers = new Set(taken.rows.map((row) => row.number));
    picked = [];
    for (let i = headerIndex + 1; i < end; i++) {
      const row = rows[i];
      // Service fields written after the table end it, though their lines have tabs too.
      if (row !== undefined && endsTable(row)) {
        end = i;
        break;
      }
      if (numbers.has(lines[i]?.number ?? -1)) picked.push(i);
    }
  } else {
    picked = [];
    let table = headerRow.table;
    let i = headerIndex + 1;
    for (; i < rows.length; i++) {
      const row = rows[i];
      if (row === undefined) break;
      if (row.table === table) {
        // Service fields or footnotes written in the same table (or sheet) end the indicators.
        if (endsTable(row)) break;
        picked.push(i);
        continue;
      }
      // Blank paragraphs between two parts of a table, then a table that starts with the same header, go on with it.
      let next = i;
      while (next < rows.length && rows[next]?.table === null && (lines[next]?.text.trim() ?? '') === '') next++;
      const candidate = rows[next];
      const candidateLine = lines[next];
      if (candidate && candidateLine && candidate.table !== null && candidate.table !== table && sameHeader(candidateLine, header)) {
        table = candidate.table;
        i = next - 1;
        continue;
      }
      break;
    }
    end = i;
  }

  const keep: SourceLine[] = [];
  const above = new Map<number, string>();
  let afterBreak = false;
  for (const index of picked) {
    const line = lines[index];
    const row = rows[index];
    if (line === undefined || row === undefined) continue;
    if (row.repeatedHeader || sameHeader(line, header)) {
      afterBreak = true;
      continue;
    }
    const continuesRow = afterBreak && keep.length > 0 && continuesAcrossBreak(row, header);
    afterBreak = false;
    if (continuesRow) {
      // A row cut by a page break: the header repeats, then the rest of its cells, no dimension nor target.
      const previous = keep[keep.length - 1];
      if (previous) {
        const cells = previous.text.split('\t');
        row.cells.forEach((cell, column) => {
          if (toInlineText(cell.text) !== '') cells[column] = [cells[column] ?? '', toCellLine(cell.text)].filter((t) => toInlineText(t) !== '').join(' ');
        });
        previous.text = cells.join('\t');
        doubts.push({ code: 'doubtful-row', severity: 'info', file, line: line.number, field: null, message: `the row after the repeated header holds no dimension nor valore programmato: read as the end of the row above (line ${previous.number}), cut by a page break` });
      }
      continue;
    }
    const filled = row.cells.map((cell, column) => {
      if (cell.flags?.includes('merged-above') && !isContinuedColumn(header, column)) {
        const text = above.get(column) ?? cell.mergedText ?? '';
        if (toInlineText(text) !== '') {
          doubts.push({ code: 'doubtful-merged-cell', severity: 'info', file, line: line.number, field: columnKeyAt(header, column), message: `merged cell read as "${toInlineText(text)}", the cell it continues` });
        }
        return text;
      }
      if (cell.text !== '') above.set(column, cell.text);
      return cell.text;
    });
    // Structured documents drop no trailing cells: a short row is one whose last cells are merged or absent.
    while (row.table !== null && filled.length < header.width) filled.push('');
    keep.push({ number: line.number, text: filled.map(toCellLine).join('\t') });
  }
  const shifted = shiftRowsUnderHeadings(keep, header);
  if (shifted > 0) {
    doubts.push({ code: 'doubtful-row', severity: 'info', file, line: header.line, field: null, message: `${shifted} rows under dimensions written on rows of their own fill one cell fewer than the header, the last left blank: read as rows without their dimension cell, their cells one column to the right` });
  }
  if (source.truncated && end >= rows.length && keep.length > 0) {
    const last = keep[keep.length - 1];
    const cells = last ? last.text.split('\t') : [];
    const filledColumns = Object.values(header.columns).filter((column) => toInlineText(cells[column] ?? '') !== '').length;
    // A text row with fewer cells than the header lost its last ones to the cut, even an unread column's.
    const shortText = source.format === 'text' && cells.length < header.width;
    if (last && (filledColumns < Object.keys(header.columns).length || shortText)) {
      keep.pop();
      doubts.push({ code: 'truncated-row', severity: 'warning', file, line: last.number, field: null, message: 'the file ends in this row: it is cut short and the row is not imported' });
    }
  }
  return { rows: keep, end, doubts };
}

/**
 * Rows that lost their dimension cell to a merge: the dimension stands on a row of its own (the row fills its first
 * cell and nothing else), and the rows under it fill their first cell but never the last, a value column, as if the
 * whole row were one column to the left ("Weekly opening hours | 15,5 | 6 | 16 | |" under "Accessibility | ||||").
 * When every row of the table is one or the other, the indicator rows are moved one column to the right. Returns how
 * many rows were moved; a table of any other shape is left as it is.
 */
function shiftRowsUnderHeadings(keep: SourceLine[], header: TableHeader): number {
  const last = header.width - 1;
  const lastKey = columnKeyAt(header, last);
  const lastIsValue = lastKey === 'target' || (header.yearly?.some((y) => y.column === last) ?? false) || (lastKey === null && header.ignored.some((cell) => cell.index === last && matchYearColumn(cell.label) !== null));
  if (header.columns.dimension !== 0 || !lastIsValue || keep.length < 2) return 0;
  const cellsOf = keep.map((line) => line.text.split('\t'));
  const filled = (cell: string | undefined) => toInlineText(cell ?? '') !== '';
  const isHeading = (cells: string[]) => filled(cells[0]) && cells.slice(1).every((cell) => !filled(cell));
  const isShifted = (cells: string[]) => filled(cells[0]) && !filled(cells[last]) && cells.slice(1).some(filled);
  if (!isHeading(cellsOf[0] ?? []) || !cellsOf.every((cells) => isHeading(cells) || isShifted(cells))) return 0;
  let moved = 0;
  keep.forEach((line, index) => {
    const cells = cellsOf[index] ?? [];
    if (isHeading(cells)) return;
    line.text = ['', ...cells].slice(0, header.width).join('\t');
    moved += 1;
  });
  return moved;
}

/** A row with words only in the description, formula or notes columns: the rest of a row a page break cut. */
function continuesAcrossBreak(row: DocumentRow, header: TableHeader): boolean {
  const filled = row.cells.flatMap((cell, column) => (toInlineText(cell.text) !== '' && !cell.flags?.includes('merged-above') ? [column] : []));
  const { dimension, subdimension, target } = header.columns;
  return filled.length > 0 && filled.every((column) => column !== dimension && column !== subdimension && column !== target);
}

function sameHeader(line: SourceLine, header: TableHeader): boolean {
  // Every header names the dimension column: a row that does not is no header, without reading its cells.
  if (!/dimension/i.test(line.text)) return false;
  const again = readTableHeader(line);
  if (again === null) return false;
  const keys = Object.keys(header.columns) as ColumnKey[];
  return keys.every((key) => again.columns[key] === header.columns[key]);
}

/** Dimension and sub-dimension cells left blank already continue the row above. */
function isContinuedColumn(header: TableHeader, column: number): boolean {
  return header.columns.dimension === column || header.columns.subdimension === column;
}

function columnKeyAt(header: TableHeader, column: number): string | null {
  return (Object.entries(header.columns) as [ColumnKey, number][]).find(([, index]) => index === column)?.[0] ?? null;
}

/**
 * Splits what follows the table into the service fields (a card may give them after its table) and the notes:
 * fields start at the first line naming one and run to the first footnote mark or notes heading.
 */
function splitAfterTable(before: readonly SourceLine[], after: readonly SourceLine[]): { fields: SourceLine[]; notes: SourceLine[] } {
  if (before.some((line) => startsField(line))) return { fields: [], notes: [...after] };
  const start = after.findIndex((line) => startsField(line));
  if (start < 0) return { fields: [], notes: [...after] };
  let stop = after.findIndex((line, index) => index > start && (FOOTNOTE_ROW.test(toInlineText(line.text)) || isNotesHeading(line.text)));
  if (stop < 0) stop = after.length;
  return { fields: after.slice(start, stop), notes: [...after.slice(0, start), ...after.slice(stop)] };
}

function startsField(line: SourceLine): boolean {
  const first = line.text.split('\t')[0] ?? '';
  // Field labels are short: a long first cell is a description, not a label (and is not worth folding).
  if (first.length > 400) return false;
  if (matchFieldLabel(first) !== null) return true;
  const colon = first.indexOf(':');
  return colon > 0 && colon < 120 && matchFieldLabel(first.slice(0, colon)) !== null;
}

/** Adds the page, sheet, table row and column of the row a finding points at. */
function locateFinding(finding: Finding, rows: ReadonlyMap<number, DocumentRow>, header: TableHeader, sheet: string | null): Finding {
  if (finding.line === null) return sheet === null ? finding : { ...finding, sheet };
  const row = rows.get(finding.line);
  if (!row) return finding;
  const { page, row: rowNumber } = row.place;
  const key = finding.field as ColumnKey | null;
  const columnIndex = key !== null && key in COLUMN_LABELS ? header.columns[key] : undefined;
  return {
    ...finding,
    ...(page !== undefined ? { page } : {}),
    ...(row.place.sheet !== undefined ? { sheet: row.place.sheet } : sheet !== null ? { sheet } : {}),
    ...(rowNumber !== undefined ? { row: rowNumber } : {}),
    ...(columnIndex !== undefined && row.table !== null ? { column: columnIndex + 1 } : {}),
  };
}

function sortDoubts(doubts: Finding[]): Finding[] {
  return doubts.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/** The card's own year wins; the given one serves a card that states none; no year at all is said, not guessed. */
function decideYear(stated: CardHeader['years'], options: ReadCardOptions, doubts: Finding[]): number | null {
  const { file } = options;
  const first = stated[0];
  if (first) {
    const other = stated.find((s) => s.year !== first.year);
    if (other) doubts.push({ code: 'doubtful-year', severity: 'warning', file, line: other.line, field: 'year', message: `the card states ${first.year} (line ${first.line}) and ${other.year}; ${first.year} is taken` });
    if (options.year !== undefined && options.year !== first.year) {
      doubts.push({ code: 'doubtful-year', severity: 'warning', file, line: first.line, field: 'year', message: `the card states ${first.year}, not the ${options.year} given; ${first.year} is taken` });
    }
    return first.year;
  }
  if (options.year !== undefined) return options.year;
  doubts.push({ code: 'unknown-year', severity: 'warning', file, line: null, field: 'year', message: 'the card states no year (such as "ANNO 2021"): it is read as undated; give its year to date it' });
  return null;
}

function readWebAddress(field: Parameters<typeof toFieldRichText>[0], file: string, doubts: Finding[]): Link | null {
  const rich = toFieldRichText(field);
  const [link, ...others] = rich.links;
  if (field !== undefined && link === undefined && rich.text !== '') {
    doubts.push({ code: 'doubtful-cell', severity: 'warning', file, line: field.line, field: 'webAddress', message: `no web address can be read from "${rich.text}"` });
  }
  if (field !== undefined && link !== undefined && others.length > 0) {
    doubts.push({ code: 'doubtful-cell', severity: 'warning', file, line: field.line, field: 'webAddress', message: `${rich.links.length} links given; the first, ${link.href}, is taken` });
  }
  return link ?? null;
}

/** A file's name without its folder and extension: what a card that names no service is called. */
function fileStem(file: string): string {
  const base = file.replace(/^.*[\\/]/, '');
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}
