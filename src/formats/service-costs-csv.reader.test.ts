import { describe, expect, it } from 'vitest';
import { readServiceCostsCsv } from './service-costs-csv.reader.ts';

describe('readServiceCostsCsv', () => {
  it('reads a comma-separated file with quoted Italian amounts, and a semicolon-separated one without quotes', () => {
    const comma = readServiceCostsCsv('service,year,actual,staff,note\r\nanagrafe,2025,"1.250.000,50",€ 12.345,"Dati, provvisori"\r\n\r\ntributi,2024,0,"100,5",\r\n', 2026);
    expect(comma.errors).toEqual([]);
    expect(comma.costs?.map(({ line, cost }) => [line, cost.service, cost.year, cost.actualCents, cost.staffCents, cost.note])).toEqual([
      [2, 'anagrafe', 2025, 125_000_050, 1_234_500, 'Dati, provvisori'],
      [4, 'tributi', 2024, 0, 10_050, null],
    ]);
    const semicolon = readServiceCostsCsv(new TextEncoder().encode('\uFEFFServizio;Anno;Effettivi;Personale;Volume;Fonte\nanagrafe;2025;1.250,50;0;1.000;controllo di gestione\n'), 2026);
    expect(semicolon.costs?.[0]?.cost).toEqual({ service: 'anagrafe', year: 2025, actualCents: 125_050, staffCents: 0, volume: 1000, note: null, source: 'controllo di gestione' });
  });

  it('names the line and field of every problem, and gives no costs when there is one', () => {
    const read = readServiceCostsCsv('service,year,actual,staff,note\nanagrafe,2025,-5,1,\nanagrafe,1999,1,1,\n"tributi",2025,1,"molti",\nanagrafe,2025,2,2,\n', 2026);
    expect(read.costs).toBeNull();
    expect(read.errors).toEqual([
      { line: 2, field: 'actual', message: '"-5" is negative; costs are never below 0' },
      { line: 3, field: 'year', message: '"1999" is not a year from 2001 to 2026' },
      { line: 4, field: 'staff', message: '"molti" is not an amount in euro such as 1.250.000,50 or € 12.345' },
      { line: 5, field: 'year', message: '"anagrafe" 2025 is already on line 2' },
    ]);
  });

  it('says what is wrong with the header, an unquoted decimal comma, bytes that are not UTF-8 and an empty file', () => {
    expect(readServiceCostsCsv('service,anno,cost\n', 2026).errors.map((e) => e.message)).toEqual([
      'unknown column "cost": the columns are service, year, actual, staff, volume, note, source',
      'the header has no column "actual"',
      'the header has no column "staff"',
    ]);
    expect(readServiceCostsCsv('service,year,actual,staff\nanagrafe,2025,1.250,50,0\n', 2026).errors[0]?.message).toContain('needs quotes');
    expect(readServiceCostsCsv(new Uint8Array([0x73, 0xff, 0x0a]), 2026).errors[0]?.message).toContain('not valid UTF-8');
    expect(readServiceCostsCsv('', 2026).errors[0]?.message).toContain('the file is empty');
    expect(readServiceCostsCsv('service,year,actual,staff\n', 2026).errors).toEqual([{ line: 2, message: 'the file has a header but no costs' }]);
    expect(readServiceCostsCsv('service,year,actual,staff\n"anagrafe,2025,1,1\n', 2026).errors[0]?.line).toBe(2);
  });
});
