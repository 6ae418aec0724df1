import { isUtf8 } from 'node:buffer';
import { EVENT_LIMITS } from '../domain/events/event-limits.ts';
import { eventFromRecord, fieldName, quote, rowError, shorten, type EventReaderOptions, type EventRow, type RawEventRecord, type RecordContext } from './event-record.ts';
import { findExcessNesting } from './json-depth.ts';
import { invalidUtf8Offset } from './utf8.ts';

/** Longest line read (characters of text, bytes of a byte stream); a longer one is refused rather than held in memory. */
export const MAX_NDJSON_LINE_CHARS = EVENT_LIMITS.lineLength;

const FIELDS = new Set(['id', 'source', 'kind', 'subject', 'occurredAt', 'attributes']);

/**
 * Reads NDJSON events, one JSON object per line ({id, source?, kind, subject?, occurredAt, attributes?}), streaming:
 * only one line is held at a time. Blank lines are skipped; every other line yields an event or an error with its
 * 1-based line number. Bytes must be UTF-8: a line that is not is refused (never read with U+FFFD in place of its
 * bytes, which could make two ids one).
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
  const take = (line: number, text: string, flaw: LineFlaw | undefined): void => {
    const row = rowOfLine(line, text, flaw, context);
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
function rowOfLine(line: number, text: string, flaw: LineFlaw | undefined, context: RecordContext): EventRow | undefined {
  context.line = line;
  if (flaw !== undefined) {
    if (flaw.kind === 'too-long') return rowError(context, 'json', `the line is longer than ${MAX_NDJSON_LINE_CHARS} ${flaw.unit}`);
    return rowError(context, 'json', `the line is not valid UTF-8 (byte ${flaw.byte} of the line): save the file as UTF-8`);
  }
  // Blank lines are skipped; a line starting with '{' is not blank (no need to trim it).
  if (text.charCodeAt(0) !== 0x7b && text.trim() === '') return undefined;
  // Deep nesting makes parsing slow and no event has it: such a line is refused unread. A short line parses fast
  // whatever its nesting (and is then refused on its field), so only long ones pay for the look.
  if (text.length > DEPTH_CHECK_FROM) {
    const deep = findExcessNesting(text, EVENT_LIMITS.parseDepth);
    if (deep !== undefined) return rowError(context, 'json', `${NESTED_TOO_DEEPLY} (at character ${deep.index + 1})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return rowError(context, 'json', `not valid JSON (${shorten(error instanceof Error ? error.message : String(error), 200)})`);
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
      return rowError(context, fieldName(key), 'unknown field: an event has id, source, kind, subject, occurredAt and attributes (data goes under "attributes")');
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

/** The length from which a line's nesting is looked at before it is parsed. */
const DEPTH_CHECK_FROM = 1024;

/** Why a line nested deeper than EVENT_LIMITS.parseDepth is refused (the HTTP route says it of an array's items too). */
export const NESTED_TOO_DEEPLY = `nested more than ${EVENT_LIMITS.parseDepth} levels deep: an event is an object whose "attributes" hold only texts, numbers, true/false and null`;

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

/** What makes a line unreadable before its text is looked at. */
type LineFlaw = { kind: 'too-long'; unit: 'characters' | 'bytes' } | { kind: 'not-utf8'; byte: number };

type LineHandler = (line: number, text: string, flaw: LineFlaw | undefined) => void;

/**
 * Splits chunks into lines (\n or \r\n), dropping a BOM at the start; a line over the limit is cut and flagged, and
 * so is a line that is not valid UTF-8. Text chunks are split as text; byte chunks as bytes (a newline byte never
 * occurs inside a multi-byte character), each run of whole lines decoded at once by a decoder that refuses invalid
 * bytes, and only when it does, line by line to find the culprit.
 */
class LineSplitter {
  // Only bytes already checked by isUtf8 are decoded, and always whole lines, so the decoder never holds a partial
  // character between calls; in stream mode it is the fastest way Node has to decode UTF-8.
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  /** The start of the current line, when chunks are text. */
  private pendingText = '';
  /** The start of the current line, when chunks are bytes. */
  private pendingBytes: Uint8Array[] = [];
  private pendingByteLength = 0;
  private tooLong: LineFlaw | undefined;
  private line = 0;

  /** Hands each line this chunk completes to `onLine`. */
  push(chunk: string | Uint8Array, onLine: LineHandler): void {
    if (typeof chunk === 'string') {
      // A text chunk after bytes still within a line: the line goes on as bytes (rare; stays correct).
      if (this.pendingByteLength > 0) this.pushBytes(new TextEncoder().encode(chunk), onLine);
      else this.pushText(chunk, onLine);
    } else {
      if (this.pendingText !== '') {
        this.holdBytes(new TextEncoder().encode(this.pendingText));
        this.pendingText = '';
      }
      this.pushBytes(chunk, onLine);
    }
  }

