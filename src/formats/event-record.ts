import { EVENT_LIMITS } from '../domain/events/event-limits.ts';
import type { AttributeValue, MeasureEvent } from '../domain/events/event.ts';

/** Why one row of an event file was refused: where (line, field) and what is wrong. */
export interface EventRowError {
  line: number;
  /** The field as the file names it ("occurredAt", "attr.ok", "attributes.ok"), or "json"/"csv" for the whole row. */
  field: string;
  message: string;
}

/** One row of an event file: an event, or the reason it is not one. `file` names the file in messages. */
export interface EventRow {
  line: number;
  file?: string;
  event?: MeasureEvent;
  error?: EventRowError;
  /** The event's attributes as JSON text, when the reader had it already (cut from an NDJSON line): stored as it is. */
  attributesJson?: string;
  /** The instant as Date.toISOString writes it, when the row wrote it so ("2026-03-01T09:15:00.000Z"): stored as it is. */
  occurredAtIso?: string;
}

/** What every event reader accepts. */
export interface EventReaderOptions {
  /** The file name shown in messages. */
  file?: string;
  /** The source of rows that name none (the CLI's --source). */
  defaultSource?: string;
  /**
   * The one source rows may be of, and whose it is (an API token's): a row naming another is refused on its source,
   * "'x' is not the source of this token ('y')".
   */
  onlySource?: { name: string; of: string };
}

/** A row with its fields picked out but not yet checked; attribute names are without prefix. */
export interface RawEventRecord {
  id: unknown;
  source: unknown;
  kind: unknown;
  subject: unknown;
  occurredAt: unknown;
  /** Named values: a Map (CSV, XLSX), or the parsed JSON object itself (NDJSON), read without copying. */
  attributes: ReadonlyMap<string, unknown> | Readonly<Record<string, unknown>>;
}

export interface RecordContext extends EventReaderOptions {
  line: number;
  /**
   * False when the row's text shows that none of its values can hold a control character (a JSON line without a
   * backslash or a DEL: JSON text cannot hold the others raw), so the keys need not be searched for one.
   */
  mayHoldControlCharacters?: boolean;
  /** How the file calls an attribute field: "attr.ok" in CSV and XLSX, "attributes.ok" in NDJSON. */
  attributeField: (name: string) => string;
}

const KIND = /^[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)*$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** The digit at `index` (0–9), or -1 when the character there is not one. */
function digitAt(text: string, index: number): number {
  const code = text.charCodeAt(index) - 0x30;
  return code >= 0 && code <= 9 ? code : -1;
}

/** The two-digit number at `index`, or -1. */
function twoDigitsAt(text: string, index: number): number {
  const tens = digitAt(text, index);
  const units = digitAt(text, index + 1);
  return tens < 0 || units < 0 ? -1 : tens * 10 + units;
}

/**
 * The instant of a canonical ISO 8601 text — "YYYY-MM-DDTHH:MM:SS", then ".s" to ".sss" or nothing, then "Z" or
 * "±HH:MM" — in ms, read digit by digit; undefined for anything else, or for what needs the careful reading with its
 * messages: a year before 1000, a day past 28 (the month's length), a field out of range, an offset of 18 hours or more.
 */
