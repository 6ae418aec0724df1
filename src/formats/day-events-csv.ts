import type { MeasureEvent } from '../domain/events/event.ts';
import { textCell } from './opendata-csv.ts';

/** The columns of a day's events as the drill-down exports them: the event fields, its attributes as one JSON cell. */
export const DAY_EVENT_COLUMNS = ['id', 'source', 'kind', 'subject', 'occurredAt', 'attributes'] as const;

/** The header line of the CSV (RFC 4180, CRLF). */
export function dayEventsCsvHeader(): string {
  return `${DAY_EVENT_COLUMNS.join(',')}\r\n`;
}

/**
 * One event as a CSV line. Attributes differ from event to event, so they stay one JSON cell rather than a column
 * each, which would need every event read before the first line is written.
 */
export function dayEventCsvLine(event: MeasureEvent): string {
  const cells = [event.id, event.source, event.kind, event.subject ?? '', event.occurredAt.toISOString(), JSON.stringify(event.attributes)];
  return `${cells.map(textCell).join(',')}\r\n`;
}
