import { addDays, isWorkingDay } from '../domain/calendar/index.ts';
import type { MeasureEvent } from '../domain/events/event.ts';
import { at, daysFrom, type DemoSpan } from './demo-span.ts';
import { demoEvent, SERVICE_KEYS } from './demo-scenario.ts';
import type { Random } from './random.ts';

/** Each reference page, with how likely the editorial staff post on it on a working day. */
const PAGES: readonly (readonly [string, number])[] = [
  ['facebook', 0.85],
  ['linkedin', 0.7],
  ['twitter', 0.9],
  ['instagram', 0.45],
  ['blog', 0.3],
];
/** A page not updated for this many days gets a post, weekend or not, so none is ever older than the 7 allowed. */
const FORCE_POST_AFTER_DAYS = 5;

/**
 * Cliclavoro's reference pages on the social networks and its blog, observed every morning by a watcher that reads
 * when each page was last updated ("page.observed", source "social-watch", attribute updatedAt).
 */
export function* generateSocialPages(span: DemoSpan, random: Random): Generator<MeasureEvent> {
  for (const [network, postingChance] of PAGES) {
    // Posts start two weeks before the year, so the first observation already has something to read.
    let lastPost: { date: string; at: Date } | null = null;
    for (let date = addDays(span.from, -14); date <= span.lastDate; date = addDays(date, 1)) {
      if (date >= span.from && lastPost !== null) {
        const observedAt = at(span, date, 7, random.int(0, 59), random.int(0, 59));
        yield demoEvent('social-watch', 'page.observed', `${network}@${date}`, `${SERVICE_KEYS.cliclavoro}/${network}`, observedAt, {
          service: SERVICE_KEYS.cliclavoro,
          network,
          updatedAt: lastPost.at.toISOString(),
        });
      }
      const overdue = lastPost === null || daysFrom(lastPost.date, date) >= FORCE_POST_AFTER_DAYS;
      if (overdue || (isWorkingDay(date, span.calendar) && random.chance(postingChance))) {
        lastPost = { date, at: at(span, date, random.int(9, 18), random.int(0, 59)) };
      }
    }
  }
}