function canonicalInstantMs(text: string): number | undefined {
  const length = text.length;
  if (length < 20 || length > 29 || text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d || text.charCodeAt(10) !== 0x54) return undefined;
  if (text.charCodeAt(13) !== 0x3a || text.charCodeAt(16) !== 0x3a) return undefined;
  const century = twoDigitsAt(text, 0);
  const yearInCentury = twoDigitsAt(text, 2);
  const month = twoDigitsAt(text, 5);
  const day = twoDigitsAt(text, 8);
  const hour = twoDigitsAt(text, 11);
  const minute = twoDigitsAt(text, 14);
  const second = twoDigitsAt(text, 17);
  if (century < 10 || yearInCentury < 0 || month < 1 || month > 12 || day < 1 || day > 28 || hour < 0 || hour > 23) return undefined;
  if (minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  let at = 19;
  let ms = 0;
  if (text.charCodeAt(at) === 0x2e) {
    let scale = 100;
    for (at += 1; at < length && scale >= 1; at += 1, scale /= 10) {
      const digit = digitAt(text, at);
      if (digit < 0) break;
      ms += digit * scale;
    }
    if (at === 20) return undefined;
  }
  let offsetMinutes = 0;
  const zone = text.charCodeAt(at);
  if (zone === 0x5a && at + 1 === length) {
    offsetMinutes = 0;
  } else if ((zone === 0x2b || zone === 0x2d) && at + 6 === length && text.charCodeAt(at + 3) === 0x3a) {
    const hours = twoDigitsAt(text, at + 1);
    const minutes = twoDigitsAt(text, at + 4);
    if (hours < 0 || hours > 17 || minutes < 0 || minutes > 59) return undefined;
    offsetMinutes = (zone === 0x2d ? -1 : 1) * (hours * 60 + minutes);
  } else {
    return undefined;
  }
  return Date.UTC(century * 100 + yearInCentury, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
}

/** Checks a row's fields and builds the event, or says which field is wrong (the first one, in column order). */
export function eventFromRecord(record: RawEventRecord, context: RecordContext): EventRow {

  const checkControl = context.mayHoldControlCharacters !== false;
  const id = readKey(record.id, checkControl);
  if (typeof id !== 'string') return rowError(context, 'id', id.problem);

  let source: string;
  if (isBlank(record.source)) {
    if (context.defaultSource === undefined) return rowError(context, 'source', 'missing, and no default source was given (--source)');
    source = context.defaultSource;
  } else {
    const read = readKey(record.source, checkControl);
    if (typeof read !== 'string') return rowError(context, 'source', read.problem);
    source = read;
  }
  const only = context.onlySource;
  if (only !== undefined && source !== only.name) return rowError(context, 'source', `'${source}' is not the source of ${only.of} ('${only.name}')`);

  let kind: string;
  if (typeof record.kind === 'string' && record.kind.length > EVENT_LIMITS.kindLength) {
    return rowError(context, 'kind', `is ${record.kind.length} characters long; at most ${EVENT_LIMITS.kindLength} are allowed`);
  }
  if (typeof record.kind === 'string' && KIND.test(record.kind)) {
    kind = record.kind;
  } else {
    if (isBlank(record.kind)) return rowError(context, 'kind', 'missing: say what happened, e.g. "call.answered"');
    if (typeof record.kind !== 'string' || !KIND.test(record.kind.trim())) {
      return rowError(context, 'kind', `${quote(record.kind)} is not a dotted lower-case name such as "call.answered"`);
    }
    kind = record.kind.trim();
  }

  let subject: string | null = null;
  if (!isBlank(record.subject)) {
    const read = readKey(record.subject, checkControl);
    if (typeof read !== 'string') return rowError(context, 'subject', read.problem);
    subject = read;
  }

  const occurredAt = parseInstant(record.occurredAt);
  if (!(occurredAt instanceof Date)) return rowError(context, 'occurredAt', occurredAt.problem);

  let attributes: Record<string, AttributeValue> = {};
  const given = record.attributes;
  if (given instanceof Map) {
    if (given.size > EVENT_LIMITS.attributes) return tooManyAttributes(given.size, context);
    for (const [name, value] of given as ReadonlyMap<string, unknown>) {
      const problem = attributeProblem(name, value, context);
      if (problem !== undefined) return problem;
      if (value !== undefined) attributes[name] = value as AttributeValue;
    }
  } else {
    // A parsed JSON object is checked in place and becomes the event's attributes: no copy per event.
    const object = given as Readonly<Record<string, unknown>>;
    let complete = true;
    let count = 0;
    for (const name in object) {
      if (!Object.hasOwn(object, name)) continue;
      count += 1;
      if (count > EVENT_LIMITS.attributes) return tooManyAttributes(Object.keys(object).length, context);
      const value = object[name];
      const problem = attributeProblem(name, value, context);
      if (problem !== undefined) return problem;
      if (value === undefined) complete = false;
    }
    attributes = complete ? (object as Record<string, AttributeValue>) : copyDefined(object);
  }

  const event = { id, source, kind, subject, occurredAt, attributes };
  const row: EventRow = context.file === undefined ? { line: context.line, event } : { line: context.line, file: context.file, event };
  if (isIsoText(record.occurredAt)) row.occurredAtIso = record.occurredAt;
  return row;
}

/** Whether an instant's text, once accepted, is in the form Date.toISOString gives it: "YYYY-MM-DDTHH:MM:SS.sssZ". */
function isIsoText(text: unknown): text is string {
  return typeof text === 'string' && text.length === 24 && text.charCodeAt(23) === 0x5a && text.charCodeAt(19) === 0x2e && text.charCodeAt(10) === 0x54;
}

/** The error row naming one attribute, or undefined when it is fine (an undefined value is an absent attribute). */
function attributeProblem(name: string, value: unknown, context: RecordContext): EventRow | undefined {
  if (name.length > EVENT_LIMITS.attributeNameLength) {
    return rowError(context, context.attributeField(fieldName(name)), `the name is ${name.length} characters long; at most ${EVENT_LIMITS.attributeNameLength} are allowed`);
  }
  if (name.trim() === '') return rowError(context, context.attributeField(fieldName(name)), 'an attribute needs a name');
  // Assigning it would replace the object's prototype instead of adding an attribute.
  if (name === '__proto__') return rowError(context, context.attributeField(name), 'is a reserved name: call the attribute something else');
  if (typeof value === 'string') {
    if (value.length <= EVENT_LIMITS.textLength) return undefined;
    return rowError(context, context.attributeField(fieldName(name)), `is ${value.length} characters long; at most ${EVENT_LIMITS.textLength} are allowed`);
  }
  if (value === undefined || value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return undefined;
  return rowError(context, context.attributeField(fieldName(name)), `${quote(value)} is not a text, a number, true/false or null`);
}

function tooManyAttributes(count: number, context: RecordContext): EventRow {
  return rowError(context, 'attributes', `the event has ${count} attributes; at most ${EVENT_LIMITS.attributes} are allowed`);
}

/** The checked attributes without the undefined ones. */
function copyDefined(object: Readonly<Record<string, unknown>>): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = {};
  for (const name in object) {
    const value = object[name];
    if (Object.hasOwn(object, name) && value !== undefined) attributes[name] = value as AttributeValue;
  }
  return attributes;
}

/** An error row for the whole line (bad JSON, bad CSV). */
export function rowError(context: Pick<RecordContext, 'file' | 'line'>, field: string, message: string): EventRow {
  return { ...rowBase(context), error: { line: context.line, field, message } };
}

/**
 * An ISO 8601 instant WITH its UTC offset ("2026-03-01T10:15:00+01:00", "…Z"), as a Date; or why not. A local time
 * without offset is refused: in Europe/Rome one hour a year happens twice, and a feed's zone cannot be guessed.
 */
export function parseInstant(value: unknown): Date | { problem: string } {
  // Most feeds write the canonical form: read digit by digit (Date.parse costs more, and would take 30 February and
  // hour 24). Days past 28, offsets of 18 hours or more, years before 1000 and anything else go the long way, which
  // checks each field and says what is wrong.
  if (typeof value === 'string') {
    const ms = canonicalInstantMs(value);
    if (ms !== undefined) return new Date(ms);
  }
  const expected = 'is not an ISO 8601 instant with offset';
  if (typeof value === 'number') return { problem: `${quote(value)} ${expected}: a number (an Excel date?) has no offset; write the instant as text, e.g. 2026-03-01T10:15:00+01:00` };
  if (value instanceof Date) return { problem: `a spreadsheet date ${expected}: it has no offset; write the instant as text, e.g. 2026-03-01T10:15:00+01:00` };
  if (isBlank(value)) return { problem: 'missing: say when it happened, e.g. 2026-03-01T10:15:00+01:00' };
  if (typeof value !== 'string') return { problem: `${quote(value)} ${expected}` };
  const text = value.trim();
  if (DATE_ONLY.test(text)) return { problem: `${quote(text)} ${expected}: a date alone has no time and no offset` };
  const match = INSTANT.exec(text);
  if (match === null) return { problem: `${quote(text)} ${expected} (e.g. 2026-03-01T10:15:00+01:00)` };
  const [, y, mo, d, h, mi, s, fraction, offset] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  const problem = (why: string) => ({ problem: `${quote(text)} ${expected}: ${why}` });
  if (offset === undefined) return problem('it has no UTC offset, so the time is ambiguous; add Z or an offset such as +01:00');
  if (month < 1 || month > 12) return problem(`month ${mo} does not exist`);
  if (day < 1 || day > daysInMonth(year, month)) return problem(`day ${d} does not exist in ${y}-${mo}`);
  if (hour > 23) return problem(`hour ${h} does not exist`);
  if (minute > 59) return problem(`minute ${mi} does not exist`);
  if (second > 59) return problem(`second ${s ?? ''} does not exist`);
  const offsetMinutes = offsetMinutesOf(offset);
  if (offsetMinutes === null) return problem(`the offset ${offset} is not a real UTC offset`);
  const ms = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  // Date.UTC reads years 0–99 as 1900–1999; those go through the setters.
  const utc = year >= 100 ? Date.UTC(year, month - 1, day, hour, minute, second, ms) : utcOfEarlyYear(year, month, day, hour, minute, second, ms);
  return new Date(utc - offsetMinutes * 60_000);
}

/** "Z" → 0, "+01:00"/"+0100"/"+01" → 60; null beyond ±18:00 or with minutes over 59. */
function offsetMinutesOf(offset: string): number | null {
  if (offset === 'Z' || offset === 'z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (minutes > 59 || hours * 60 + minutes > 18 * 60) return null;
  return sign * (hours * 60 + minutes);
}

function utcOfEarlyYear(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, ms);
  return utc.getTime();
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1] ?? 0;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/** An id, source or subject: non-empty text (a whole number is taken as its digits). */
function readKey(value: unknown, checkControl: boolean): string | { problem: string } {
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return { problem: 'missing' };
    if (text.length > EVENT_LIMITS.keyLength) return { problem: `is ${text.length} characters long; at most ${EVENT_LIMITS.keyLength} are allowed` };
    if (checkControl && CONTROL_CHARACTER.test(text)) return { problem: `${quote(text)} contains control characters` };
    // Storage writes text as UTF-8, where half a surrogate pair becomes U+FFFD: two such ids would become one.
    if (checkControl && LONE_SURROGATE.test(text)) return { problem: `${quote(text)} contains half of a character (a lone surrogate, \\uD800–\\uDFFF)` };
    return text;
  }
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (isBlank(value)) return { problem: 'missing' };
  return { problem: `${quote(value)} is not a text` };
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function rowBase(context: Pick<RecordContext, 'file' | 'line'>): { line: number; file?: string } {
  return context.file === undefined ? { line: context.line } : { line: context.line, file: context.file };
}

/** Characters of a text a message shows; the rest is cut. */
const SHOWN_TEXT_LENGTH = 60;
/** Characters of a field name a message shows. */
const SHOWN_FIELD_LENGTH = 100;
/** Values (items, members) of a list or object a message shows. */
const SHOWN_VALUES = 12;
/** Levels of a list or object a message shows. */
const SHOWN_DEPTH = EVENT_LIMITS.parseDepth;

/**
 * A value as a message shows it: text in quotes, the rest as JSON. Whatever the value (a text of a megabyte, lists
 * nested thousands deep, control characters) the answer is short, printable, and made without deep recursion.
 */
export function quote(value: unknown): string {
  if (typeof value === 'string') return `'${shorten(value, SHOWN_TEXT_LENGTH)}'`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid date' : `'${value.toISOString()}'`;
  try {
    return preview(value, 0, { values: SHOWN_VALUES * 2 });
  } catch {
    return 'a value that cannot be shown';
  }
}

/** A name from the input as a message's field shows it: cut, control characters escaped. */
export function fieldName(name: string): string {
  return shorten(name, SHOWN_FIELD_LENGTH);
}

/** A text cut to `max` characters (never within a surrogate pair), with control characters and lone surrogates escaped. */
export function shorten(text: string, max: number): string {
  let shown = text;
  if (shown.length > max) {
    const cut = isHighSurrogate(shown.charCodeAt(max - 1)) ? max - 1 : max;
    shown = `${shown.slice(0, cut)}…`;
  }
  return UNPRINTABLE.test(shown) ? shown.replace(UNPRINTABLE_ALL, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`) : shown;
}

// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// eslint-disable-next-line no-control-regex
const UNPRINTABLE_ALL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Short JSON-like text of a value: at most SHOWN_DEPTH levels and `budget.values` values in all. */
function preview(value: unknown, depth: number, budget: { values: number }): string {
  budget.values -= 1;
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(shorten(value, SHOWN_TEXT_LENGTH));
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'undefined':
      return 'undefined';
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    case 'object':
      break;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid date' : JSON.stringify(value.toISOString());
  const list = Array.isArray(value);
  const [open, close] = list ? ['[', ']'] : ['{', '}'];
  if (depth >= SHOWN_DEPTH || budget.values <= 0) return `${open}…${close}`;
  const parts: string[] = [];
  if (list) {
    for (const item of value as readonly unknown[]) {
      if (budget.values <= 0 || parts.length >= SHOWN_VALUES) {
        parts.push('…');
        break;
      }
      parts.push(preview(item, depth + 1, budget));
    }
  } else {
    const object = value as Readonly<Record<string, unknown>>;
    for (const name in object) {
      if (!Object.hasOwn(object, name)) continue;
      if (budget.values <= 0 || parts.length >= SHOWN_VALUES) {
        parts.push('…');
        break;
      }
      parts.push(`${JSON.stringify(shorten(name, SHOWN_TEXT_LENGTH))}:${preview(object[name], depth + 1, budget)}`);
    }
  }
  return `${open}${parts.join(',')}${close}`;
}
