import { describe, expect, it } from 'vitest';
import type { EventReaderOptions, EventRow } from './event-record.ts';
import { readEventsCsv } from './events-csv.reader.ts';

async function collect(rows: AsyncIterable<EventRow>): Promise<EventRow[]> {
  const all: EventRow[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

async function* chunked(text: string, size = 5): AsyncGenerator<Uint8Array> {
  await Promise.resolve();
  const bytes = new TextEncoder().encode(text);
  for (let index = 0; index < bytes.length; index += size) yield bytes.slice(index, index + size);
}

const read = (text: string, options: EventReaderOptions = { file: 'events.csv', defaultSource: 'feed' }) => collect(readEventsCsv(chunked(text), options));

describe('the CSV event reader', () => {
  it('reads the header, then one event per row with parsed attributes and file line numbers', async () => {
    const rows = await read(
      [
        'id,source,kind,subject,occurredAt,attr.ok,attr.wait,attr.note,attr.code',
        'c1,,call.answered,,2026-03-02T09:00:00+01:00,true,42,"first, polite",007',
        '',
        'c2,cc,call.answered,line-1,2026-03-02T08:30:00Z,FALSE,-1.5e2,"two',
        'lines",',
        'c3,,call.answered,,2026-03-02T10:00:00Z,,,,',
      ].join('\n'),
    );
    expect(rows).toEqual([
      {
        line: 2,
        file: 'events.csv',
        event: { id: 'c1', source: 'feed', kind: 'call.answered', subject: null, occurredAt: new Date('2026-03-02T08:00:00Z'), attributes: { ok: true, wait: 42, note: 'first, polite', code: '007' } },
      },
      {
        line: 4,
        file: 'events.csv',
        event: { id: 'c2', source: 'cc', kind: 'call.answered', subject: 'line-1', occurredAt: new Date('2026-03-02T08:30:00Z'), attributes: { ok: false, wait: -150, note: 'two\nlines' } },
      },
      { line: 6, file: 'events.csv', event: { id: 'c3', source: 'feed', kind: 'call.answered', subject: null, occurredAt: new Date('2026-03-02T10:00:00Z'), attributes: {} } },
    ]);
  });

  it('reads semicolon-separated files, as Italian spreadsheets export them, with CRLF and a BOM', async () => {
    const rows = await read('\uFEFFid;kind;occurredAt;attr.esito\r\nr1;request.closed;2026-03-02T09:00:00+01:00;ok, chiuso\r\n');
    expect(rows).toEqual([{ line: 2, file: 'events.csv', event: expect.objectContaining({ id: 'r1', attributes: { esito: 'ok, chiuso' } }) }]);
  });

  it.each([
    ['c1,,call.answered,,2026-13-01', 'occurredAt', "'2026-13-01' is not an ISO 8601 instant with offset"],
    ['c1,,call.answered,,2026-03-02T09:00:00', 'occurredAt', 'no UTC offset'],
    [',,call.answered,,2026-03-02T09:00:00Z', 'id', 'missing'],
    ['c1,,Call,,2026-03-02T09:00:00Z', 'kind', 'is not a dotted lower-case name'],
    ['c1,,call.answered,,2026-03-02T09:00:00Z,1,2', 'csv', 'the row has 7 cells but the header names 6 columns'],
  ])('reports the bad row %j with its line number and field', async (bad, field, message) => {
    const rows = await read(['id,source,kind,subject,occurredAt,attr.ok', 'c0,,call.answered,,2026-03-02T09:00:00Z,true', bad, 'c9,,call.answered,,2026-03-02T09:00:00Z,true'].join('\n'));
    expect(rows.map((row) => [row.line, row.error?.field ?? 'ok'])).toEqual([[2, 'ok'], [3, field], [4, 'ok']]);
    expect(rows[1]?.error?.message).toContain(message);
  });

  it('refuses an unknown column in the header and reads nothing else', async () => {
    const rows = await read('id,kind,occurredAt,colour\nc1,a.b,2026-03-02T09:00:00Z,red\n');
    expect(rows).toEqual([{ line: 1, file: 'events.csv', error: { line: 1, field: 'colour', message: expect.stringMatching(/unknown column 'colour'/) } }]);
  });

  it('refuses a header without the required columns', async () => {
    const rows = await read('id,kind\nc1,a.b\n');
    expect(rows[0]?.error).toEqual({ line: 1, field: 'occurredAt', message: expect.stringMatching(/the header has no column "occurredAt"/) });
  });

  it('reports a quote left open where the file breaks', async () => {
    const rows = await read('id,kind,occurredAt\nc1,a.b,2026-03-02T09:00:00Z\nc2,"a.b,2026-03-02T09:00:00Z\n');
    expect(rows.at(-1)?.error).toMatchObject({ field: 'csv', message: expect.stringMatching(/Quote Not Closed/i) });
  });

  it('says a row without source is an error when no default source is given', async () => {
    const rows = await read('id,kind,occurredAt\nc1,a.b,2026-03-02T09:00:00Z\n', { file: 'x.csv' });
    expect(rows[0]?.error).toEqual({ line: 2, field: 'source', message: 'missing, and no default source was given (--source)' });
  });

  it('reports a quote opened within a cell (INVALID_OPENING_QUOTE) on its line, rather than throwing', async () => {
    const rows = await read(['id,kind,occurredAt', 'c1,call.answered,2026-03-02T09:00:00Z', 'c2,call."answered,2026-03-02T09:00:00Z'].join('\n'));
    // The parser stops at the quote, before it hands over the row before it: the file is refused there.
    expect(rows.at(-1)).toEqual({ line: 3, file: 'events.csv', error: { line: 3, field: 'csv', message: expect.stringMatching(/^Invalid Opening Quote/) } });
  });

  describe('refuses bytes that are not UTF-8, on their line, instead of reading them as U+FFFD', () => {
    const header = 'id,kind,occurredAt,attr.note';
    const good = (id: string) => `${id},call.answered,2026-03-02T09:00:00Z,città`;
    const bytesOf = (...parts: (string | number[])[]) => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))));
    it.each([
      ['a Latin-1 byte', [0xe0]],
      ['a lone continuation byte', [0x80]],
      ['an overlong slash', [0xc0, 0xaf]],
      ['an encoded surrogate', [0xed, 0xa0, 0x80]],
      ['a character cut short', [0xe2, 0x82]],
    ])('%s', async (_what, bad) => {
      const file = bytesOf(`${header}\n${good('c1')}\n`, 'c2,call.answered,2026-03-02T09:00:00Z,', bad, `x\n${good('c3')}\n`);
      // Every chunk size, so the bad bytes and the good characters fall on every side of a chunk's edge.
      for (const size of [1, 2, 3, 5, 64]) {
        async function* chunks(): AsyncGenerator<Uint8Array> {
          await Promise.resolve();
          for (let at = 0; at < file.length; at += size) yield file.subarray(at, at + size);
        }
        const rows = await collect(readEventsCsv(chunks(), { file: 'events.csv', defaultSource: 'feed' }));
        expect(rows.map((row) => [row.line, row.event?.id ?? row.error?.field]), `chunks of ${size}`).toEqual([
          [2, 'c1'],
          [3, 'csv'],
        ]);
        expect(rows[0]?.event?.attributes).toEqual({ note: 'città' });
        expect(rows[1]?.error?.message).toBe('the line is not valid UTF-8: save the file as UTF-8');
      }
    });

    it('in the header, and at the very end of the file', async () => {
      async function* once(bytes: Buffer): AsyncGenerator<Uint8Array> {
        await Promise.resolve();
        yield bytes;
      }
      expect(await collect(readEventsCsv(once(bytesOf('id,kind,', [0xff], 'occurredAt\n'))))).toEqual([{ line: 1, error: { line: 1, field: 'csv', message: expect.stringMatching(/not valid UTF-8/) } }]);
      // The last line ends within a character: that line is the one refused.
      expect(await collect(readEventsCsv(once(bytesOf(`${header}\n${good('c1')}`, [0xc3])), { defaultSource: 'feed' }))).toEqual([
        { line: 2, error: { line: 2, field: 'csv', message: expect.stringMatching(/not valid UTF-8/) } },
      ]);
    });
  });
});

