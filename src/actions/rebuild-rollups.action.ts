import type { Indicator, OpeningHours, Service } from '../domain/cards/card.ts';
import { DEFAULT_WORK_CALENDAR, type WorkCalendar } from '../domain/calendar/index.ts';
import type { DayRollup } from '../domain/evaluation/day-rollup.ts';
import type { MeasureEvent } from '../domain/events/event.ts';
import { foldDay, relevantKinds, type FoldContext } from '../domain/measures/day-fold.ts';
import { matchesSelector } from '../domain/measures/event-match.ts';
import type { EventSelector, Measure } from '../domain/measures/measure.ts';
import { durationLimitOf, effectiveTargetOf } from '../domain/measures/measure-target.ts';
import { clearIndicatorFaults } from '../storage/repositories/indicator-fault.repository.ts';
import { UserError } from '../domain/shared/errors.ts';
import type { Database } from '../storage/database.ts';
import type { Queryable } from '../storage/schema.ts';
import { listCards } from '../storage/repositories/card.repository.ts';
import { findEventDates, findEventsBySubjects, findEventsOnDates, type StoredEvent } from '../storage/repositories/event.repository.ts';
import { listMeasures } from '../storage/repositories/measure.repository.ts';
import { deleteAllRollups, deleteRollups, saveRollups } from '../storage/repositories/rollup.repository.ts';
import { bumpDataVersion } from '../storage/repositories/data-version.repository.ts';

/** An indicator with a measure, with what folding its days needs. */
export interface MeasuredIndicator {
  indicatorId: number;
  serviceSlug: string;
  editionKey: string;
  indicator: Indicator;
  service: Service;
  measure: Measure;
  /** Fold context without the per-day duration starts. */
  fold: FoldContext;
  /** Event kinds the measure reads. */
  kinds: string[];
}

export interface RebuildRollupsDeps {
  database: Database;
  /** The administration's calendar (time zone for local dates, holidays); default Europe/Rome, Monday–Friday. */
  calendar?: WorkCalendar;
}

/** One indicator, by the slugs a measures file uses. */
export interface IndicatorRef {
  service: string;
  edition: string;
  indicator: string;
}

export interface RebuildSummary {
  indicators: number;
  /** Days that have a rollup after the rebuild. */
  days: number;
}

/**
 * Dates folded per round trip: bounds the events held in memory to one day of one indicator's kinds (a busy contact
 * centre sends tens of thousands a day: some 50 MB of heap for 50 000 events); a year of one indicator is some 250
 * indexed reads. Two days a round held twice that, and made a 1 GB file's ingestion peak above 300 MB.
 */
const DATES_PER_ROUND = 1;

/**
 * Recomputes day rollups from the raw events, in one transaction: every indicator's (rollups of indicators without a
 * measure are dropped), or only the one named. Use after changing the time zone or calendar, or to check ingestion.
 */
export async function rebuildRollups(deps: RebuildRollupsDeps, only?: IndicatorRef): Promise<RebuildSummary> {
  const calendar = deps.calendar ?? DEFAULT_WORK_CALENDAR;
  return deps.database.db.transaction().execute(async (trx) => {
    let measured = await loadMeasuredIndicators(trx, calendar);
    if (only !== undefined) {
      measured = measured.filter((m) => m.serviceSlug === only.service && m.editionKey === only.edition && m.indicator.slug === only.indicator);
      if (measured.length === 0) {
        throw new UserError(`no indicator "${only.indicator}" with a measure in the ${only.edition} card of service "${only.service}"`, { field: 'indicator' });
      }
      await deleteAllRollups(trx, measured.map((m) => m.indicatorId));
    } else {
      await deleteAllRollups(trx);
    }
    let days = 0;
    for (const indicator of measured) days += await rebuildIndicator(trx, indicator);
    // Every indicator rebuilt without error has its days right again: its fault, if any, is over.
    await clearIndicatorFaults(trx, measured.map((m) => m.indicatorId));
    await bumpDataVersion(trx);
    return { indicators: measured.length, days };
  });
}

/** Rebuilds one indicator's rollups from every event it reads; its old rollups must be gone. Returns the days written. */
export async function rebuildIndicator(db: Queryable, indicator: MeasuredIndicator): Promise<number> {
  const dates = await findEventDates(db, foldKinds(indicator.measure));
  return refreshRollups(db, indicator, dates);
}

/** Drops and recomputes the rollups of these indicators (whose measures just changed); returns the days written. */
export async function rebuildIndicatorsById(db: Queryable, indicatorIds: readonly number[], calendar: WorkCalendar): Promise<number> {
  if (indicatorIds.length === 0) return 0;
  const wanted = new Set(indicatorIds);
  await deleteAllRollups(db, [...wanted]);
  let days = 0;
  for (const indicator of await loadMeasuredIndicators(db, calendar)) {
    if (wanted.has(indicator.indicatorId)) days += await rebuildIndicator(db, indicator);
  }
  return days;
}

