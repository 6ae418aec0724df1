import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { plainNumber, writeOpenDataCsv } from './opendata-csv.ts';
import { writeOpenDataJson } from './opendata-json.ts';
import type { OpenDataCell, OpenDataTable } from './opendata-table.ts';

const COLUMNS = [
  { name: 'text', kind: 'text' },
  { name: 'number', kind: 'number' },
  { name: 'count', kind: 'integer' },
  { name: 'flag', kind: 'boolean' },
  { name: 'date', kind: 'date' },
] as const;

function tableOf(...rows: Record<string, OpenDataCell>[]): OpenDataTable {
  return { columns: COLUMNS, rows };
}

/** The CSV read back by a real RFC 4180 parser, rows as objects of strings. */
function readBack(csv: string): Record<string, string>[] {
  return parse<Record<string, string>>(csv, { columns: true, bom: false, relax_quotes: false });
}

describe('the open data CSV writer', () => {
  it('writes a header row and CRLF line ends, with a final line end', () => {
    const csv = writeOpenDataCsv(tableOf({ text: 'a', number: 1, count: 2, flag: true, date: '2026-03-01' }));
    expect(csv).toBe('text,number,count,flag,date\r\na,1,2,true,2026-03-01\r\n');
  });

  it('writes only the header for a table with no rows', () => {
    expect(writeOpenDataCsv(tableOf())).toBe('text,number,count,flag,date\r\n');
  });

  it.each([
    ['a comma', 'Numero giornate, anno solare', '"Numero giornate, anno solare"'],
    ['double quotes', 'il "valore" programmato', '"il ""valore"" programmato"'],
    ['a line feed', 'prima riga\nseconda riga', '"prima riga\nseconda riga"'],
    ['a carriage return and line feed', 'prima\r\nseconda', '"prima\r\nseconda"'],
    ['all of them', 'a, "b"\nc', '"a, ""b""\nc"'],
    ['plain words', 'Accesso on line dal portale', 'Accesso on line dal portale'],
    ['accented letters', 'Tempestività ≥ 95%', 'Tempestività ≥ 95%'],
  ])('quotes a text cell with %s as RFC 4180 says', (_what, text, cell) => {
    const csv = writeOpenDataCsv(tableOf({ text, number: null, count: null, flag: null, date: null }));
    expect(csv).toBe(`text,number,count,flag,date\r\n${cell},,,,\r\n`);
    expect(readBack(csv)[0]?.text).toBe(text);
  });

  it.each([
    ['=', '=SUM(A1:A9)'],
    ['+', '+39 06 0000'],
    ['-', '- un elenco'],
    ['@', '@cliclavoro'],
  ])('puts an apostrophe before text starting with "%s", so spreadsheets do not run it', (_char, text) => {
    const csv = writeOpenDataCsv(tableOf({ text, number: null, count: null, flag: null, date: null }));
    expect(readBack(csv)[0]?.text).toBe(`'${text}`);
  });

  it('never guards numbers: a negative number stays a number', () => {
    const csv = writeOpenDataCsv(tableOf({ text: null, number: -2.5, count: -3, flag: false, date: null }));
    expect(readBack(csv)[0]).toEqual({ text: '', number: '-2.5', count: '-3', flag: 'false', date: '' });
  });

  it.each([
    [97.5, '97.5'],
    [0, '0'],
    [1e-7, '0.0000001'],
    [-1.5e-7, '-0.00000015'],
    [1e21, '1000000000000000000000'],
    [123456.789, '123456.789'],
  ])('writes %s in plain decimal notation with a dot: %s', (value, text) => {
    expect(plainNumber(value)).toBe(text);
  });

  it('writes an empty cell for null and for numbers that are not finite', () => {
    const csv = writeOpenDataCsv(tableOf({ text: null, number: Number.NaN, count: Number.POSITIVE_INFINITY, flag: null, date: null }));
    expect(csv.split('\r\n')[1]).toBe(',,,,');
  });

  it.each([
    ['text', 5, 'expected text'],
    ['number', '5', 'expected a number'],
    ['count', 2.5, 'expected a whole number'],
    ['flag', 'yes', 'expected true or false'],
    ['date', '01/03/2026', 'expected an ISO date'],
  ])('refuses a %s cell of the wrong type, naming row and column', (column, value, message) => {
    const row: Record<string, OpenDataCell> = { text: null, number: null, count: null, flag: null, date: null, [column]: value };
    expect(() => writeOpenDataCsv(tableOf(row))).toThrow(`open data row 1, column "${column}": ${message}`);
    expect(() => writeOpenDataJson(tableOf(row))).toThrow(`column "${column}"`);
  });
});

describe('the open data JSON writer', () => {
  it('writes the same rows as objects with typed values, keys in column order', () => {
    const table = tableOf(
      { text: 'a, "b"\nc', number: 97.5, count: 400, flag: true, date: '2026-03-31' },
      { text: null, number: null, count: null, flag: false, date: null },
    );
    const json = writeOpenDataJson(table);
    const rows = JSON.parse(json) as Record<string, OpenDataCell>[];
    expect(rows).toEqual([
      { text: 'a, "b"\nc', number: 97.5, count: 400, flag: true, date: '2026-03-31' },
      { text: null, number: null, count: null, flag: false, date: null },
    ]);
    expect(Object.keys(rows[0]!)).toEqual(COLUMNS.map((c) => c.name));
    expect(json.endsWith('\n')).toBe(true);
  });

  it('writes an empty list for a table with no rows', () => {
    expect(JSON.parse(writeOpenDataJson(tableOf()))).toEqual([]);
  });

  it('keeps the exact text the CSV guards against formulas', () => {
    const table = tableOf({ text: '=1+1', number: null, count: null, flag: null, date: null });
    expect((JSON.parse(writeOpenDataJson(table)) as { text: string }[])[0]?.text).toBe('=1+1');
  });
});
