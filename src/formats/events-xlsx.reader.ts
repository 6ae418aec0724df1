import { Readable, type Stream } from 'node:stream';
import ExcelJS from 'exceljs';
import { rowError, shorten, type EventReaderOptions, type EventRow } from './event-record.ts';
import { eventOfTableRow, isLayout, layoutOfHeader, type EventTableLayout } from './event-table.ts';
import { zipProblem } from './zip-check.ts';

/** The largest workbook read (it is held in memory to be checked first); a larger table goes as CSV. */
export const MAX_XLSX_BYTES = 64 * 2 ** 20;

/**
 * Reads XLSX events from the FIRST sheet: the file (at most MAX_XLSX_BYTES) is checked to be a well-formed archive
 * first, since the streaming reader would wait for ever on a damaged one; then its rows are parsed as the archive is
 * read, never the whole workbook at once:
 * a header row (id, source, kind, subject, occurredAt, attr.<name>…), then one event per row, numbered as the sheet
 * numbers its rows. Cells keep their type (number, text, boolean); formulas give their cached result. A date cell is
 * refused for occurredAt: spreadsheets store no UTC offset, so the instant must be written as text.
 */
export async function* readEventsXlsx(input: Stream, options: EventReaderOptions = {}): AsyncGenerator<EventRow> {
  const bytes = await readWhole(input as Readable);
  if (bytes === undefined) {
    yield rowError({ ...options, line: 1 }, 'xlsx', `the workbook is larger than ${MAX_XLSX_BYTES / 2 ** 20} MiB: export the events as CSV`);
    return;
  }
  const damaged = await zipProblem(bytes);
  if (damaged !== undefined) {
    yield rowError({ ...options, line: 1 }, 'xlsx', `not a readable XLSX workbook: ${damaged}`);
    return;
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  let layout: EventTableLayout | undefined;
  let lastLine = 0;
  try {
    for await (const worksheet of workbook) {
      for await (const row of worksheet) {
        lastLine = row.number;
        const values = row.values;
        const cells = Array.isArray(values) ? Array.from(values.slice(1), plainValue) : [];
        const context = { ...options, line: row.number };
        if (layout === undefined) {
          const header = layoutOfHeader(cells, context);
          if (!isLayout(header)) {
            yield header;
            return;
          }
          layout = header;
          continue;
        }
        if (cells.every((cell) => cell === undefined || cell === null || (typeof cell === 'string' && cell.trim() === ''))) continue;
        if (cells.slice(layout.width).some((cell) => cell !== undefined && cell !== null && cell !== '')) {
          yield rowError(context, 'xlsx', `the row has cells beyond the ${layout.width} columns the header names`);
          continue;
        }
        yield eventOfTableRow(cells, layout, context, (cell) => cell);
      }
      // Only the first sheet holds events; the others may be notes or pivot tables.
      break;
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    yield rowError({ ...options, line: Math.max(1, lastLine) }, 'xlsx', `not a readable XLSX workbook (${shorten(message, 200)})`);
    return;
  }
  if (layout === undefined) yield rowError({ ...options, line: 1 }, 'xlsx', 'the first sheet is empty: it needs a header row and one event per row');
}

/** A cell's value without ExcelJS's wrappers: rich text joined, a link's text, a formula's cached result. */
function plainValue(value: unknown): unknown {
  if (value === null || value === undefined || typeof value !== 'object' || value instanceof Date) return value;
  const object = value as Record<string, unknown>;
  if (Array.isArray(object.richText)) {
    return (object.richText as { text?: unknown }[]).map((part) => (typeof part.text === 'string' ? part.text : '')).join('');
  }
  if ('formula' in object || 'sharedFormula' in object) return plainValue(object.result);
  if ('hyperlink' in object && 'text' in object) return plainValue(object.text);
  // An error cell (#N/A…) stays an object, which the record check refuses with the cell's content.
  return value;
}

/** The whole stream as one buffer, or undefined past MAX_XLSX_BYTES. */
async function readWhole(input: AsyncIterable<Buffer | string>): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    length += bytes.length;
    if (length > MAX_XLSX_BYTES) return undefined;
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, length);
}

