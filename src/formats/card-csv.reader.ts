import { parse } from 'csv-parse/sync';
import { CardReadError } from '../domain/cards/card-read-error.ts';
import { singlePartDocument, type CardDocument, type DocumentRow, type ReaderNote } from './card-document.ts';

// A card saved as CSV: cells separated by "," ";" or tab (found from the text), quoted cells may hold line breaks.
// Cells are taken as they are, like the tab-separated layout's: HTML fragments in them are read as markup.

const SEPARATORS = [';', ',', '\t'] as const;

/** The separator that splits the sample's lines most evenly into more than one cell. */
export function sniffSeparator(text: string): ';' | ',' | '\t' {
  const lines = text.split(/\r\n|\r|\n/).filter((line) => line.trim() !== '').slice(0, 50);
  let best: { separator: ';' | ',' | '\t'; score: number } = { separator: ';', score: -1 };
  for (const separator of SEPARATORS) {
    const counts = lines.map((line) => countOutsideQuotes(line, separator)).filter((n) => n > 0);
    if (counts.length === 0) continue;
    // Many lines split the same way is what a table looks like.
    const mode = [...counts.reduce((m, n) => m.set(n, (m.get(n) ?? 0) + 1), new Map<number, number>())].sort((a, b) => b[1] - a[1])[0];
    const score = (mode?.[1] ?? 0) * 10 + counts.length;
    if (score > best.score) best = { separator, score };
  }
  return best.separator;
}

function countOutsideQuotes(line: string, separator: string): number {
  let quoted = false;
  let count = 0;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (char === separator && !quoted) count += 1;
  }
  return count;
}

/** Reads a CSV card; a quote left open at the end (a file cut short) ends the rows read. */
export function readCsv(text: string, file: string): CardDocument {
  const delimiter = sniffSeparator(text);
  const notes: ReaderNote[] = [];
  let truncated = false;
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      info: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        if (error === undefined) return undefined;
        truncated ||= /quote|closed/i.test(error.message);
        notes.push({ code: truncated ? 'truncated-file' : 'unreadable-row', severity: 'warning', message: `${truncated ? 'the CSV file ends inside a quoted cell: it is cut short; ' : ''}${error.message}`, place: { line: Number((error as { lines?: number }).lines ?? 0) || 1 } });
        return undefined;
      },
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    throw new CardReadError('unreadable-file', `not a readable CSV file: ${error instanceof Error ? error.message : String(error)}`, { file });
  }
  const rows: DocumentRow[] = [];
  let previousEnd = 0;
  for (const { record, info } of records) {
    // info.lines is the line the record ends on; a record starts after the previous one.
    const line = Math.max(previousEnd + 1, 1);
    previousEnd = info.lines;
    rows.push({ cells: record.map((cell) => ({ text: cell })), place: { line, row: rows.length + 1 }, table: 1 });
  }
  // A file that stops mid-row (no line end after a row shorter than the others) was cut short.
  const last = rows[rows.length - 1];
  const widest = Math.max(0, ...rows.map((row) => row.cells.length));
  if (!truncated && last && !/[\r\n]$/.test(text) && last.cells.length < widest) {
    truncated = true;
    notes.push({ code: 'truncated-file', severity: 'warning', message: 'the CSV file stops in the middle of a row: it is cut short', place: { line: last.place.line } });
  }
  return singlePartDocument(file, 'csv', rows, { truncated, notes });
}
