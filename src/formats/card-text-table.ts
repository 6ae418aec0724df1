import type { Indicator } from '../domain/cards/card.ts';
import { classifyDimension, isDimensionUnstated, UNSTATED_DIMENSION } from '../domain/cards/dimension.ts';
import type { Finding } from '../domain/cards/finding.ts';
import { parseTarget } from '../domain/cards/target-parse.ts';
import { UserError } from '../domain/shared/errors.ts';
import { slugify } from '../domain/shared/slug.ts';
import { COLUMN_LABELS, type ColumnKey, columnYear, matchColumnLabel, matchYearColumn } from './card-text-labels.ts';
import { toInlineText } from './html-text.ts';

/** One line of the card file: its 1-based number and its text (no line break, no trailing spaces). */
export interface SourceLine {
  number: number;
  text: string;
}

/** The table header: which cell holds which column, found by name so order and extra columns do not matter. */
export interface TableHeader {
  line: number;
  /** Number of cells in the header row. */
  width: number;
  columns: Partial<Record<ColumnKey, number>>;
  /** Header cells that name no card column: their cells are not imported. */
  ignored: { index: number; label: string }[];
  /**
   * The valore programmato's column and year when the header names a year for it: one entry for "Valore programmato
   * 2021"; one per column for a table with no valore programmato but a value column per year ("2022 value",
   * "2023 value", "2024 value"), each of which gives the card of its year. Absent when no year is named.
   */
  yearly?: { column: number; year: number }[];
}

/** The columns a table must have; description, sub-dimension and formula may each be missing. */
const REQUIRED_COLUMNS: readonly ColumnKey[] = ['dimension', 'target'];

/**
 * Reads a line as the table header; null when it is not one. A valore programmato column that names a year
 * ("Valore programmato 2021") gives the card's year, and value columns of other years beside it ("Valore 2019",
 * "Valore 2020": results of past years) are not read. A header with no valore programmato column but value columns
 * that each name a year ("2022 value", "2023 value", "2024 value") reads each as the valore programmato of its
 * year's card (`yearly`).
 */
export function readTableHeader(line: SourceLine): TableHeader | null {
  if (!line.text.includes('\t')) return null;
  const columns: Partial<Record<ColumnKey, number>> = {};
  let ignored: TableHeader['ignored'] = [];
  const years: { column: number; year: number }[] = [];
  const cells = line.text.split('\t');
  cells.forEach((cell, index) => {
    const label = toInlineText(cell);
    if (label === '') return;
    const key = matchColumnLabel(cell);
    // The first cell naming a column wins; a repeated one is reported like any unknown column.
    if (key !== null && columns[key] === undefined) columns[key] = index;
    else {
      ignored.push({ index, label });
      const year = key === null ? matchYearColumn(cell) : null;
      if (year !== null && !years.some((y) => y.year === year)) years.push({ column: index, year });
    }
  });
  let yearly: TableHeader['yearly'];
  if (columns.target !== undefined) {
    const year = columnYear(cells[columns.target] ?? '');
    if (year !== null) yearly = [{ column: columns.target, year }];
  } else if (years.length > 0 && years[0] !== undefined) {
    columns.target = years[0].column;
    yearly = years;
    ignored = ignored.filter((cell) => !years.some((y) => y.column === cell.index));
  }
  const known = Object.keys(columns).length;
  // A header that opens with the indicator, followed by its standard, and has no dimension column ("Indicatore |
  // Valore garantito | Risultati raggiunti anno precedente", the Comune di Genova's service pages) is a table whose
  // rows state no dimension. A column before the indicator may hold what stands for one (an objective, read as such
  // when such a sheet is forced in), so the header must open with it.
  const unstated = columns.dimension === undefined && columns.description === 0 && columns.target !== undefined;
  if (!unstated && (known < 3 || REQUIRED_COLUMNS.some((key) => columns[key] === undefined))) return null;
  return { line: line.number, width: cells.length, columns, ignored, ...(yearly !== undefined ? { yearly } : {}) };
}

/** Says what a line that looks like a table header lacks, or null when it does not look like one. */
export function describeIncompleteHeader(line: SourceLine): string | null {
  if (!line.text.includes('\t')) return null;
  const found = new Set(line.text.split('\t').map(matchColumnLabel).filter((key): key is ColumnKey => key !== null));
  if (found.size < 2 || !(found.has('dimension') || found.has('target'))) return null;
  const missing = REQUIRED_COLUMNS.filter((key) => !found.has(key)).map((key) => `"${COLUMN_LABELS[key]}"`);
  return missing.length > 0 ? `the table header has no ${missing.join(' or ')} column` : null;
}

/** The table's rows: lines after the header up to the first line with text and no tab (blank lines are skipped). */
export function takeTableRows(lines: readonly SourceLine[], headerIndex: number): { rows: SourceLine[]; end: number } {
  const rows: SourceLine[] = [];
  let index = headerIndex + 1;
  for (; index < lines.length; index++) {
    const line = lines[index];
    if (line === undefined) break;
    if (line.text.trim() === '') continue;
    if (!line.text.includes('\t')) break;
    rows.push(line);
  }
  return { rows, end: index };
}

