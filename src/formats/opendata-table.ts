/**
 * An open data table: named, typed columns and rows keyed by column name. The CSV and JSON writers both read it, so
 * the two distributions of a dataset always hold the same rows.
 */

/** How a column's values are typed: JSON writes them as such, CSV as plain text (dot decimals, ISO dates). */
export type OpenDataKind = 'text' | 'number' | 'integer' | 'boolean' | 'date';

export type OpenDataCell = string | number | boolean | null;

export interface OpenDataColumn {
  name: string;
  kind: OpenDataKind;
}

export interface OpenDataTable {
  columns: readonly OpenDataColumn[];
  rows: readonly Readonly<Record<string, OpenDataCell>>[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The row's cell for `column`, checked against its kind. A wrong type is a programming error (the builders make the
 * rows), so it throws naming row and column. Non-finite numbers become null: no format can carry them.
 */
export function cellOf(table: OpenDataTable, rowIndex: number, column: OpenDataColumn): OpenDataCell {
  const row = table.rows[rowIndex];
  const value = row?.[column.name] ?? null;
  if (value === null) return null;
  const fail = (expected: string): never => {
    throw new Error(`open data row ${rowIndex + 1}, column "${column.name}": expected ${expected}, got ${JSON.stringify(value)}`);
  };
  switch (column.kind) {
    case 'text':
      return typeof value === 'string' ? value : fail('text');
    case 'date':
      return typeof value === 'string' && ISO_DATE.test(value) ? value : fail('an ISO date (YYYY-MM-DD)');
    case 'boolean':
      return typeof value === 'boolean' ? value : fail('true or false');
    case 'integer':
      if (typeof value !== 'number' || (Number.isFinite(value) && !Number.isInteger(value))) return fail('a whole number');
      return Number.isFinite(value) ? value : null;
    case 'number':
      if (typeof value !== 'number') return fail('a number');
      return Number.isFinite(value) ? value : null;
  }
}
