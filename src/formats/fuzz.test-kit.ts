import { readdirSync, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { isDeepStrictEqual } from 'node:util';
import ExcelJS from 'exceljs';
import { Random } from '../demo/random.ts';
import { UserError } from '../domain/shared/errors.ts';
import { readCardText } from './card-text.importer.ts';
import type { EventRow } from './event-record.ts';
import { readEventsCsv } from './events-csv.reader.ts';
import { readEventsNdjson, readEventsNdjsonSync } from './events-ndjson.reader.ts';
import { readEventsXlsx } from './events-xlsx.reader.ts';

/*
 * Hostile input, made from a seed: random bytes, and valid events, tables and cards bent in the ways an attacker or a
 * broken exporter would bend them (deep nesting, huge numbers, odd unicode, lone surrogates, BOMs, truncation,
 * duplicated keys, wrong types, extreme dates). The fuzz tests (and `npm run bench -- fuzz-events`) feed them to every
 * reader and to the HTTP ingestion; the only outcomes allowed are success and an error that says where.
 */

/** The longest message a row may carry: messages must stay short whatever the input. */
export const MAX_MESSAGE_LENGTH = 600;

const KINDS = ['call.received', 'request.opened', 'request.closed', 'check.http', 'disruption', 'staff.recorded'];
const ODD_TEXTS = [
  '',
  ' ',
  '\u0000',
  '\u0007bell',
  '\u001b[2J',
  '\ud800',
  'lone \udfff low',
  '\ud83d\ude00',
  '\u202eevil',
  '\u2028',
  '\ufeff',
  'e\u0301',
  '\\',
  '"',
  '\n',
  '\r\n',
  'null',
  '-0',
  '1e400',
  '__proto__',
  'constructor',
  'x'.repeat(501),
  'ß'.repeat(300),
  '\u{10ffff}',
];
const ODD_VALUES: unknown[] = [null, true, false, 0, -0, 1e308, -1e308, 2 ** 53 + 1, 0.1, 1e-320, [], {}, [1, [2]], { a: { b: 1 } }, '', 'text'];
const EXTREME_INSTANTS: unknown[] = [
  '0000-01-01T00:00:00Z',
  '0999-12-31T23:59:59Z',
  '1999-12-31T23:59:59Z',
  '2000-01-01T00:00:00Z',
  '2000-12-31T23:30:00Z',
  '2001-01-01T00:00:00+01:00',
  '2014-12-31T23:00:00Z',
  '9999-12-31T23:59:59Z',
  '9999-12-31T23:59:59-18:00',
  '2026-02-29T10:00:00Z',
  '2024-02-29T24:00:00Z',
  '2026-03-11T11:00:00.000Z',
  '2026-03-11T11:00:00.001Z',
  '2026-03-01T10:15:00.99999999999999999999Z',
  '2026-03-01T10:15:00,5+01:00',
  '+275760-09-13T00:00:00Z',
  '2026-03-01T10:15:00+99:99',
  '2026-03-01T10:15:00+18:00',
  '2026-03-01',
  '2026-03-01T10:15:00',
  '２０２６-03-01T10:15:00Z',
  46082.5,
  Number.POSITIVE_INFINITY,
  'x'.repeat(10_000),
];
/** Bytes no UTF-8 text holds, and others that break lines and quotes. */
const RAW_BYTES = [[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xef, 0xbb, 0xbf], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80], [0x80], [0x00], [0x0d], [0x0a], [0x22], [0x5c], [0x2c], [0x3b], [0x09]];
const DEEP_MARK = /"@@deep(\d+)@@"/g;

/** A value standing for `depth` nested lists once the JSON is written (JSON.stringify of the real thing would recurse). */
const deep = (depth: number) => `@@deep${depth}@@`;

function oddText(random: Random): string {
  return random.pick(ODD_TEXTS) + (random.chance(0.3) ? random.pick(ODD_TEXTS) : '');
}

function oddValue(random: Random): unknown {
  return random.weighted<unknown>([
    [random.pick(ODD_VALUES), 3],
    [oddText(random), 3],
    [deep(random.pick([3, 9, 50, 5000])), 1],
    [random.pick(EXTREME_INSTANTS), 1],
  ]);
}

