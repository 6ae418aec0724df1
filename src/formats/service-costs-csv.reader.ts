import { CsvError, parse, type Info } from 'csv-parse/sync';
import { parseServiceCost, type CostField, type CostInput, type ParsedServiceCost } from '../domain/costs/service-cost.ts';

/** A problem of a costs file, where it is: the line (1 is the header) and, when known, the field. */
export interface CostFileError {
  line: number;
  field?: CostField;
  message: string;
}

/** A costs file read: every row's costs with its line, or every problem found (then nothing should be written). */
export type CostFile = { costs: { line: number; cost: ParsedServiceCost }[]; errors: [] } | { costs: null; errors: CostFileError[] };

/** A costs file is a few rows per service and year: anything larger is not one. */
export const MAX_COST_FILE_BYTES = 5 * 1024 * 1024;

/** Column names as written in the header, English (as `misura costs list --json`) or Italian (as offices name them). */
const HEADER_NAMES: Record<string, CostField> = {
  service: 'service',
  servizio: 'service',
  year: 'year',
  anno: 'year',
  actual: 'actual',
  effettivi: 'actual',
  costi_effettivi: 'actual',
  staff: 'staff',
  personale: 'staff',
  costi_personale: 'staff',
  volume: 'volume',
  note: 'note',
  nota: 'note',
  source: 'source',
  fonte: 'source',
};
const REQUIRED: readonly CostField[] = ['service', 'year', 'actual', 'staff'];

/**
 * Reads a CSV of accounted costs: a header row `service,year,actual,staff,note` (volume and source optional, columns in
 * any order, Italian names too), then one service and year per row. Comma, semicolon (as Italian spreadsheets export,
 * which lets "1.250,50" go unquoted) or tab, found from the header. Every row is checked as the back office checks its
 * form; a service and year twice is refused on its second line. Line numbers are the file's.
 */
export function readServiceCostsCsv(content: Uint8Array | string, currentYear: number): CostFile {
  let text: string;
  if (typeof content === 'string') text = content;
  else {
    if (content.byteLength > MAX_COST_FILE_BYTES) return { costs: null, errors: [{ line: 1, message: `the file is ${content.byteLength} bytes; a costs file is at most ${MAX_COST_FILE_BYTES}` }] };
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(content);
    } catch {
      return { costs: null, errors: [{ line: 1, message: 'the file is not valid UTF-8: save it as UTF-8 (CSV UTF-8 in a spreadsheet)' }] };
    }
  }
  let records: { record: string[]; info: Info }[];
  try {
    records = parse(text, { delimiter: delimiterOf(text), bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: false }) as unknown as { record: string[]; info: Info }[];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    return { costs: null, errors: [{ line: typeof error.lines === 'number' ? error.lines : 1, message: error.message }] };
  }
  const [header, ...rows] = records;
  if (header === undefined) return { costs: null, errors: [{ line: 1, message: 'the file is empty: it needs the header service,year,actual,staff,note and a row per service and year' }] };

  const errors: CostFileError[] = [];
  const columns = new Map<CostField, number>();
  header.record.forEach((cell, index) => {
    const name = cell.trim().toLowerCase().replace(/\s+/g, '_');
    const field = HEADER_NAMES[name];
    if (field === undefined) errors.push({ line: lineOf(header), message: `unknown column "${cell.trim()}": the columns are service, year, actual, staff, volume, note, source` });
    else if (columns.has(field)) errors.push({ line: lineOf(header), field, message: `the column "${cell.trim()}" is there twice` });
    else columns.set(field, index);
  });
  for (const field of REQUIRED) if (!columns.has(field)) errors.push({ line: lineOf(header), field, message: `the header has no column "${field}"` });
  if (errors.length > 0) return { costs: null, errors };

  const costs: { line: number; cost: ParsedServiceCost }[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const line = lineOf(row);
    if (row.record.every((cell) => cell.trim() === '')) continue;
    if (row.record.length > header.record.length && row.record.slice(header.record.length).some((cell) => cell.trim() !== '')) {
      errors.push({ line, message: `the row has ${row.record.length} cells but the header names ${header.record.length} columns (an amount like 1.250,50 needs quotes in a comma-separated file)` });
      continue;
    }
    const input = Object.fromEntries((['service', 'year', 'actual', 'staff', 'volume', 'note', 'source'] as const).map((field) => {
      const index = columns.get(field);
      return [field, index === undefined ? '' : (row.record[index] ?? '')];
    })) as CostInput;
    // Told apart as typed, so that a second row of a service and year is said even when the first one is wrong.
    const service = input.service.trim();
    const year = input.year.trim();
    const key = `${service}\u0000${year}`;
    const first = service === '' || year === '' ? undefined : seen.get(key);
    if (first !== undefined) {
      errors.push({ line, field: 'year', message: `"${service}" ${year} is already on line ${first}` });
      continue;
    }
    seen.set(key, line);
    const parsed = parseServiceCost(input, currentYear);
    if (parsed.cost === null) {
      for (const error of parsed.errors) errors.push({ line, field: error.field, message: error.message.replace(/^field "[^"]+": /, '') });
      continue;
    }
    costs.push({ line, cost: parsed.cost });
  }
  if (errors.length > 0) return { costs: null, errors };
  if (costs.length === 0) return { costs: null, errors: [{ line: lineOf(header) + 1, message: 'the file has a header but no costs' }] };
  return { costs, errors: [] };
}

/** The record's first line in the file: csv-parse counts to its last, and a quoted cell may span lines. */
function lineOf(item: { record: string[]; info: Info }): number {
  const inside = item.record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
  return item.info.lines - inside;
}

/** The delimiter the header line uses most, outside quotes: semicolon, tab or comma. */
function delimiterOf(text: string): string {
  const firstLine = (text.replace(/^\uFEFF/, '').split('\n')[0] ?? '').replace(/"[^"]*"/g, '');
  const counts = ([';', '\t', ','] as const).map((d) => [d, firstLine.split(d).length - 1] as const);
  const [best] = [...counts].sort((a, b) => b[1] - a[1]);
  return best !== undefined && best[1] > 0 ? best[0] : ',';
}
