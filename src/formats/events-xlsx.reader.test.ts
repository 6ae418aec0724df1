import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { EventRow } from './event-record.ts';
import { MAX_XLSX_BYTES, readEventsXlsx } from './events-xlsx.reader.ts';

async function collect(rows: AsyncIterable<EventRow>): Promise<EventRow[]> {
  const all: EventRow[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

/** An XLSX file made of these sheets, as a stream. */
async function workbookOf(sheets: unknown[][][]): Promise<Readable> {
  const workbook = new ExcelJS.Workbook();
  sheets.forEach((rows, index) => {
    const sheet = workbook.addWorksheet(`sheet ${index + 1}`);
    for (const row of rows) sheet.addRow(row);
  });
  return Readable.from([Buffer.from(await workbook.xlsx.writeBuffer())]);
}

const header = ['id', 'source', 'kind', 'subject', 'occurredAt', 'attr.ok', 'attr.wait'];

describe('the XLSX event reader', () => {
  it('reads the first sheet only, with typed cells, rich text and formula results, numbered as the sheet numbers rows', async () => {
    const input = await workbookOf([
      [
        header,
        ['x1', 'probe', 'check.http', 'portale', '2026-03-01T10:00:00+01:00', true, 12],
        [],
        [2, null, { richText: [{ text: 'check' }, { text: '.http' }] }, null, '2026-03-01T10:05:00Z', false, { formula: '1+1', result: 2 }],
      ],
      [header, ['other', 'probe', 'check.http', null, '2026-03-01T10:00:00Z', true, 1]],
    ]);
    const rows = await collect(readEventsXlsx(input, { file: 'checks.xlsx', defaultSource: 'xl' }));
    expect(rows).toEqual([
      { line: 2, file: 'checks.xlsx', event: { id: 'x1', source: 'probe', kind: 'check.http', subject: 'portale', occurredAt: new Date('2026-03-01T09:00:00Z'), attributes: { ok: true, wait: 12 } } },
      { line: 4, file: 'checks.xlsx', event: { id: '2', source: 'xl', kind: 'check.http', subject: null, occurredAt: new Date('2026-03-01T10:05:00Z'), attributes: { ok: false, wait: 2 } } },
    ]);
  });

  it('refuses a date cell for occurredAt (no offset) and a bad kind, each with its row number', async () => {
    const input = await workbookOf([
      [
        header,
        ['x1', 'probe', 'check.http', null, new Date('2026-03-01T10:00:00Z'), true, 1],
        ['x2', 'probe', 'Check HTTP', null, '2026-03-01T10:00:00Z', true, 1],
        ['x3', 'probe', 'check.http', null, '2026-03-01T10:00:00Z', true, 1],
      ],
    ]);
    const rows = await collect(readEventsXlsx(input, { file: 'checks.xlsx' }));
    expect(rows.map((row) => [row.line, row.error?.field ?? 'ok'])).toEqual([[2, 'occurredAt'], [3, 'kind'], [4, 'ok']]);
    expect(rows[0]?.error?.message).toMatch(/is not an ISO 8601 instant with offset: a number \(an Excel date\?\)/);
  });

  it('refuses an unknown header column', async () => {
    const rows = await collect(readEventsXlsx(await workbookOf([[['id', 'kind', 'occurredAt', 'when']]])));
    expect(rows).toEqual([{ line: 1, error: { line: 1, field: 'when', message: expect.stringMatching(/unknown column/) } }]);
  });

  it('says a file that is not a workbook is not one', async () => {
    const rows = await collect(readEventsXlsx(Readable.from([Buffer.from('id,kind,occurredAt\n')]), { file: 'events.xlsx' }));
    expect(rows).toEqual([{ line: 1, file: 'events.xlsx', error: { line: 1, field: 'xlsx', message: expect.stringMatching(/^not a readable XLSX workbook/) } }]);
  });

  it('refuses a workbook cut short or damaged, at once, instead of waiting for the rest for ever', async () => {
    const rows = [header, ...Array.from({ length: 200 }, (_, index) => [`x${index}`, 'probe', 'check.http', null, '2026-03-01T10:00:00Z', true, index])];
    const [whole] = (await workbookOf([rows]).then((stream) => stream.toArray())) as Buffer[];
    const damaged = [0.2, 0.5, 0.8, 0.97].map((share) => whole!.subarray(0, Math.floor(whole!.length * share)));
    const flipped = Buffer.from(whole!);
    flipped[Math.floor(flipped.length / 2)]! ^= 0xff;
    for (const bytes of [...damaged, flipped]) {
      const read = collect(readEventsXlsx(Readable.from([bytes]), { file: 'events.xlsx' }));
      const waited = new Promise<string>((resolve) => setTimeout(() => resolve('still waiting after 5 s'), 5000).unref());
      expect(await Promise.race([read, waited])).toEqual([{ line: 1, file: 'events.xlsx', error: { line: 1, field: 'xlsx', message: expect.stringMatching(/^not a readable XLSX workbook: /) } }]);
    }
  });

  it('refuses a workbook larger than the limit without reading it all', async () => {
    async function* huge(): AsyncGenerator<Buffer> {
      await Promise.resolve();
      for (let sent = 0; sent <= MAX_XLSX_BYTES; sent += 2 ** 20) yield Buffer.alloc(2 ** 20);
      throw new Error('read past the limit');
    }
    const rows = await collect(readEventsXlsx(Readable.from(huge()), { file: 'big.xlsx' }));
    expect(rows).toEqual([{ line: 1, file: 'big.xlsx', error: { line: 1, field: 'xlsx', message: 'the workbook is larger than 64 MiB: export the events as CSV' } }]);
  });
});