function instantOf(random: Random): string {
  const day = random.int(1, 28);
  const ms = Date.UTC(2026, random.int(0, 2), day, random.int(0, 23), random.int(0, 59), random.int(0, 59));
  const offset = random.pick(['Z', '+01:00', '-05:30', '+0100']);
  const iso = new Date(ms).toISOString();
  return offset === 'Z' ? iso : iso.replace('Z', offset);
}

/** A valid event, as an NDJSON line or a table row would hold it. */
export function validEvent(random: Random, index: number): Record<string, unknown> {
  const event: Record<string, unknown> = { id: `e${index}-${random.int(0, 99)}`, kind: random.pick(KINDS), occurredAt: instantOf(random) };
  if (random.chance(0.3)) event.source = 'contact-centre';
  if (random.chance(0.5)) event.subject = `R${random.int(1, 9)}`;
  if (random.chance(0.8)) event.attributes = { answered: random.chance(0.5), ok: random.chance(0.9), wait: random.int(0, 900), note: random.pick(['città', 'ok', '']) };
  return event;
}

/** The same event bent one to three ways: odd values in any field, extreme dates, too many or too long attributes. */
export function bentEvent(random: Random, index: number): Record<string, unknown> {
  const event = validEvent(random, index);
  for (let bends = random.int(1, 3); bends > 0; bends -= 1) {
    const attributes = (typeof event.attributes === 'object' && event.attributes !== null ? event.attributes : {}) as Record<string, unknown>;
    switch (random.int(0, 8)) {
      case 0:
        event[random.pick(['id', 'source', 'kind', 'subject', 'attributes'])] = oddValue(random);
        break;
      case 1:
        event.occurredAt = random.pick(EXTREME_INSTANTS);
        break;
      case 2:
        delete event[random.pick(['id', 'kind', 'occurredAt', 'attributes'])];
        break;
      case 3:
        attributes[oddText(random) || 'name'] = oddValue(random);
        event.attributes = attributes;
        break;
      case 4:
        for (let count = random.int(40, 120); count > 0; count -= 1) attributes[`a${count}`] = count;
        event.attributes = attributes;
        break;
      case 5:
        attributes['n'.repeat(random.pick([100, 101, 5000]))] = 1;
        event.attributes = attributes;
        break;
      case 6:
        event[random.pick(['value', 'Id', '__proto__', 'constructor'])] = 1;
        break;
      case 7:
        event.id = random.pick([2 ** 53, 1e21, -1, 1.5, Number.MAX_VALUE]);
        break;
      default:
        event.kind = random.pick(['Call', 'a..b', 'a.', `k.${'x'.repeat(200)}`, 'call.received ']);
    }
  }
  return event;
}

