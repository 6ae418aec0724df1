import { eventFromRecord, quote, rowError, type EventReaderOptions, type EventRow } from './event-record.ts';

/** Longest line read; a longer one is refused rather than held in memory. */
export const MAX_NDJSON_LINE_CHARS = 1_000_000;

const FIELDS = new Set(['id', 'source', 'kind', 'subject', 'occurredAt', 'attributes']);

/**
 * Reads NDJSON events, one JSON object per line ({id, source?, kind, subject?, occurredAt, attributes?}), streaming:
 * only one line is held at a time. Blank lines are skipped; every other line yields an event or an error with its
 * 1-based line number.
 */
export async function* readEventsNdjson(input: AsyncIterable<string | Uint8Array>, options: EventReaderOptions = {}): AsyncGenerator<EventRow> {
  for await (const { line, text, tooLong } of linesOf(input)) {
    const context = { ...options, line, attributeField: (name: string) => `attributes.${name}` };
    if (tooLong) {
      yield rowError(context, 'json', `the line is longer than ${MAX_NDJSON_LINE_CHARS} characters`);
      continue;
    }
    if (text.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      yield rowError(context, 'json', `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
      continue;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      yield rowError(context, 'json', `${quote(parsed)} is not a JSON object: each line holds one event {"id", "kind", "occurredAt", …}`);
      continue;
    }
    const object = parsed as Record<string, unknown>;
    const unknown = Object.keys(object).find((key) => !FIELDS.has(key));
    if (unknown !== undefined) {
      yield rowError(context, unknown, 'unknown field: an event has id, source, kind, subject, occurredAt and attributes (data goes under "attributes")');
      continue;
    }
    const attributes = object.attributes;
    if (attributes !== undefined && attributes !== null && (typeof attributes !== 'object' || Array.isArray(attributes))) {
      yield rowError(context, 'attributes', `${quote(attributes)} is not an object of named values`);
      continue;
    }
    yield eventFromRecord(
      {
        id: object.id,
        source: object.source,
        kind: object.kind,
        subject: object.subject,
        occurredAt: object.occurredAt,
        attributes: new Map(Object.entries((attributes ?? {}) as Record<string, unknown>)),
      },
      context,
    );
  }
}

/** Splits a stream of chunks into lines (\n or \r\n), dropping a leading BOM; a line over the limit is cut and flagged. */
async function* linesOf(input: AsyncIterable<string | Uint8Array>): AsyncGenerator<{ line: number; text: string; tooLong: boolean }> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let tooLong = false;
  let line = 0;
  let first = true;
  const emit = (text: string) => {
    line += 1;
    const result = { line, text: text.endsWith('\r') ? text.slice(0, -1) : text, tooLong };
    tooLong = false;
    return result;
  };
  for await (const chunk of input) {
    let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      const piece = pending + text.slice(start, newline);
      pending = '';
      yield emit(tooLong ? '' : piece);
      start = newline + 1;
    }
    pending += text.slice(start);
    if (pending.length > MAX_NDJSON_LINE_CHARS) {
      tooLong = true;
      pending = '';
    }
  }
  pending += decoder.decode();
  if (pending !== '' || tooLong) yield emit(tooLong ? '' : pending);
}
