import type { MeasureEvent } from '../domain/events/event.ts';
import { at, isInSpan, workingDaysAfter, workingDaysOf, type DemoSpan } from './demo-span.ts';
import { demoEvent, SERVICE_KEYS } from './demo-scenario.ts';
import type { Random } from './random.ts';

const SOURCE = 'cms-cliclavoro';
const HOUR = 3_600_000;
/** Working days from request to publication: always within the 5 of the standard. */
const CONTENT_DELAYS: readonly (readonly [number, number])[] = [[0, 0.35], [1, 0.35], [2, 0.18], [3, 0.09], [4, 0.03]];
const DOCUMENT_DELAYS: readonly (readonly [number, number])[] = [[0, 0.3], [1, 0.35], [2, 0.2], [3, 0.1], [4, 0.05]];
const SECTIONS = ['news', 'opportunita-di-lavoro', 'bandi-e-concorsi', 'incentivi', 'eventi'];
const DOCUMENT_TYPES = ['atto-normativo', 'circolare', 'interpello', 'documento', 'informazione'];

/**
 * The Cliclavoro editorial office's CMS: requests for new contents and their publication ("content.requested" →
 * "content.published"), and documents of the Ministry received, published and closed ("document.received" →
 * "document.published" → "document.closed"). A publication that would fall after the last date has not happened yet.
 */
export function* generateEditorial(span: DemoSpan, random: Random): Generator<MeasureEvent> {
  let contents = 0;
  let documents = 0;
  for (const date of workingDaysOf(span)) {
    for (let n = random.count(5); n > 0; n--) {
      contents += 1;
      const id = `CNT-${span.year}-${String(contents).padStart(5, '0')}`;
      const requestedAt = at(span, date, random.int(9, 17), random.int(0, 59), random.int(0, 59));
      const attributes = { service: SERVICE_KEYS.cliclavoro, section: random.pick(SECTIONS) };
      yield demoEvent(SOURCE, 'content.requested', `${id}/requested`, id, requestedAt, attributes);
      const publishedAt = publicationOf(span, date, requestedAt, random.weighted(CONTENT_DELAYS), random);
      if (isInSpan(span, publishedAt)) yield demoEvent(SOURCE, 'content.published', `${id}/published`, id, publishedAt, attributes);
    }
    for (let n = random.count(3); n > 0; n--) {
      documents += 1;
      const id = `DOC-${span.year}-${String(documents).padStart(5, '0')}`;
      const receivedAt = at(span, date, random.int(8, 17), random.int(0, 59), random.int(0, 59));
      const attributes = { service: SERVICE_KEYS.cliclavoro, type: random.pick(DOCUMENT_TYPES) };
      yield demoEvent(SOURCE, 'document.received', `${id}/received`, id, receivedAt, attributes);
      const publishedAt = publicationOf(span, date, receivedAt, random.weighted(DOCUMENT_DELAYS), random);
      if (!isInSpan(span, publishedAt)) continue;
      yield demoEvent(SOURCE, 'document.published', `${id}/published`, id, publishedAt, attributes);
      const closedAt = new Date(publishedAt.getTime() + random.int(1, 30) * 60_000);
      if (isInSpan(span, closedAt)) yield demoEvent(SOURCE, 'document.closed', `${id}/closed`, id, closedAt, { ...attributes, outcome: 'published' });
    }
  }
}

/** Publication `delay` working days after the request: a few hours later the same day, or during office hours. */
function publicationOf(span: DemoSpan, date: string, requestedAt: Date, delay: number, random: Random): Date {
  if (delay === 0) return new Date(requestedAt.getTime() + random.int(1, 5) * HOUR);
  return at(span, workingDaysAfter(span, date, delay), random.int(9, 17), random.int(0, 59), random.int(0, 59));
}
