import type { Database } from '../storage/database.ts';
import { listSources as listStoredSources } from '../storage/repositories/source.repository.ts';

/** A feed of events and how long it has been silent. */
export interface SourceListing {
  name: string;
  /** The latest instant of an event it sent (UTC ISO), or null. */
  lastEventAt: string | null;
  /** Seconds from lastEventAt to now: a feed that stopped shows a growing number. */
  secondsSinceLastEvent: number | null;
  /** When it last sent anything (UTC ISO), even a re-send, or null. */
  lastReceivedAt: string | null;
  secondsSinceLastReceived: number | null;
  eventCount: number;
}

/** Every source, by name, with its last event time and the seconds since, so a silent feed is visible. */
export async function listSources(deps: { database: Database; now?: () => Date }): Promise<SourceListing[]> {
  const now = (deps.now?.() ?? new Date()).getTime();
  const since = (at: string | null) => (at === null ? null : Math.max(0, Math.floor((now - new Date(at).getTime()) / 1000)));
  return (await listStoredSources(deps.database.db)).map((source) => ({
    name: source.name,
    lastEventAt: source.lastEventAt,
    secondsSinceLastEvent: since(source.lastEventAt),
    lastReceivedAt: source.lastReceivedAt,
    secondsSinceLastReceived: since(source.lastReceivedAt),
    eventCount: source.eventCount,
  }));
}
