import { EVENT_LIMITS } from '../domain/events/event-limits.ts';
import { eventFromRecord, fieldName, quote, rowError, type EventReaderOptions, type EventRow } from './event-record.ts';

/*
 * What CSV and XLSX share: a header row naming the columns (id, source, kind, subject, occurredAt, then one
 * attr.<name> per attribute), then one event per row.
 */

export const ATTRIBUTE_PREFIX = 'attr.';
const BASE_COLUMNS = ['id', 'source', 'kind', 'subject', 'occurredAt'] as const;
const REQUIRED_COLUMNS = ['id', 'kind', 'occurredAt'] as const;

type BaseColumn = (typeof BASE_COLUMNS)[number];

/** Where each field sits in a row (0-based cell index). */
export interface EventTableLayout {
  base: Partial<Record<BaseColumn, number>>;
  attributes: { name: string; index: number }[];
  width: number;
}

/** Reads the header cells into a layout, or an error row saying which column is wrong. */
export function layoutOfHeader(cells: readonly unknown[], context: EventReaderOptions & { line: number }): EventTableLayout | EventRow {
  const base: Partial<Record<BaseColumn, number>> = {};
  const attributes: { name: string; index: number }[] = [];
  const seen = new Set<string>();
  let width = 0;
  for (const [index, cell] of cells.entries()) {
    const name = typeof cell === 'string' ? cell.trim() : typeof cell === 'number' || typeof cell === 'boolean' ? String(cell) : '';
    if (name === '') continue;
    width = index + 1;
    if (seen.has(name)) return rowError(context, fieldName(name), 'this column appears twice in the header');
    seen.add(name);
    if ((BASE_COLUMNS as readonly string[]).includes(name)) {
      base[name as BaseColumn] = index;
    } else if (name.startsWith(ATTRIBUTE_PREFIX) && name.length > ATTRIBUTE_PREFIX.length) {
      attributes.push({ name: name.slice(ATTRIBUTE_PREFIX.length), index });
    } else {
      return rowError(context, fieldName(name), `unknown column ${quote(name)}: the columns are ${BASE_COLUMNS.join(', ')} and ${ATTRIBUTE_PREFIX}<name> for attributes`);
    }
  }
  if (attributes.length > EVENT_LIMITS.attributes) {
    return rowError(context, `${ATTRIBUTE_PREFIX}${fieldName(attributes[EVENT_LIMITS.attributes]?.name ?? '')}`, `the header names ${attributes.length} attribute columns; an event has at most ${EVENT_LIMITS.attributes}`);
  }
  const missing = REQUIRED_COLUMNS.filter((column) => base[column] === undefined);
  if (missing.length > 0) {
    return rowError(context, missing[0] ?? 'id', `the header has no column ${missing.map((m) => `"${m}"`).join(', ')} (first row: ${BASE_COLUMNS.join(', ')}, ${ATTRIBUTE_PREFIX}<name>…)`);
  }
  return { base, attributes, width };
}

/** Builds the event of one data row; `convert` turns a cell into a value (CSV parses text, XLSX keeps types). */
export function eventOfTableRow(
  cells: readonly unknown[],
  layout: EventTableLayout,
  context: EventReaderOptions & { line: number },
  convert: (cell: unknown) => unknown,
): EventRow {
  const cell = (column: BaseColumn) => {
    const index = layout.base[column];
    return index === undefined ? undefined : cells[index];
  };
  const attributes = new Map<string, unknown>();
  for (const { name, index } of layout.attributes) {
    const value = convert(cells[index]);
    // An empty cell means the event has no such attribute, not an empty one.
    if (value !== undefined && value !== null && value !== '') attributes.set(name, value);
  }
  return eventFromRecord(
    { id: cell('id'), source: cell('source'), kind: cell('kind'), subject: cell('subject'), occurredAt: cell('occurredAt'), attributes },
    { ...context, attributeField: (name) => `${ATTRIBUTE_PREFIX}${name}` },
  );
}

export function isLayout(value: EventTableLayout | EventRow): value is EventTableLayout {
  return 'base' in value;
}
