/** A scalar an event attribute may hold. */
export type AttributeValue = string | number | boolean | null;

/**
 * Something that happened and that a measure counts: a portal check, a call answered, a request published.
 * (source, id) is the idempotency key: the same event sent twice changes nothing; the same key with other
 * content is a correction and replaces the earlier version.
 */
export interface MeasureEvent {
  /** The sender's own id for this event, unique within its source. */
  id: string;
  /** Who sent it: a data steward's feed ("contact-centre"), a probe ("probe:portal"), the office register. */
  source: string;
  /** What happened, dotted lower-case ("call.answered", "check.http", "request.published"). */
  kind: string;
  /** The thing the event is about, used to pair start and end events (a request number, a page, a channel). */
  subject: string | null;
  /** When it happened, as an instant (stored in UTC; read from ISO 8601 with its offset). */
  occurredAt: Date;
  attributes: Record<string, AttributeValue>;
}
