import { cellOf, type OpenDataCell, type OpenDataTable } from './opendata-table.ts';

/**
 * A number in plain decimal notation with a dot: never "1e-7" or "1e+21", which some CSV readers take for text.
 */
export function plainNumber(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  // toFixed handles up to 100 digits; trailing zeros of the fraction say nothing.
  const fixed = Math.abs(value) < 1 ? value.toFixed(20) : BigInt(Math.round(value)).toString();
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

/**
 * A text cell per RFC 4180: quoted when it holds a comma, a double quote or a line break (quotes doubled). Text a
 * spreadsheet would run as a formula (leading =, +, -, @, tab, CR) gets a leading apostrophe, as on the site's other
 * CSV files: card texts come from files people edit. The JSON distribution keeps the exact text.
 */
export function textCell(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvCell(value: OpenDataCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return plainNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return textCell(value);
}

/** The table as RFC 4180 CSV: UTF-8 text, a header row, comma separators, CRLF line ends, empty cells for no value. */
export function writeOpenDataCsv(table: OpenDataTable): string {
  const lines = [table.columns.map((column) => textCell(column.name)).join(',')];
  for (let index = 0; index < table.rows.length; index += 1) {
    lines.push(table.columns.map((column) => csvCell(cellOf(table, index, column))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
