import { pipeline, Readable } from 'node:stream';
import { CsvError, parse, type Info } from 'csv-parse';
import { EVENT_LIMITS } from '../domain/events/event-limits.ts';
import { rowError, shorten, type EventReaderOptions, type EventRow } from './event-record.ts';
import { eventOfTableRow, isLayout, layoutOfHeader, type EventTableLayout } from './event-table.ts';
import { stopAtInvalidUtf8, type Utf8Problem } from './utf8.ts';

const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * Reads CSV events, streaming: a header row (id, source, kind, subject, occurredAt, attr.<name>…), then one event per
 * row. Comma or semicolon (as Italian spreadsheets export) is detected from the header. Attribute cells holding a
 * number or true/false become numbers and booleans; empty cells are absent attributes. Line numbers are the file's
 * (a quoted cell spanning lines counts from its first line).
 */
export async function* readEventsCsv(input: AsyncIterable<string | Uint8Array>, options: EventReaderOptions = {}): AsyncGenerator<EventRow> {
  // Bytes that are not UTF-8 end the file at their line, which is refused below (never read as U+FFFD).
  const utf8: { found?: Utf8Problem } = {};
  const { delimiter, chunks } = await detectDelimiter(stopAtInvalidUtf8(input, utf8));
  const parser = parse({ delimiter, bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: false, max_record_size: EVENT_LIMITS.lineLength });
  // The callback only swallows the pipeline's error: the same error rejects the iteration below, with its line.
  pipeline(Readable.from(chunks), parser, () => undefined);
  let layout: EventTableLayout | undefined;
  let lastLine = 0;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      const { record, info } = item;
      const newlinesInside = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
      const line = info.lines - newlinesInside;
      lastLine = info.lines;
      const context = { ...options, line };
      if (layout === undefined) {
        const header = layoutOfHeader(record, context);
        if (!isLayout(header)) {
          yield header;
          return;
        }
        layout = header;
        continue;
      }
      if (record.every((cell) => cell.trim() === '')) continue;
      const extra = record.slice(layout.width).some((cell) => cell.trim() !== '');
      if (extra) {
        yield rowError(context, 'csv', `the row has ${record.length} cells but the header names ${layout.width} columns`);
        continue;
      }
      yield eventOfTableRow(record, layout, context, csvValue);
    }
  } catch (error) {
    // Every parse error, INVALID_OPENING_QUOTE included (its code has no CSV_ prefix).
    if (!(error instanceof CsvError)) throw error;
    const csvError = error;
    // A file cut short by bytes that are not UTF-8 may end within a quote: the bytes are the problem.
    if (utf8.found !== undefined) {
      yield notUtf8(utf8.found, options);
      return;
    }
    // A broken quote leaves the rest of the file unreadable: report it where it is and stop.
    yield rowError({ ...options, line: typeof csvError.lines === 'number' ? csvError.lines : lastLine + 1 }, 'csv', shorten(csvError.message ?? 'unreadable CSV', 300));
    return;
  }
  if (utf8.found !== undefined) yield notUtf8(utf8.found, options);
}

function notUtf8(found: Utf8Problem, options: EventReaderOptions): EventRow {
  return rowError({ ...options, line: found.line }, 'csv', 'the line is not valid UTF-8: save the file as UTF-8');
}

/** A CSV cell as an attribute value: numbers and true/false parsed, other text kept. */
function csvValue(cell: unknown): unknown {
  if (typeof cell !== 'string') return cell;
  const text = cell.trim();
  if (text === '') return undefined;
  if (text === 'true' || text === 'TRUE') return true;
  if (text === 'false' || text === 'FALSE') return false;
  if (NUMBER.test(text)) return Number(text);
  return cell;
}

/** Reads until the first line end to pick the delimiter, then replays what was read followed by the rest. */
async function detectDelimiter(input: AsyncIterable<string | Uint8Array>): Promise<{ delimiter: string; chunks: AsyncIterable<string | Uint8Array> }> {
  const iterator = input[Symbol.asyncIterator]();
  const head: (string | Uint8Array)[] = [];
  let text = '';
  const decoder = new TextDecoder('utf-8');
  while (!text.includes('\n') && text.length < 65_536) {
    const next = await iterator.next();
    if (next.done === true) break;
    const value = next.value;
    head.push(value);
    text += typeof value === 'string' ? value : decoder.decode(value, { stream: true });
  }
  const firstLine = text.split('\n')[0] ?? '';
  const outsideQuotes = firstLine.replace(/"[^"]*"/g, '');
  const delimiter = count(outsideQuotes, ';') > count(outsideQuotes, ',') ? ';' : ',';
  async function* replay(): AsyncGenerator<string | Uint8Array> {
    try {
      yield* head;
      for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) yield next.value;
    } finally {
      // Stopping early (a bad header) must still close the file.
      await iterator.return?.();
    }
  }
  return { delimiter, chunks: replay() };
}

function count(text: string, character: string): number {
  return text.split(character).length - 1;
}