/** Every indicator that has a measure, with its card's target and channels, for folding. */
export async function loadMeasuredIndicators(db: Queryable, calendar: WorkCalendar): Promise<MeasuredIndicator[]> {
  const measures = await listMeasures(db);
  if (measures.length === 0) return [];
  const byIndicator = new Map<number, { indicator: Indicator; service: Service; editionKey: string }>();
  for (const stored of await listCards(db)) {
    stored.card.indicators.forEach((indicator, index) => {
      const id = stored.indicatorIds[index];
      if (id !== undefined) byIndicator.set(id, { indicator, service: stored.card.service, editionKey: stored.editionKey });
    });
  }
  const measured: MeasuredIndicator[] = [];
  for (const { indicatorId, measure } of measures) {
    const found = byIndicator.get(indicatorId);
    if (found === undefined) continue;
    const target = effectiveTargetOf(measure, found.indicator.target);
    measured.push({
      indicatorId,
      serviceSlug: found.service.slug,
      editionKey: found.editionKey,
      indicator: found.indicator,
      service: found.service,
      measure,
      fold: {
        calendar,
        channels: channelHoursOf(found.service),
        durationLimit: measure.kind === 'duration' ? durationLimitOf(measure, target) : null,
      },
      kinds: relevantKinds(measure),
    });
  }
  return measured;
}

/** Service hours per channel key, as folding and evaluation take them. */
export function channelHoursOf(service: Service): Record<string, OpeningHours | null> {
  return Object.fromEntries(service.channels.map((channel) => [channel.key, channel.hours]));
}

/** One indicator's days folded from the stored events: rollups to write, and dates on which nothing counts. */
export interface FoldedRollups {
  rollups: DayRollup[];
  emptyDates: string[];
}

/**
 * Folds one indicator's rollups of these local dates from the stored events, writing nothing: a day with something
 * to count gives a rollup, a day with nothing an empty date. A duration's items count on the date of their end, paired
 * with the start of the same subject, wherever that start is. Reads DATES_PER_ROUND dates at a time.
 */
export async function foldRollups(db: Queryable, indicator: MeasuredIndicator, dates: Iterable<string>, loads: EventLoads = createEventLoads()): Promise<FoldedRollups> {
  const sorted = [...new Set(dates)].sort();
  const folded: FoldedRollups = { rollups: [], emptyDates: [] };
  for (let index = 0; index < sorted.length; index += DATES_PER_ROUND) {
    const round = sorted.slice(index, index + DATES_PER_ROUND);
    const eventsByDate = await loadEventsByDate(db, indicator.measure, round, loads);
    for (const date of round) {
      const { events, startsBySubject } = eventsByDate.get(date) ?? { events: [], startsBySubject: new Map<string, Date>() };
      const rollup = events.length === 0 ? null : foldDay(indicator.measure, date, events, { ...indicator.fold, startsBySubject });
      if (rollup === null) folded.emptyDates.push(date);
      else folded.rollups.push(rollup);
    }
  }
  return folded;
}

/** Writes what foldRollups computed for one indicator: removes the empty dates' rollups, saves the others. */
export async function writeFoldedRollups(db: Queryable, indicatorId: number, folded: FoldedRollups): Promise<void> {
  await deleteRollups(db, indicatorId, folded.emptyDates);
  await saveRollups(db, indicatorId, folded.rollups);
}

/**
 * Re-folds one indicator's rollups of these local dates from the stored events and writes them (foldRollups, then
 * writeFoldedRollups): a day with something to count is written, a day with nothing is removed. Returns how many
 * days now have a rollup.
 */
export async function refreshRollups(db: Queryable, indicator: MeasuredIndicator, dates: Iterable<string>, loads: EventLoads = createEventLoads()): Promise<number> {
  const folded = await foldRollups(db, indicator, dates, loads);
  await writeFoldedRollups(db, indicator.indicatorId, folded);
  return folded.rollups.length;
}

/** The kinds whose events decide which dates have a rollup: a duration counts on its end's date. */
export function foldKinds(measure: Measure): string[] {
  return measure.kind === 'duration' ? kindsOf(measure.end) : relevantKinds(measure);
}

export function kindsOf(selector: EventSelector): string[] {
  return typeof selector.kind === 'string' ? [selector.kind] : [...selector.kind];
}

/**
 * Event reads shared by the indicators refreshed together (one ingestion, one drain): indicators reading the same
 * kinds on the same dates load them once (refresh them one after the other). Only valid while the events do not
 * change, so make one per refresh.
 */
export interface EventLoads {
  onDates: LoadCache;
  bySubjects: LoadCache;
}

/** Reads kept, by key, oldest first, with how many events the settled ones hold. */
interface LoadCache {
  loads: Map<string, Promise<StoredEvent[]>>;
  sizes: Map<string, number>;
  held: number;
}

/** An empty set of shared event reads. */
export function createEventLoads(): EventLoads {
  return { onDates: newLoadCache(), bySubjects: newLoadCache() };
}

function newLoadCache(): LoadCache {
  return { loads: new Map(), sizes: new Map(), held: 0 };
}

