import { eventFromRecord, quote, rowError, type EventReaderOptions, type EventRow, type RawEventRecord, type RecordContext } from './event-record.ts';

/** Longest line read; a longer one is refused rather than held in memory. */
export const MAX_NDJSON_LINE_CHARS = 1_000_000;

const FIELDS = new Set(['id', 'source', 'kind', 'subject', 'occurredAt', 'attributes']);

/**
 * Reads NDJSON events, one JSON object per line ({id, source?, kind, subject?, occurredAt, attributes?}), streaming:
 * only one line is held at a time. Blank lines are skipped; every other line yields an event or an error with its
 * 1-based line number.
 */
export async function* readEventsNdjson(input: AsyncIterable<string | Uint8Array>, options: EventReaderOptions = {}): AsyncGenerator<EventRow> {
  const parser = createNdjsonEventParser(options);
  for await (const chunk of input) yield* parser.push(chunk);
  yield* parser.end();
}

/**
 * readEventsNdjson for input already in memory: the same rows, without a promise per line, which cost more than
 * reading the line.
 */
export function* readEventsNdjsonSync(input: Iterable<string | Uint8Array>, options: EventReaderOptions = {}): Generator<EventRow> {
  const parser = createNdjsonEventParser(options);
  for (const chunk of input) yield* parser.push(chunk);
  yield* parser.end();
}

/** Reads NDJSON events fed chunk by chunk, e.g. an HTTP body as it arrives. */
export interface NdjsonEventParser {
  /** The rows of the lines this chunk completes (a chunk may end within a line, or within a character). */
  push(chunk: string | Uint8Array): EventRow[];
  /** The rows of the last line, if the input does not end with a newline. */
  end(): EventRow[];
}

/** The parser behind the NDJSON readers: the same rows, in the same order, whatever the chunks. */
export function createNdjsonEventParser(options: EventReaderOptions = {}): NdjsonEventParser {
  const splitter = new LineSplitter();
  const context = contextOf(options);
  let rows: EventRow[] = [];
  const take = (line: number, text: string, tooLong: boolean): void => {
    const row = rowOfLine(line, text, tooLong, context);
    if (row !== undefined) rows.push(row);
  };
  const handOver = (): EventRow[] => {
    const done = rows;
    rows = [];
    return done;
  };
  return {
    push: (chunk) => {
      splitter.push(chunk, take);
      return handOver();
    },
    end: () => {
      splitter.end(take);
      return handOver();
    },
  };
}

const attributeField = (name: string) => `attributes.${name}`;

/** One context per reader, its line moved along: rows copy what they need, so none holds on to it. */
function contextOf(options: EventReaderOptions): RecordContext {
  return { ...options, line: 0, attributeField };
}

/** The row of one line, or undefined for a blank line. */
function rowOfLine(line: number, text: string, tooLong: boolean, context: RecordContext): EventRow | undefined {
  context.line = line;
  if (tooLong) return rowError(context, 'json', `the line is longer than ${MAX_NDJSON_LINE_CHARS} characters`);
  // Blank lines are skipped; a line starting with '{' is not blank (no need to trim it).
  if (text.charCodeAt(0) !== 0x7b && text.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return rowError(context, 'json', `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return rowError(context, 'json', `${quote(parsed)} is not a JSON object: each line holds one event {"id", "kind", "occurredAt", …}`);
  }
  const object = parsed as Record<string, unknown>;
  // Raw control characters are not valid in JSON text: only an escape (a backslash) or DEL can put one in a value.
  context.mayHoldControlCharacters = text.includes('\\') || text.includes('\u007f');
  let lastKey: string | undefined;
  for (const key in object) {
    if (!FIELDS.has(key)) {
      return rowError(context, key, 'unknown field: an event has id, source, kind, subject, occurredAt and attributes (data goes under "attributes")');
    }
    lastKey = key;
  }
  const attributes = object.attributes;
  if (attributes !== undefined && attributes !== null && (typeof attributes !== 'object' || Array.isArray(attributes))) {
    return rowError(context, 'attributes', `${quote(attributes)} is not an object of named values`);
  }
  // The parsed object has the record's fields already: only a missing attributes object is filled in.
  if (attributes === undefined || attributes === null) object.attributes = {};
  const row = eventFromRecord(object as unknown as RawEventRecord, context);
  if (row.event !== undefined && lastKey === 'attributes') {
    const attributesJson = attributesTextOf(text);
    if (attributesJson !== undefined) row.attributesJson = attributesJson;
  }
  return row;
}

const ATTRIBUTES_MEMBER = '"attributes":{';

/**
 * The attributes object's own text, when the line is an accepted event whose last member is "attributes", written
 * compactly: `…,"attributes":{…}}`. In such a line the member's name followed by `:{` occurs once (no other member
 * may hold an object, attribute values are scalars, and a quote inside a text is escaped), so what lies between it and
 * the closing brace is the object, and it reads back to the same attributes. Anything else (spaces, a repeated
 * member) returns undefined, and the attributes are written out again.
 */
function attributesTextOf(text: string): string | undefined {
  const end = text.length - 1;
  if (text.charCodeAt(end) !== 0x7d || text.charCodeAt(end - 1) !== 0x7d) return undefined;
  const start = text.indexOf(ATTRIBUTES_MEMBER);
  if (start === -1 || text.indexOf(ATTRIBUTES_MEMBER, start + 1) !== -1) return undefined;
  return text.slice(start + ATTRIBUTES_MEMBER.length - 1, end);
}

/** Splits chunks into lines (\n or \r\n), dropping a leading BOM; a line over the limit is cut and flagged. */
class LineSplitter {
  private readonly decoder = new TextDecoder('utf-8');
  private pending = '';
  private tooLong = false;
  private line = 0;
  private first = true;

  /** Hands each line this chunk completes to `onLine`. */
  push(chunk: string | Uint8Array, onLine: LineHandler): void {
    let text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    if (this.first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.first = false;
    }
    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      const piece = this.pending === '' ? text.slice(start, newline) : this.pending + text.slice(start, newline);
      this.pending = '';
      this.emit(this.tooLong ? '' : piece, onLine);
      start = newline + 1;
    }
    this.pending += text.slice(start);
    if (this.pending.length > MAX_NDJSON_LINE_CHARS) {
      this.tooLong = true;
      this.pending = '';
    }
  }

  /** Hands over the last line, if the input does not end with a newline. */
  end(onLine: LineHandler): void {
    this.pending += this.decoder.decode();
    if (this.pending !== '' || this.tooLong) this.emit(this.tooLong ? '' : this.pending, onLine);
  }

  private emit(text: string, onLine: LineHandler): void {
    this.line += 1;
    const tooLong = this.tooLong;
    this.tooLong = false;
    onLine(this.line, text.endsWith('\r') ? text.slice(0, -1) : text, tooLong);
  }
}

type LineHandler = (line: number, text: string, tooLong: boolean) => void;