/** One event as a JSON line, sometimes with a member written twice or spaces where compact writers put none. */
function eventLine(random: Random, event: Record<string, unknown>): string {
  let line = JSON.stringify(event).replace(DEEP_MARK, (_match, depth: string) => `${'['.repeat(Number(depth))}${']'.repeat(Number(depth))}`);
  if (random.chance(0.1)) line = `${line.slice(0, -1)},"id":"again"}`;
  if (random.chance(0.1)) line = `${line.slice(0, -1)},"attributes":{"ok":false}}`;
  if (random.chance(0.05)) line = line.replace(/":/g, '" : ');
  return line;
}

/** NDJSON text of a few events, most valid, some bent, with the line ends and BOMs real files have. */
export function ndjsonText(random: Random): string {
  const lines: string[] = [];
  for (let index = random.int(1, 12); index > 0; index -= 1) {
    lines.push(random.chance(0.6) ? eventLine(random, validEvent(random, index)) : random.chance(0.9) ? eventLine(random, bentEvent(random, index)) : oddText(random));
    if (random.chance(0.1)) lines.push('');
  }
  const text = lines.join(random.pick(['\n', '\n', '\r\n', '\r']));
  return `${random.chance(0.1) ? '\ufeff' : ''}${text}${random.chance(0.8) ? '\n' : ''}`;
}

/** A JSON array of events, as POST /api/v1/events takes them. */
export function jsonArrayText(random: Random): string {
  const items: string[] = [];
  for (let index = random.int(0, 10); index > 0; index -= 1) {
    items.push(random.chance(0.6) ? eventLine(random, validEvent(random, index)) : random.chance(0.8) ? eventLine(random, bentEvent(random, index)) : JSON.stringify(random.pick(ODD_VALUES)));
  }
  return random.chance(0.1) ? items.join(',') : `[${items.join(',')}]`;
}

const TABLE_COLUMNS = ['id', 'source', 'kind', 'subject', 'occurredAt', 'attr.answered', 'attr.wait', 'attr.note'];

/** The cells of a table (header first), valid or bent: odd cells, extra and unknown columns, repeated headers. */
export function tableCells(random: Random): unknown[][] {
  const header: unknown[] = random.chance(0.8) ? [...TABLE_COLUMNS] : [...TABLE_COLUMNS].sort(() => random.next() - 0.5);
  if (random.chance(0.1)) header.push(random.pick(['attr.note', 'unknown', 'attr.', '', 'id']));
  if (random.chance(0.05)) for (let count = 0; count < 60; count += 1) header.push(`attr.c${count}`);
  const rows: unknown[][] = [header];
  for (let index = random.int(0, 10); index > 0; index -= 1) {
    const event = random.chance(0.6) ? validEvent(random, index) : bentEvent(random, index);
    const attributes = (typeof event.attributes === 'object' && event.attributes !== null ? event.attributes : {}) as Record<string, unknown>;
    const row = header.map((column) => {
      const name = String(column);
      return name.startsWith('attr.') ? attributes[name.slice(5)] : event[name];
    });
    if (random.chance(0.1)) row.push(oddValue(random));
    rows.push(row.map((cell) => (typeof cell === 'string' && /^@@deep\d+@@$/.test(cell) ? '[[[[[[[[[[]]]]]]]]]]' : cell)));
  }
  return rows;
}

/** A table as CSV text, comma or semicolon, quoted as spreadsheets quote, sometimes with a quote left open. */
export function csvText(random: Random): string {
  const delimiter = random.pick([',', ';']);
  const cell = (value: unknown): string => {
    const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : value === null || value === undefined ? '' : (JSON.stringify(value) ?? '');
    return /[",;\n\r]/.test(text) || random.chance(0.05) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = tableCells(random).map((row) => row.map(cell).join(delimiter));
  let text = `${random.chance(0.1) ? '\ufeff' : ''}${lines.join(random.pick(['\n', '\r\n']))}${random.chance(0.7) ? '\n' : ''}`;
  if (random.chance(0.05)) text = text.replace(',', ',"');
  return text;
}

/** A workbook of a table, its cells of any type ExcelJS writes: dates, formulas, errors, rich text. */
export async function xlsxBytes(random: Random): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(random.pick(['events', 'Foglio1', '']) || 'Sheet');
  for (const row of tableCells(random)) {
    sheet.addRow(
      row.map((cell) => {
        if (random.chance(0.05)) return random.pick<unknown>([new Date(Date.UTC(2026, 2, 1)), { formula: '1+1', result: 2 }, { error: '#N/A' }, { richText: [{ text: 'ric' }, { text: 'co' }] }, { text: 'link', hyperlink: 'https://x' }]);
        return typeof cell === 'object' && cell !== null ? JSON.stringify(cell) : cell;
      }),
    );
  }
  if (random.chance(0.2)) workbook.addWorksheet('notes').addRow(['not', 'events']);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A seed card as text, then bent line by line: lines dropped, repeated, swapped, cut, filled with odd text. */
export function cardText(random: Random): string {
  const cards = seedCards();
  const lines = random.pick(cards).split('\n');
  for (let bends = random.int(0, 6); bends > 0; bends -= 1) {
    const at = random.int(0, Math.max(0, lines.length - 1));
    switch (random.int(0, 6)) {
      case 0:
        lines.splice(at, random.int(1, 10));
        break;
      case 1:
        lines.splice(at, 0, ...lines.slice(at, at + random.int(1, 5)));
        break;
      case 2:
        lines[at] = `${lines[at] ?? ''}\t${oddText(random)}`;
        break;
      case 3:
        lines[at] = (lines[at] ?? '').slice(0, random.int(0, (lines[at] ?? '').length));
        break;
      case 4:
        lines.splice(at, 0, '\t'.repeat(random.int(1, 300)), 'x'.repeat(random.int(1, 20_000)));
        break;
      case 5:
        lines[at] = (lines[at] ?? '').replace(/\d+/g, () => random.pick(['0', '99999999999999999999', '-1', '2000', '9999', '1e400', '']));
        break;
      default:
        lines.length = random.int(0, lines.length);
    }
  }
  return lines.join(random.pick(['\n', '\r\n']));
}

let cachedCards: string[] | undefined;
function seedCards(): string[] {
  if (cachedCards === undefined) {
    const folder = new URL('../../seeds/', import.meta.url);
    cachedCards = readdirSync(folder)
      .filter((name) => name.endsWith('.txt'))
      .sort()
      .map((name) => readFileSync(new URL(name, folder), 'utf8'));
  }
  return cachedCards;
}

/** Random bytes: sometimes printable, sometimes anything. */
export function randomBytes(random: Random, maxLength = 2000): Uint8Array {
  const bytes = new Uint8Array(random.int(0, maxLength));
  const printable = random.chance(0.5);
  for (let at = 0; at < bytes.length; at += 1) bytes[at] = printable ? random.pick([0x7b, 0x7d, 0x5b, 0x5d, 0x22, 0x3a, 0x2c, 0x0a, 0x61, 0x31, 0x20]) : random.int(0, 255);
  return bytes;
}

/** Bytes bent at random places: a byte changed, bytes no text holds put in, a piece cut out or repeated, the end cut off. */
export function bentBytes(random: Random, input: Uint8Array): Uint8Array {
  let bytes = input;
  for (let bends = random.int(1, 4); bends > 0; bends -= 1) {
    const at = random.int(0, bytes.length);
    switch (random.int(0, 4)) {
      case 0:
        if (at < bytes.length) {
          bytes = bytes.slice();
          bytes[at] = random.int(0, 255);
        }
        break;
      case 1:
        bytes = concatBytes(bytes.subarray(0, at), Uint8Array.from(random.pick(RAW_BYTES)), bytes.subarray(at));
        break;
      case 2:
        bytes = concatBytes(bytes.subarray(0, at), bytes.subarray(Math.min(bytes.length, at + random.int(1, 64))));
        break;
      case 3:
        bytes = concatBytes(bytes.subarray(0, at), bytes.subarray(at, at + random.int(1, 200)), bytes.subarray(at));
        break;
      default:
        bytes = bytes.subarray(0, at);
    }
  }
  return bytes;
}

function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

/** Text as bytes, bent half of the time. */
function maybeBent(random: Random, text: string): Uint8Array {
  const bytes = new TextEncoder().encode(text);
  return random.chance(0.5) ? bentBytes(random, bytes) : bytes;
}

/** The bytes of a body or file for `format`: random, or valid then bent. */
export function hostileBytes(random: Random, format: 'ndjson' | 'json' | 'csv'): Uint8Array {
  if (random.chance(0.15)) return randomBytes(random);
  const text = format === 'ndjson' ? ndjsonText(random) : format === 'json' ? jsonArrayText(random) : csvText(random);
  return maybeBent(random, text);
}

/** The bytes in pieces of random sizes, as a network or a file stream hands them over. */
export function* randomPieces(random: Random, bytes: Uint8Array): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; ) {
    const size = random.weighted([
      [1, 1],
      [random.int(2, 16), 2],
      [random.int(17, 4096), 2],
    ]);
    yield bytes.slice(at, at + size);
    at += size;
  }
}

async function* asAsync(pieces: Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  for (const piece of pieces) {
    await Promise.resolve();
    yield piece;
  }
}

/** What is wrong with the rows a reader gave, or undefined: every row an event or an error saying where. */
export function rowsProblem(rows: readonly EventRow[]): string | undefined {
  for (const row of rows) {
    if (!Number.isInteger(row.line) || row.line < 1) return `a row without a line: ${JSON.stringify(row).slice(0, 200)}`;
    const { error, event } = row;
    if (error !== undefined) {
      if (error.line !== row.line || typeof error.field !== 'string' || error.field === '' || typeof error.message !== 'string' || error.message === '') {
        return `an error that does not say where: ${JSON.stringify(error).slice(0, 200)}`;
      }
      if (error.message.length > MAX_MESSAGE_LENGTH || error.field.length > MAX_MESSAGE_LENGTH) return `a message ${error.message.length} characters long on line ${row.line}`;
      continue;
    }
    if (event === undefined) return `a row with neither event nor error on line ${row.line}`;
    if (!(event.occurredAt instanceof Date) || Number.isNaN(event.occurredAt.getTime())) return `an event without a valid instant on line ${row.line}`;
    for (const key of [event.id, event.source, event.kind]) if (typeof key !== 'string' || key.trim() === '') return `an event with an empty key on line ${row.line}`;
    for (const value of Object.values(event.attributes)) {
      if (value !== null && typeof value !== 'string' && typeof value !== 'boolean' && !(typeof value === 'number' && Number.isFinite(value))) {
        return `an event with a non-scalar attribute on line ${row.line}`;
      }
    }
  }
  return undefined;
}

/** Reads every row, at most `limit` (a reader must not run away with hostile input either). */
async function collect(rows: AsyncIterable<EventRow>, limit = 100_000): Promise<EventRow[]> {
  const all: EventRow[] = [];
  for await (const row of rows) {
    all.push(row);
    if (all.length >= limit) break;
  }
  return all;
}

/** One fuzz target: runs the case of a seed, and says what went wrong (undefined: an allowed outcome). */
export interface FuzzTarget {
  name: string;
  run(random: Random): Promise<string | undefined>;
}

/** An error thrown by a reader is allowed only as a UserError that names the file. */
function thrownProblem(error: unknown): string {
  if (error instanceof UserError && error.where?.file !== undefined) return '';
  return `threw ${error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : String(error)}`;
}

async function guarded(run: () => Promise<string | undefined>): Promise<string | undefined> {
  try {
    return await run();
  } catch (error) {
    return thrownProblem(error) || undefined;
  }
}

/** The readers' targets: NDJSON (streamed in random pieces, and at once: the same rows), CSV, XLSX and card text. */
export const READER_TARGETS: readonly FuzzTarget[] = [
  {
    name: 'ndjson',
    run: (random) =>
      guarded(async () => {
        const bytes = hostileBytes(random, 'ndjson');
        const streamed = await collect(readEventsNdjson(asAsync(randomPieces(random, bytes)), { file: 'fuzz.ndjson', defaultSource: 'feed' }));
        const whole = [...readEventsNdjsonSync([bytes], { file: 'fuzz.ndjson', defaultSource: 'feed' })];
        if (!isDeepStrictEqual(streamed, whole)) return 'the rows differ when the bytes come in pieces';
        return rowsProblem(streamed);
      }),
  },
  {
    name: 'csv',
    run: (random) =>
      guarded(async () => {
        const bytes = hostileBytes(random, 'csv');
        return rowsProblem(await collect(readEventsCsv(asAsync(randomPieces(random, bytes)), { file: 'fuzz.csv', defaultSource: 'feed' })));
      }),
  },
  {
    name: 'xlsx',
    run: (random) =>
      guarded(async () => {
        const valid = await xlsxBytes(random);
        const bytes = random.chance(0.5) ? valid : random.chance(0.8) ? bentBytes(random, valid) : randomBytes(random);
        return rowsProblem(await collect(readEventsXlsx(Readable.from([Buffer.from(bytes)]), { file: 'fuzz.xlsx', defaultSource: 'feed' })));
      }),
  },
  {
    name: 'card',
    run: (random) =>
      guarded(() => {
        const text = random.chance(0.1) ? new TextDecoder().decode(randomBytes(random, 5000)) : cardText(random);
        readCardText(text, { file: 'fuzz.txt' });
        return Promise.resolve(undefined);
      }),
  },
];

/** A failure: the target, the seed that makes it again, and what went wrong. */
export interface FuzzFailure {
  target: string;
  seed: number;
  problem: string;
}

/** How long one case may take: a reader that waits for ever on some input is a failure too. */
export const FUZZ_CASE_TIMEOUT_MS = 10_000;

/**
 * Runs `cases` cases of a target from seeds seed, seed+1, …; each case gets its own generator, so any one can be run
 * alone (`BENCH_FUZZ_SEED=<seed> BENCH_FUZZ_CASES=1 npm run bench -- fuzz-events`). `onCase` hears of each case before it runs.
 */
export async function runFuzzTarget(target: FuzzTarget, seed: number, cases: number, onCase?: (seed: number) => void): Promise<FuzzFailure[]> {
  const failures: FuzzFailure[] = [];
  for (let index = 0; index < cases; index += 1) {
    const caseSeed = seed + index;
    onCase?.(caseSeed);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`did not finish within ${FUZZ_CASE_TIMEOUT_MS / 1000} s`), FUZZ_CASE_TIMEOUT_MS)));
    const problem = await Promise.race([target.run(new Random(caseSeed)), timedOut]);
    clearTimeout(timer);
    if (problem !== undefined) failures.push({ target: target.name, seed: caseSeed, problem });
  }
  return failures;
}