function loadOnDates(db: Queryable, loads: EventLoads, kinds: readonly string[], dates: readonly string[]): Promise<StoredEvent[]> {
  const key = `${[...kinds].sort().join('\u0001')}\u0000${dates.join('\u0001')}`;
  return loads.onDates.loads.get(key) ?? remember(loads.onDates, key, findEventsOnDates(db, kinds, dates));
}

function loadBySubjects(db: Queryable, loads: EventLoads, kinds: readonly string[], subjects: readonly string[]): Promise<StoredEvent[]> {
  const key = `${[...kinds].sort().join('\u0001')}\u0000${subjects.join('\u0001')}`;
  return loads.bySubjects.loads.get(key) ?? remember(loads.bySubjects, key, findEventsBySubjects(db, kinds, subjects));
}

/** Reads kept per refresh: enough for the indicators of one kind refreshed one after the other. */
const LOADS_KEPT = 16;
/**
 * Events the kept reads may hold in all: beyond it the oldest reads are dropped (and read again if needed), so that
 * memory stays bounded whatever the number of events a day (a busy feed sends tens of thousands).
 */
const EVENTS_KEPT = 20_000;

function remember(cache: LoadCache, key: string, load: Promise<StoredEvent[]>): Promise<StoredEvent[]> {
  cache.loads.set(key, load);
  // The reads before this one are no longer about to be used: past the budget they go now, before this one is read, so
  // that two big reads (two days of a busy feed) are never held at once.
  forgetOldest(cache, () => cache.loads.size > 1 && (cache.loads.size > LOADS_KEPT || cache.held > EVENTS_KEPT));
  void load.then(
    (events) => {
      if (cache.loads.get(key) !== load) return;
      cache.sizes.set(key, events.length);
      cache.held += events.length;
      // The newest read is always kept: the indicator being folded is about to use it.
      forgetOldest(cache, () => cache.held > EVENTS_KEPT && cache.loads.size > 1);
    },
    () => cache.loads.delete(key),
  );
  return load;
}

function forgetOldest(cache: LoadCache, tooMuch: () => boolean): void {
  while (tooMuch()) {
    const oldest = cache.loads.keys().next().value as string;
    cache.loads.delete(oldest);
    cache.held -= cache.sizes.get(oldest) ?? 0;
    cache.sizes.delete(oldest);
  }
}

interface DayEvents {
  events: MeasureEvent[];
  startsBySubject: Map<string, Date>;
}

async function loadEventsByDate(db: Queryable, measure: Measure, dates: readonly string[], loads: EventLoads): Promise<Map<string, DayEvents>> {
  const byDate = new Map<string, DayEvents>();
  const day = (date: string): DayEvents => {
    let found = byDate.get(date);
    if (found === undefined) {
      found = { events: [], startsBySubject: new Map() };
      byDate.set(date, found);
    }
    return found;
  };
  if (measure.kind !== 'duration') {
    for (const stored of await loadOnDates(db, loads, relevantKinds(measure), dates)) day(stored.localDate).events.push(stored.event);
    return byDate;
  }
  const ends = (await loadOnDates(db, loads, kindsOf(measure.end), dates)).filter((stored) => matchesSelector(stored.event, measure.end));
  const subjects = ends.flatMap((stored) => (stored.event.subject === null ? [] : [stored.event.subject]));
  const starts = (await loadBySubjects(db, loads, kindsOf(measure.start), subjects)).filter((stored) => matchesSelector(stored.event, measure.start));
  const startsOf = groupBySubject(starts);
  // Folding pairs the earliest end of a subject on a day, so its start is the one before that end.
  const firstEnds = new Map<string, StoredEvent>();
  for (const end of ends) {
    day(end.localDate).events.push(end.event);
    if (end.event.subject === null) continue;
    const key = `${end.localDate}\u0000${end.event.subject}`;
    const seen = firstEnds.get(key);
    if (seen === undefined || end.event.occurredAt.getTime() < seen.event.occurredAt.getTime()) firstEnds.set(key, end);
  }
  for (const end of firstEnds.values()) {
    const subject = end.event.subject ?? '';
    const start = earliestStartBefore(startsOf.get(subject) ?? [], end.event.occurredAt);
    if (start !== undefined) day(end.localDate).startsBySubject.set(subject, start);
  }
  return byDate;
}

function groupBySubject(events: readonly StoredEvent[]): Map<string, StoredEvent[]> {
  const grouped = new Map<string, StoredEvent[]>();
  for (const stored of events) {
    if (stored.event.subject === null) continue;
    const list = grouped.get(stored.event.subject) ?? [];
    list.push(stored);
    grouped.set(stored.event.subject, list);
  }
  return grouped;
}

/**
 * A subject's start: the earliest start not after its end. Earliest, so a start re-sent under another id does not
 * shorten the item; not after the end, so an end is never paired with a later start.
 */
function earliestStartBefore(starts: readonly StoredEvent[], end: Date): Date | undefined {
  let earliest: Date | undefined;
  for (const stored of starts) {
    const at = stored.event.occurredAt;
    if (at.getTime() <= end.getTime() && (earliest === undefined || at.getTime() < earliest.getTime())) earliest = at;
  }
  return earliest;
}
