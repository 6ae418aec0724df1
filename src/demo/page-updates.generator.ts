import type { MeasureEvent } from '../domain/events/event.ts';
import { at, daysFrom, isInSpan, workingDaysAfter, workingDaysOf, type DemoSpan } from './demo-span.ts';
import { demoEvent, SERVICE_KEYS } from './demo-scenario.ts';
import type { Random } from './random.ts';

const SOURCE = 'cms';
const PAGES = ['responsabili', 'contatti', 'tempistiche'] as const;
/** The most calendar days each service's card allows to update a page ("3 giorni", "5 giorni"). */
const LIMIT_DAYS: readonly (readonly [string, number])[] = [
  [SERVICE_KEYS.cliclavoro, 3],
  [SERVICE_KEYS.retiSociali, 3],
  [SERVICE_KEYS.centroDiContatto, 5],
];
const DELAYS: readonly (readonly [number, number])[] = [[0, 0.4], [1, 0.45], [2, 0.15]];

/**
 * Requests to update the transparency pages (responsible people, contacts, planned response times) and their
 * publication: a yearly review in the first working days of January, then an update every two to four months.
 * Every update is published within the card's limit. Source "cms", subject "<service>/<page>/<n>".
 */
export function* generatePageUpdates(span: DemoSpan, random: Random): Generator<MeasureEvent> {
  const working = workingDaysOf(span);
  for (const [service, limit] of LIMIT_DAYS) {
    for (const [pageIndex, page] of PAGES.entries()) {
      let index = pageIndex;
      for (let n = 1; index < working.length; n++) {
        const date = working[index] ?? span.lastDate;
        const subject = `${service}/${page}/${n}`;
        const attributes = { service, page };
        const requestedAt = at(span, date, random.int(9, 15), random.int(0, 59));
        yield demoEvent(SOURCE, 'page-update.requested', `${subject}/requested`, subject, requestedAt, attributes);
        let delay = random.weighted(DELAYS);
        if (daysFrom(date, workingDaysAfter(span, date, delay)) > limit) delay = 0;
        const publishedAt =
          delay === 0 ? new Date(requestedAt.getTime() + random.int(60, 240) * 60_000) : at(span, workingDaysAfter(span, date, delay), random.int(9, 17), random.int(0, 59));
        if (isInSpan(span, publishedAt)) yield demoEvent(SOURCE, 'page-update.published', `${subject}/published`, subject, publishedAt, attributes);
        index += random.int(30, 75);
      }
    }
  }
}
