import { cellOf, type OpenDataCell, type OpenDataTable } from './opendata-table.ts';

/**
 * The table as a JSON array of objects, one per row, keys in column order and values typed (numbers, booleans,
 * null for no value, ISO dates as strings). One row per line keeps large files readable and diffable.
 */
export function writeOpenDataJson(table: OpenDataTable): string {
  if (table.rows.length === 0) return '[]\n';
  const rows = table.rows.map((_row, index) => {
    const object: Record<string, OpenDataCell> = {};
    for (const column of table.columns) object[column.name] = cellOf(table, index, column);
    return JSON.stringify(object);
  });
  return `[\n${rows.join(',\n')}\n]\n`;
}
