import { describe, expect, it } from 'vitest';
import type { EventRow } from './event-record.ts';
import { MAX_NDJSON_LINE_CHARS, readEventsNdjson, readEventsNdjsonSync } from './events-ndjson.reader.ts';

async function collect(rows: AsyncIterable<EventRow>): Promise<EventRow[]> {
  const all: EventRow[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

/** The text cut into small byte chunks, so lines and multi-byte characters straddle chunk edges. */
async function* chunked(text: string, size = 7): AsyncGenerator<Uint8Array> {
  await Promise.resolve();
  const bytes = new TextEncoder().encode(text);
  for (let index = 0; index < bytes.length; index += size) yield bytes.slice(index, index + size);
}

describe('the NDJSON event reader', () => {
  it('reads one event per line, with line numbers, across chunk edges, CRLF, a BOM and blank lines', async () => {
    const text = [
      '\uFEFF{"id":"1","source":"probe:portal","kind":"check.http","subject":"portale","occurredAt":"2026-03-01T10:00:00+01:00","attributes":{"ok":true,"città":"Roma"}}',
      '',
      '{"id":2,"kind":"check.http","occurredAt":"2026-03-01T09:05:00Z"}',
    ].join('\r\n');
    const rows = await collect(readEventsNdjson(chunked(text), { file: 'checks.ndjson', defaultSource: 'probe:default' }));
    expect(rows).toEqual([
      {
        line: 1,
        file: 'checks.ndjson',
        event: { id: '1', source: 'probe:portal', kind: 'check.http', subject: 'portale', occurredAt: new Date('2026-03-01T09:00:00Z'), attributes: { ok: true, città: 'Roma' } },
        attributesJson: '{"ok":true,"città":"Roma"}',
      },
      { line: 3, file: 'checks.ndjson', event: { id: '2', source: 'probe:default', kind: 'check.http', subject: null, occurredAt: new Date('2026-03-01T09:05:00Z'), attributes: {} } },
    ]);
  });

  it.each([
    ['{"id":"1","kind":"a.b","occurredAt":"2026-03-01T10:00:00Z"', 'json', /not valid JSON/],
    ['[1,2]', 'json', /is not a JSON object/],
    ['{"id":"1","kind":"a.b","occurredAt":"2026-03-01T10:00:00Z","value":3}', 'value', /unknown field/],
    ['{"id":"1","kind":"a.b","occurredAt":"2026-03-01T10:00:00Z","attributes":[1]}', 'attributes', /is not an object/],
    ['{"id":"1","kind":"a.b","occurredAt":"2026-03-01T10:00:00"}', 'occurredAt', /no UTC offset/],
    ['{"id":"1","kind":"a.b","occurredAt":"2026-03-01T10:00:00Z","attributes":{"x":{"y":1}}}', 'attributes.x', /is not a text, a number/],
    ['{"kind":"a.b","occurredAt":"2026-03-01T10:00:00Z"}', 'id', /missing/],
  ])('reports the bad line %s at line 2, field %s, and goes on', async (bad, field, message) => {
    const good = '{"id":"ok","kind":"a.b","occurredAt":"2026-03-01T10:00:00Z"}';
    const rows = await collect(readEventsNdjson(chunked([good, bad, good.replace('"ok"', '"ok2"')].join('\n')), { defaultSource: 's' }));
    expect(rows.map((row) => row.line)).toEqual([1, 2, 3]);
    expect(rows[1]?.error).toEqual({ line: 2, field, message: expect.stringMatching(message) });
    expect(rows[2]?.event?.id).toBe('ok2');
  });

  it('refuses a control character in an id, source or subject, escaped or a raw DEL, and takes escapes that make none', () => {
    const lines = [
      '{"id":"a\\u0001b","kind":"check.http","occurredAt":"2026-03-01T10:00:00Z"}',
      '{"id":"ok","source":"feed\\nname","kind":"check.http","occurredAt":"2026-03-01T10:00:00Z"}',
      '{"id":"ok","kind":"check.http","subject":"del\u007f","occurredAt":"2026-03-01T10:00:00Z"}',
      '{"id":"caf\\u00e9 \\"1\\"","kind":"check.http","occurredAt":"2026-03-01T10:00:00Z","attributes":{"note":"a\\tb"}}',
    ];
    const rows = [...readEventsNdjsonSync([lines.join('\n')], { defaultSource: 'feed' })];
    expect(rows.map((row) => row.error?.field ?? row.event?.id)).toEqual(['id', 'source', 'subject', 'café "1"']);
    expect(rows[0]?.error?.message).toMatch(/contains control characters/);
    // A control character inside an attribute is data, not a key: it is kept.
    expect(rows[3]?.event?.attributes).toEqual({ note: 'a\tb' });
  });

  it('refuses half a character (a lone surrogate) in an id, source or subject, which storage would turn into U+FFFD', () => {
    const lines = ['{"id":"a\\ud800","kind":"a.b","occurredAt":"2026-03-01T10:00:00Z"}', '{"id":"a\\udbff","kind":"a.b","occurredAt":"2026-03-01T10:00:00Z"}', '{"id":"ok","subject":"\\udc00x","kind":"a.b","occurredAt":"2026-03-01T10:00:00Z"}', '{"id":"\\ud83d\\ude00","kind":"a.b","occurredAt":"2026-03-01T10:00:00Z","attributes":{"note":"\\ud800"}}'];
    const rows = [...readEventsNdjsonSync([lines.join('\n')], { defaultSource: 'feed' })];
    expect(rows.map((row) => row.error?.field ?? row.event?.id)).toEqual(['id', 'id', 'subject', '\u{1f600}']);
    expect(rows[0]?.error?.message).toBe("'a\\ud800' contains half of a character (a lone surrogate, \\uD800–\\uDFFF)");
  });

  it('reads the events of one source only when asked, refusing another source on its field', () => {
    const lines = ['{"id":"1","kind":"a.b","occurredAt":"2026-03-01T10:00:00Z"}', '{"id":"2","source":"other","kind":"a.b","occurredAt":"2026-03-01T10:00:00Z"}'];
    const rows = [...readEventsNdjsonSync([lines.join('\n')], { defaultSource: 'feed', onlySource: { name: 'feed', of: 'this token' } })];
    expect(rows[0]?.event?.source).toBe('feed');
    expect(rows[1]?.error).toEqual({ line: 2, field: 'source', message: "'other' is not the source of this token ('feed')" });
  });

  it("keeps the attributes' own text when they close the line compactly, and only then", () => {
    const base = '"id":"1","kind":"check.http","occurredAt":"2026-03-01T10:00:00Z"';
    const lines = [
      `{${base},"attributes":{"ok":true,"note":"a \\"}} in \\"attributes\\":{ text","n":1.50}}`,
      `{"attributes":{"ok":true},${base}}`,
      `{${base},"attributes": {"ok":true}}`,
      `{${base},"attributes":{"ok":true}} `,
      `{${base},"attributes":{"ok":false},"attributes":{"ok":true}}`,
      `{${base},"attributes":{}}`,
      `{${base}}`,
    ];
    const rows = [...readEventsNdjsonSync([lines.join('\n')], { defaultSource: 'feed' })];
    expect(rows.map((row) => row.attributesJson)).toEqual(['{"ok":true,"note":"a \\"}} in \\"attributes\\":{ text","n":1.50}', undefined, undefined, undefined, undefined, '{}', undefined]);
    // The text kept reads back to the very attributes checked.
    expect(JSON.parse(rows[0]!.attributesJson!)).toEqual(rows[0]!.event!.attributes);
    expect(rows[4]?.event?.attributes).toEqual({ ok: true });
  });

  it('refuses a line longer than the limit without holding it, and reads the next', async () => {
    async function* huge(): AsyncGenerator<string> {
      await Promise.resolve();
      yield '{"id":"big","attributes":{"x":"';
      for (let sent = 0; sent <= MAX_NDJSON_LINE_CHARS; sent += 100_000) yield 'x'.repeat(100_000);
      yield '"}}\n{"id":"next","source":"s","kind":"a.b","occurredAt":"2026-03-01T10:00:00Z"}\n';
    }
    const rows = await collect(readEventsNdjson(huge()));
    expect(rows[0]?.error).toMatchObject({ line: 1, field: 'json', message: expect.stringMatching(/longer than/) });
    expect(rows[1]).toMatchObject({ line: 2, event: { id: 'next' } });
  });

  it('reads a body already in memory, in one chunk or many, to the same rows as the streaming reader', async () => {
    const text = ['\uFEFF{"id":"1","kind":"a.b","occurredAt":"2026-03-01T10:00:00+01:00","attributes":{"città":"Roma"}}', '', 'not json', '{"id":"3","kind":"a.b","occurredAt":"2026-03-01"}'].join('\r\n');
    const streamed = await collect(readEventsNdjson(chunked(text), { defaultSource: 's' }));
    const bytes = new TextEncoder().encode(text);
    const pieces = Array.from({ length: Math.ceil(bytes.length / 5) }, (_, index) => bytes.slice(index * 5, index * 5 + 5));
    expect([...readEventsNdjsonSync([bytes], { defaultSource: 's' })]).toEqual(streamed);
    expect([...readEventsNdjsonSync(pieces, { defaultSource: 's' })]).toEqual(streamed);
    expect(streamed.map((row) => [row.line, row.error?.field])).toEqual([
      [1, undefined],
      [3, 'json'],
      [4, 'occurredAt'],
    ]);
  });

  describe('refuses a line that is not UTF-8, on its line, and reads the others', () => {
    const line = (id: string) => `{"id":"${id}","kind":"a.b","occurredAt":"2026-03-01T10:00:00Z","attributes":{"città":"Bolzano/Bozen – ß"}}`;
    // Two ids that differ only in bytes that are not UTF-8: read with U+FFFD, they would be one event.
    const file = Buffer.concat([
      Buffer.from(`${line('ok-1')}\n{"id":"x`),
      Buffer.from([0xe9]),
      Buffer.from(`","kind":"a.b","occurredAt":"2026-03-01T10:00:00Z"}\n{"id":"x`),
      Buffer.from([0xe8]),
      Buffer.from(`","kind":"a.b","occurredAt":"2026-03-01T10:00:00Z"}\n${line('ok-4')}\n{"id":"cut`),
      Buffer.from([0xe2, 0x82]),
    ]);
    it.each([[1], [2], [3], [7], [64], [file.length]])('in chunks of %i bytes', async (size) => {
      async function* chunks(): AsyncGenerator<Uint8Array> {
        await Promise.resolve();
        for (let at = 0; at < file.length; at += size) yield file.subarray(at, at + size);
      }
      const rows = await collect(readEventsNdjson(chunks(), { defaultSource: 's' }));
      expect(rows.map((row) => [row.line, row.event?.id ?? row.error?.field])).toEqual([
        [1, 'ok-1'],
        [2, 'json'],
        [3, 'json'],
        [4, 'ok-4'],
        [5, 'json'],
      ]);
      expect(rows[1]?.error?.message).toBe('the line is not valid UTF-8 (byte 9 of the line): save the file as UTF-8');
      expect(rows[3]?.event?.attributes).toEqual({ città: 'Bolzano/Bozen – ß' });
      expect(rows[4]?.error?.message).toMatch(/not valid UTF-8 \(byte 11 of the line\)/);
      expect([...readEventsNdjsonSync([file], { defaultSource: 's' })]).toEqual(rows);
    });
  });

  it('refuses a line nested deeper than any event before parsing it, and one over the length limit within a single chunk', () => {
    const deep = `{"id":"d","kind":"a.b","occurredAt":"2026-03-01T10:00:00Z","attributes":{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`;
    const long = `{"id":"l","kind":"a.b","occurredAt":"2026-03-01T10:00:00Z","attributes":{"x":"${'x'.repeat(MAX_NDJSON_LINE_CHARS)}"}}`;
    // Brackets inside texts are no nesting.
    const texts = `{"id":"t","kind":"a.b","occurredAt":"2026-03-01T10:00:00Z","attributes":{"x":"${'[{'.repeat(50)}\\"[["}}`;
    const rows = [...readEventsNdjsonSync([[deep, long, texts].join('\n')], { defaultSource: 's' })];
    expect(rows.map((row) => [row.line, row.event?.id ?? row.error?.field])).toEqual([
      [1, 'json'],
      [2, 'json'],
      [3, 't'],
    ]);
    expect(rows[0]?.error?.message).toMatch(/^nested more than 8 levels deep: .* \(at character 84\)$/);
    expect(rows[1]?.error?.message).toBe(`the line is longer than ${MAX_NDJSON_LINE_CHARS} characters`);
  });
});

