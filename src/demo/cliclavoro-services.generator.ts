import { addDays, isWorkingDay, localPartsOf } from '../domain/calendar/index.ts';
import type { MeasureEvent } from '../domain/events/event.ts';
import { at, dateAt, daysFrom, isInSpan, workingDaysAfter, workingDaysOf, type DemoSpan } from './demo-span.ts';
import { demoEvent } from './demo-scenario.ts';
import { Quota, type Random } from './random.ts';

const PROCEDURES = ['dimissioni-volontarie', 'deposito-contratti', 'lavoro-intermittente', 'distacco-transnazionale', 'offerta-di-conciliazione', 'lavori-usuranti'];
const PROFILES = ['consulente-del-lavoro', 'azienda', 'patronato', 'ente-bilaterale', 'cittadino'];

/**
 * Accreditation to the Cliclavoro services ("accreditation.requested" → "credentials.sent"): credentials go out the
 * same or the next working day, within the 3 days allowed, except one request that waited 5 days (a miss the demo
 * is built to show: a maximum, once exceeded, cannot be recovered).
 */
export function* generateAccreditation(span: DemoSpan, random: Random): Generator<MeasureEvent> {
  const source = 'cliclavoro-accreditamento';
  const late = lateRequestDate(span);
  let count = 0;
  for (const date of workingDaysOf(span)) {
    const requests = random.count(10) + (date === late ? 1 : 0);
    for (let n = 0; n < requests; n++) {
      count += 1;
      const id = `ACC-${span.year}-${String(count).padStart(6, '0')}`;
      const requestedAt = at(span, date, random.int(8, 17), random.int(0, 59), random.int(0, 59));
      const attributes = { profile: random.pick(PROFILES) };
      yield demoEvent(source, 'accreditation.requested', `${id}/requested`, id, requestedAt, attributes);
      const sentAt = date === late && n === requests - 1 ? lateSending(span, date, random) : sendingOf(span, date, requestedAt, random);
      if (isInSpan(span, sentAt)) yield demoEvent(source, 'credentials.sent', `${id}/sent`, id, sentAt, attributes);
    }
  }
}

/**
 * Communications sent to the telematic system ("communication.sent" → "communication.registered"), day and night:
 * registered within seconds, except about 0.3% queued for minutes (the measure reads "tempo reale" as ≥ 99% within
 * 60 seconds).
 */
export function* generateCommunications(span: DemoSpan, random: Random): Generator<MeasureEvent> {
  const source = 'cliclavoro-comunicazioni';
  const queued = new Quota(0.5);
  let count = 0;
  for (const date of span.dates) {
    const sent = random.count(isWorkingDay(date, span.calendar) ? 40 : 8);
    const times = Array.from({ length: sent }, () => at(span, date, random.int(7, 22), random.int(0, 59), random.int(0, 59))).sort((a, b) => a.getTime() - b.getTime());
    for (const sentAt of times) {
      count += 1;
      const id = `COM-${span.year}-${String(count).padStart(6, '0')}`;
      const attributes = { procedure: random.pick(PROCEDURES) };
      yield demoEvent(source, 'communication.sent', `${id}/sent`, id, sentAt, attributes);
      const seconds = queued.next(0.003) ? random.int(120, 2400) : random.int(1, 45);
      const registeredAt = new Date(sentAt.getTime() + seconds * 1000);
      if (isInSpan(span, registeredAt)) yield demoEvent(source, 'communication.registered', `${id}/registered`, id, registeredAt, attributes);
    }
  }
}

/** Same day when asked early (40%), else the next working day, never more than 3 calendar days later. */
function sendingOf(span: DemoSpan, date: string, requestedAt: Date, random: Random): Date {
  const hour = localPartsOf(requestedAt, span.calendar.timeZone).hour;
  const next = workingDaysAfter(span, date, 1);
  if ((hour < 15 && random.chance(0.4)) || daysFrom(date, next) > 3) return new Date(requestedAt.getTime() + random.int(60, 180) * 60_000);
  return at(span, next, random.int(9, 17), random.int(0, 59));
}

/** The working day of the late request: a little past the middle of the span, at least 5 days before its end. */
function lateRequestDate(span: DemoSpan): string | null {
  let date = dateAt(span, 0.55);
  if (daysFrom(date, span.lastDate) < 5) date = addDays(span.lastDate, -5);
  for (; date >= span.from; date = addDays(date, -1)) if (isWorkingDay(date, span.calendar)) return date;
  return null;
}

/** Credentials of the late request: 4 or more days later, on a working day when one is in the span. */
function lateSending(span: DemoSpan, date: string, random: Random): Date {
  let day = addDays(date, 5);
  while (day < span.lastDate && !isWorkingDay(day, span.calendar)) day = addDays(day, 1);
  if (day > span.lastDate) day = span.lastDate;
  return at(span, day, random.int(9, 12), random.int(0, 59));
}