/**
 * Builds the indicators from the table rows. A blank dimension continues the one above; a blank
 * sub-dimension continues the one above only under the same dimension. Additional dimensions that put
 * their definition in the sub-dimension column keep it there: the reader does not move cells.
 */
export function readIndicatorRows(rows: readonly SourceLine[], header: TableHeader, file: string): { indicators: Indicator[]; doubts: Finding[] } {
  const indicators: Indicator[] = [];
  const doubts: Finding[] = [];
  const slugs = new Set<string>();
  const doubt = (line: number, field: string | null, code: string, message: string) =>
    doubts.push({ code, severity: 'warning', file, line, field, message });

  for (const ignored of header.ignored) {
    doubts.push({ code: 'doubtful-column', severity: 'info', file, line: header.line, field: null, message: `column ${ignored.index + 1} "${ignored.label}" is not a card column: its cells are not imported` });
  }

  let dimensionRaw: string | null = null;
  let subdimension: string | null = null;
  for (const row of rows) {
    const cells = row.text.split('\t').map((cell) => toInlineText(cell));
    const cell = (key: ColumnKey): string => {
      const index = header.columns[key];
      return index === undefined ? '' : (cells[index] ?? '');
    };
    const [statedDimension, subCell, descriptionCell, formulaCell, targetCell, notesCell] = (['dimension', 'subdimension', 'description', 'formula', 'target', 'notes'] as const).map(cell) as [string, string, string, string, string, string];
    if ([statedDimension, subCell, descriptionCell, formulaCell, targetCell, notesCell].every((c) => c === '')) {
      if (cells.some((c) => c !== '')) doubt(row.number, null, 'doubtful-row', 'the row fills only columns that are not card columns: not imported');
      continue;
    }
    // A table with no dimension column: every row gets the dimension its document did not state, to be chosen in review.
    const dimensionCell = header.columns.dimension === undefined ? UNSTATED_DIMENSION.label : statedDimension;
    checkWidth(row, cells, header, doubt);

    if (dimensionCell !== '') {
      dimensionRaw = dimensionCell;
      subdimension = subCell === '' ? null : subCell;
    } else {
      if (dimensionRaw === null) throw new UserError('the first row of the table has no dimension', { file, line: row.number, field: 'dimension' });
      if (subCell !== '') subdimension = subCell;
    }
    // A row with a dimension alone heads the rows below it; it is not an indicator.
    if (subCell === '' && descriptionCell === '' && formulaCell === '' && targetCell === '' && notesCell === '') continue;

    const info = classifyDimension(dimensionRaw);
    if (isDimensionUnstated(info.key)) {
      doubt(row.number, 'dimension', 'doubtful-dimension', `the document states no dimension for this row: kept as "${info.label}"; choose its dimension (Accessibilità, Tempestività, Trasparenza, Efficacia, or one of the card's own) before the edition is approved`);
    }
    const description = descriptionCell === '' ? null : descriptionCell;
    const formula = formulaCell === '' ? null : formulaCell;
    if (targetCell === '') doubt(row.number, 'target', 'doubtful-cell', 'no valore programmato in this row');
    const target = parseTarget(targetCell, { dimension: info.label, subdimension, description, formula });
    // Additional dimensions carry their definition as sub-dimension: their own label names them better.
    const slugSource = description === null ? info.label : (subdimension ?? description);
    indicators.push({
      position: indicators.length + 1,
      slug: uniqueSlug(slugify(slugSource), slugs),
      dimension: info.label,
      dimensionKey: info.key,
      subdimension,
      description,
      formula,
      target,
      notes: notesCell === '' ? null : notesCell,
      additional: info.additional,
      source: { file, line: row.number },
    });
  }
  return { indicators, doubts };
}

function checkWidth(row: SourceLine, cells: readonly string[], header: TableHeader, doubt: (line: number, field: string | null, code: string, message: string) => void): void {
  const extra = cells.slice(header.width).filter((c) => c !== '');
  if (extra.length > 0) {
    doubt(row.number, null, 'doubtful-row', `the row has ${cells.length} cells, the header ${header.width}: ${extra.map((c) => `"${c}"`).join(', ')} beyond the last column not imported`);
  }
  // Editors drop trailing empty cells, so only a missing card column other than the notes is worth a doubt.
  const missing = (Object.entries(header.columns) as [ColumnKey, number][]).filter(([key, index]) => key !== 'notes' && index >= cells.length).map(([key]) => `"${COLUMN_LABELS[key]}"`);
  if (missing.length > 0) {
    doubt(row.number, null, 'doubtful-row', `the row has ${cells.length} cells, the header ${header.width}: ${missing.join(', ')} missing, read as blank`);
  }
}

function uniqueSlug(base: string, taken: Set<string>): string {
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  taken.add(slug);
  return slug;
}
