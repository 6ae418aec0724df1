import { isWorkingDay, localPartsOf } from '../domain/calendar/index.ts';
import type { MeasureEvent } from '../domain/events/event.ts';
import { at, isInSpan, workingDaysAfter, type DemoSpan } from './demo-span.ts';
import { demoEvent, SERVICE_KEYS } from './demo-scenario.ts';
import { Quota, type Random } from './random.ts';

const SOURCE = 'community';
const NETWORKS = ['facebook', 'twitter', 'linkedin', 'youtube', 'blog'];
const OTHER_REASONS: readonly (readonly [string, number])[] = [['question', 0.5], ['suggestion', 0.2], ['technical', 0.2], ['other', 0.1]];

/**
 * The online communities of "Reti sociali virtuali e Blog": requests for help and their answers
 * ("community.request.received" → "community.request.answered"), and reports from users ("report.received", with a
 * reason). About 2.5% of the answers come after the next working day (the standard allows 5%); about 1.6% of the
 * reports complain of a non-conforming answer (the maximum is 1%: a miss the demo is built to show) and 0.4% of an
 * incomplete one.
 */
export function* generateCommunity(span: DemoSpan, random: Random): Generator<MeasureEvent> {
  const late = new Quota(0.5);
  // Starting near 1, the first non-conformity report comes at once: the share is over 1% from the first days.
  const nonConforming = new Quota(0.99);
  const incomplete = new Quota(0);
  let requests = 0;
  let reports = 0;
  for (const date of span.dates) {
    const working = isWorkingDay(date, span.calendar);
    for (let n = random.count(working ? 6 : 2.5); n > 0; n--) {
      requests += 1;
      const id = `RS-${span.year}-${String(requests).padStart(5, '0')}`;
      const receivedAt = at(span, date, random.int(8, 21), random.int(0, 59), random.int(0, 59));
      const attributes = { service: SERVICE_KEYS.retiSociali, network: random.pick(NETWORKS) };
      yield demoEvent(SOURCE, 'community.request.received', `${id}/received`, id, receivedAt, attributes);
      const answeredAt = answerOf(span, date, receivedAt, late.next(0.025), random);
      if (isInSpan(span, answeredAt)) yield demoEvent(SOURCE, 'community.request.answered', `${id}/answered`, id, answeredAt, attributes);
    }
    for (let n = random.count(working ? 4.5 : 1.5); n > 0; n--) {
      reports += 1;
      const id = `SEG-${span.year}-${String(reports).padStart(5, '0')}`;
      const reason = nonConforming.next(0.016) ? 'non-conformity' : incomplete.next(0.004) ? 'incomplete' : random.weighted(OTHER_REASONS);
      yield demoEvent(SOURCE, 'report.received', id, id, at(span, date, random.int(8, 21), random.int(0, 59), random.int(0, 59)), {
        service: SERVICE_KEYS.retiSociali,
        network: random.pick(NETWORKS),
        reason,
      });
    }
  }
}

/** Same day on a working day before 17:00, else the next working day; a late answer takes 2–3 working days. */
function answerOf(span: DemoSpan, date: string, receivedAt: Date, isLate: boolean, random: Random): Date {
  if (isLate) return at(span, workingDaysAfter(span, date, random.int(2, 3)), random.int(9, 17), random.int(0, 59));
  const hour = localPartsOf(receivedAt, span.calendar.timeZone).hour;
  if (isWorkingDay(date, span.calendar) && hour < 17) return new Date(receivedAt.getTime() + random.int(30, 240) * 60_000);
  return at(span, workingDaysAfter(span, date, 1), random.int(9, 17), random.int(0, 59));
}
