import { describe, expect, it } from 'vitest';
import { UNSTATED_DIMENSION } from '../domain/cards/dimension.ts';
import { readIndicatorRows, readTableHeader } from './card-text-table.ts';

const line = (cells: string[]) => ({ number: 4, text: cells.join('\t') });

describe('readTableHeader with value columns that name a year', () => {
  it('gives a table with no valore programmato but a value column per year a valore programmato per year, the first by default', () => {
    const header = readTableHeader(line(['Dimensioni', 'Indicatori', '2022 value', '2023 value', '2024 value']));
    expect(header?.columns.target).toBe(2);
    expect(header?.yearly).toEqual([
      { column: 2, year: 2022 },
      { column: 3, year: 2023 },
      { column: 4, year: 2024 },
    ]);
    expect(header?.ignored).toEqual([]);
  });

  it('reads the year of a valore programmato column that names one, and leaves the past years\' values beside it unread', () => {
    const header = readTableHeader(line(['Dimensioni della qualità', 'Indicatori', 'Valore 2019', 'Valore 2020', 'Valore programmato 2021']));
    expect(header?.columns.target).toBe(4);
    expect(header?.yearly).toEqual([{ column: 4, year: 2021 }]);
    expect(header?.ignored.map((cell) => cell.label)).toEqual(['Valore 2019', 'Valore 2020']);
  });

  it('reads a CIVIT header as before, with no year', () => {
    const header = readTableHeader(line(['Dimensioni', 'Sottodimensioni', 'Descrizione indicatore', 'Formula indicatore', 'Valore programmato']));
    expect(header?.columns).toEqual({ dimension: 0, subdimension: 1, description: 2, formula: 3, target: 4 });
    expect(header?.yearly).toBeUndefined();
  });
});

describe('readTableHeader and readIndicatorRows with no dimension column', () => {
  it('reads an indicator and its standard with no dimension column as rows that state no dimension, the results column not imported', () => {
    const header = readTableHeader(line(['Indicatore', 'Valore garantito', 'Risultati raggiunti anno precedente']));
    expect(header?.columns).toEqual({ description: 0, target: 1 });
    expect(header?.ignored.map((cell) => cell.label)).toEqual(['Risultati raggiunti anno precedente']);
    const read = readIndicatorRows([{ number: 5, text: 'Attività educative nell’anno\tNon meno di 400\t' }], header!, 'pagina.txt');
    expect(read.indicators[0]).toMatchObject({ dimension: UNSTATED_DIMENSION.label, dimensionKey: UNSTATED_DIMENSION.key, description: 'Attività educative nell’anno', target: { comparator: '>=', value: 400 } });
    expect(read.doubts.map((d) => d.code)).toContain('doubtful-dimension');
  });

  it('still wants a dimension, or a description in the first column, beside the standard', () => {
    expect(readTableHeader(line(['Formula', 'Valore garantito', 'Note']))).toBeNull();
    expect(readTableHeader(line(['Obiettivo operativo', 'Indicatore', 'Target 2024']))).toBeNull();
  });
});
