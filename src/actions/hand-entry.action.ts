import type { Actor } from '../domain/accounts/actor.ts';
import { DEFAULT_WORK_CALENDAR, type WorkCalendar } from '../domain/calendar/index.ts';
import type { AttributeValue, MeasureEvent } from '../domain/events/event.ts';
import type { EventWindowSettings } from '../domain/events/event-window.ts';
import { handEntryEventOf, handEntryFormOf, isHandRecorded, type HandEntryForm, type HandEntryInput } from '../domain/measures/hand-entry.ts';
import { matchesSelector } from '../domain/measures/event-match.ts';
import { UserError } from '../domain/shared/errors.ts';
import type { Database } from '../storage/database.ts';
import { appendAuditRecord } from '../storage/repositories/audit-log.repository.ts';
import { findEventsByIds, findLatestEventsOfKinds } from '../storage/repositories/event.repository.ts';
import { findIndicatorInForce, listIndicatorsInForce } from './indicator-in-force.ts';
import { ingestEvents } from './ingest-events.action.ts';

export interface HandEntryDeps {
  database: Database;
  now?: () => Date;
  calendar?: WorkCalendar;
  eventWindow?: EventWindowSettings;
}

/** One recorded entry as the back office lists it. */
export interface HandEntryListing {
  id: string;
  source: string;
  subject: string | null;
  /** ISO instant. */
  occurredAt: string;
  localDate: string;
  attributes: Record<string, AttributeValue>;
}

/** An indicator of a card in force whose measure is recorded by hand, with its form and its latest entries. */
export interface HandRecordedIndicator {
  service: { slug: string; name: string };
  edition: string;
  indicator: { slug: string; position: number; description: string | null };
  form: HandEntryForm;
  /** Newest first, at most LATEST_ENTRIES. */
  latest: HandEntryListing[];
}

/** Which indicator an entry is for, and what was typed. */
export interface RecordHandEntryInput {
  service: string;
  indicator: string;
  /** The year whose card in force holds the indicator. */
  year: number;
  entry: HandEntryInput;
}

export interface RecordedHandEntry {
  /** recorded: a new entry; corrected: the same entry with other content replaced it; unchanged: sent again as it was. */
  outcome: 'recorded' | 'corrected' | 'unchanged';
  source: string;
  eventId: string;
}

/** Entries listed per indicator. */
export const LATEST_ENTRIES = 10;
/** Events of the kind read to find them: a register kind shared by many registers may show fewer. */
const LATEST_SCAN = 500;

/** The indicators of the cards in force in `year` whose measure is a register or a snapshot, with their latest entries. */
export async function listHandRecordedIndicators(deps: HandEntryDeps, query: { year: number }): Promise<HandRecordedIndicator[]> {
  const { db } = deps.database;
  const listed: HandRecordedIndicator[] = [];
  for (const entry of await listIndicatorsInForce(db, query.year)) {
    const { measure } = entry;
    if (measure === undefined || !isHandRecorded(measure)) continue;
    const form = handEntryFormOf(measure);
    const latest = (await findLatestEventsOfKinds(db, [form.eventKind], LATEST_SCAN))
      .filter((stored) => matchesSelector(stored.event, form.selector))
      .slice(0, LATEST_ENTRIES)
      .map((stored) => ({ ...listingOf(stored.event), localDate: stored.localDate }));
    listed.push({
      service: { slug: entry.service.slug, name: entry.service.name },
      edition: entry.card.editionKey,
      indicator: { slug: entry.indicator.slug, position: entry.indicator.position, description: entry.indicator.description },
      form,
      latest,
    });
  }
  return listed;
}

/**
 * Records one register entry or snapshot value typed in the back office, through the same ingestion as files and the
 * API (checked, idempotent, rollups recomputed in the same transaction), with an audit row naming who recorded what
 * in that transaction too. Its id is derived from what the entry is (see handEntryEventOf): a double submit changes
 * nothing, the same entry with other content corrects it. Throws a UserError naming the field.
 */
export async function recordHandEntry(deps: HandEntryDeps, actor: Actor, input: RecordHandEntryInput): Promise<RecordedHandEntry> {
  const { db } = deps.database;
  const found = await findIndicatorInForce(db, input.year, input.service, input.indicator);
  if (found?.measure === undefined || !isHandRecorded(found.measure)) {
    throw new UserError(`no indicator "${input.indicator}" recorded by hand in the card of service "${input.service}" in force in ${input.year}`, { field: 'indicator' });
  }
  const form = handEntryFormOf(found.measure);
  const calendar = deps.calendar ?? DEFAULT_WORK_CALENDAR;
  const event = handEntryEventOf(form, input.entry, { timeZone: calendar.timeZone, recordedBy: recordedByOf(actor) });
  // Read before: the audit row says what a correction replaced.
  const [before] = await findEventsByIds(db, event.source, [event.id]);
  const at = (deps.now?.() ?? new Date()).toISOString();
  const summary = await ingestEvents(deps, [{ line: 1, file: 'form', event }], {
    mode: 'all-or-nothing',
    inTransaction: async (trx, result) => {
      if (result.accepted + result.corrected === 0) return;
      const change = {
        action: result.corrected > 0 ? 'event.correct' : 'event.record',
        entityType: 'event',
        entityKey: `${event.source}/${event.id}`,
        before: before === undefined ? null : listingOf(before.event),
        after: { ...listingOf(event), service: input.service, indicator: input.indicator },
      };
      await appendAuditRecord(trx, actor, change, at);
    },
  });
  const outcome = summary.corrected > 0 ? 'corrected' : summary.accepted > 0 ? 'recorded' : 'unchanged';
  return { outcome, source: event.source, eventId: event.id };
}

function listingOf(event: MeasureEvent): Omit<HandEntryListing, 'localDate'> {
  return { id: event.id, source: event.source, subject: event.subject, occurredAt: event.occurredAt.toISOString(), attributes: event.attributes };
}

function recordedByOf(actor: Actor): string {
  switch (actor.kind) {
    case 'user':
      return actor.email;
    case 'cli':
      return actor.name;
    case 'api-token':
      return actor.source;
    case 'system':
      return actor.name;
  }
}
