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

/**
 * Whether two versions of an event say the same thing (kind, subject, instant, attributes in any order): a re-send
 * rather than a correction. Keys (source, id) are not compared.
 */
export function haveSameContent(a: MeasureEvent, b: MeasureEvent): boolean {
  if (a.kind !== b.kind || a.subject !== b.subject || a.occurredAt.getTime() !== b.occurredAt.getTime()) return false;
  let count = 0;
  for (const name in a.attributes) {
    if (!Object.hasOwn(a.attributes, name)) continue;
    if (!Object.hasOwn(b.attributes, name) || a.attributes[name] !== b.attributes[name]) return false;
    count += 1;
  }
  for (const name in b.attributes) if (Object.hasOwn(b.attributes, name)) count -= 1;
  return count === 0;
}