  /** Hands over the last line, if the input does not end with a newline. */
  end(onLine: LineHandler): void {
    if (this.pendingByteLength > 0) {
      const bytes = this.takePendingBytes();
      this.emitBytesLine(bytes, 0, bytes.length, onLine);
    } else if (this.pendingText !== '' || this.tooLong !== undefined) {
      this.emit(this.pendingText, onLine);
    }
    this.pendingText = '';
  }

  private pushText(text: string, onLine: LineHandler): void {
    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      const piece = this.pendingText === '' ? text.slice(start, newline) : this.pendingText + text.slice(start, newline);
      this.pendingText = '';
      this.emit(piece, onLine);
      start = newline + 1;
    }
    this.pendingText += text.slice(start);
    if (this.pendingText.length > MAX_NDJSON_LINE_CHARS) {
      this.tooLong = { kind: 'too-long', unit: 'characters' };
      this.pendingText = '';
    }
  }

  private pushBytes(chunk: Uint8Array, onLine: LineHandler): void {
    const first = chunk.indexOf(0x0a);
    if (first === -1) {
      this.holdBytes(chunk);
      return;
    }
    // The line begun in earlier chunks ends here.
    if (this.pendingByteLength > 0) {
      this.holdBytes(chunk.subarray(0, first));
      const bytes = this.takePendingBytes();
      this.emitBytesLine(bytes, 0, bytes.length, onLine);
    } else {
      this.emitBytesLine(chunk, 0, first, onLine);
    }
    const last = chunk.lastIndexOf(0x0a);
    if (last > first) this.emitBytesLines(chunk, first + 1, last, onLine);
    // The rest starts the next line; copied, as the chunk's memory may be reused by whoever sent it.
    if (last + 1 < chunk.length) this.holdBytes(chunk.slice(last + 1));
  }

  /** Emits the lines of bytes[start, end), which ends just before a newline: decoded at once when they are valid. */
  private emitBytesLines(bytes: Uint8Array, start: number, end: number, onLine: LineHandler): void {
    const text = this.decode(bytes.subarray(start, end));
    if (text === undefined) {
      for (let from = start; from <= end; ) {
        const newline = bytes.indexOf(0x0a, from);
        const to = newline === -1 || newline > end ? end : newline;
        this.emitBytesLine(bytes, from, to, onLine);
        from = to + 1;
      }
      return;
    }
    let from = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', from)) {
      this.emit(text.slice(from, newline), onLine);
      from = newline + 1;
    }
    this.emit(text.slice(from), onLine);
  }

  /** Emits one line, bytes[start, end), decoded, or flagged when it is not UTF-8. */
  private emitBytesLine(bytes: Uint8Array, start: number, end: number, onLine: LineHandler): void {
    if (end - start > MAX_NDJSON_LINE_CHARS) this.tooLong = { kind: 'too-long', unit: 'bytes' };
    if (this.tooLong !== undefined) {
      this.emit('', onLine);
      return;
    }
    const text = this.decode(bytes.subarray(start, end));
    if (text === undefined) {
      const offset = invalidUtf8Offset(bytes, start, end);
      this.line += 1;
      onLine(this.line, '', { kind: 'not-utf8', byte: (offset === -1 ? 0 : offset - start) + 1 });
      return;
    }
    this.emit(text, onLine);
  }

  /** Whole lines of bytes as text, or undefined when they are not UTF-8. */
  private decode(bytes: Uint8Array): string | undefined {
    return isUtf8(bytes) ? this.decoder.decode(bytes, { stream: true }) : undefined;
  }

  private holdBytes(bytes: Uint8Array): void {
    if (this.tooLong !== undefined || bytes.length === 0) return;
    if (this.pendingByteLength + bytes.length > MAX_NDJSON_LINE_CHARS) {
      this.tooLong = { kind: 'too-long', unit: 'bytes' };
      this.pendingBytes = [];
      this.pendingByteLength = 0;
      return;
    }
    this.pendingBytes.push(bytes);
    this.pendingByteLength += bytes.length;
  }

  private takePendingBytes(): Uint8Array {
    const parts = this.pendingBytes;
    const bytes = parts.length === 1 ? parts[0]! : concatBytes(parts, this.pendingByteLength);
    this.pendingBytes = [];
    this.pendingByteLength = 0;
    return bytes;
  }

  private emit(text: string, onLine: LineHandler): void {
    this.line += 1;
    const flaw = this.tooLong;
    this.tooLong = undefined;
    if (flaw !== undefined) {
      onLine(this.line, '', flaw);
      return;
    }
    // A line within one chunk is only measured here.
    if (text.length > MAX_NDJSON_LINE_CHARS) {
      onLine(this.line, '', { kind: 'too-long', unit: 'characters' });
      return;
    }
    let line = text.endsWith('\r') ? text.slice(0, -1) : text;
    // A byte order mark opens the first line of files saved by some editors.
    if (this.line === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    onLine(this.line, line, undefined);
  }
}

function concatBytes(parts: readonly Uint8Array[], length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}
