import { DEFAULT_WORK_CALENDAR } from '../domain/calendar/index.ts';
import type { Database } from '../storage/database.ts';
import { bumpDataVersion } from '../storage/repositories/data-version.repository.ts';
import { hasQueuedRollupDays, takeQueuedRollupDays } from '../storage/repositories/rollup-queue.repository.ts';
import { createEventLoads, loadMeasuredIndicators, refreshRollups, type RebuildRollupsDeps } from './rebuild-rollups.action.ts';

export interface DrainSummary {
  /** Indicators whose days were recomputed. */
  indicators: number;
  /** Distinct (indicator, date) pairs recomputed. */
  days: number;
}

interface DrainState {
  tail: Promise<unknown>;
  /** A drain asked for but not started yet: later callers share it. */
  waiting: Promise<DrainSummary> | undefined;
}

const states = new WeakMap<Database, DrainState>();

/**
 * Recomputes the rollups of the days the HTTP ingestion queued (see ingestEvents, 'partial' mode), removes them from
 * the queue and bumps the data version, in one transaction: after a crash the rows are still there and the next
 * drain takes them. Drains of one database run one after the other in this process; a call made while one waits to
 * start shares it. With an empty queue it costs one read and writes nothing.
 */
export function drainRollupQueue(deps: RebuildRollupsDeps): Promise<DrainSummary> {
  let state = states.get(deps.database);
  if (state === undefined) states.set(deps.database, (state = { tail: Promise.resolve(), waiting: undefined }));
  if (state.waiting !== undefined) return state.waiting;
  const current = state;
  const next = current.tail
    .catch(() => undefined)
    .then(() => {
      current.waiting = undefined;
      return drainOnce(deps);
    });
  current.waiting = next;
  current.tail = next;
  return next;
}

async function drainOnce(deps: RebuildRollupsDeps): Promise<DrainSummary> {
  const none: DrainSummary = { indicators: 0, days: 0 };
  if (!(await hasQueuedRollupDays(deps.database.db))) return none;
  const calendar = deps.calendar ?? DEFAULT_WORK_CALENDAR;
  return deps.database.db.transaction().execute(async (trx) => {
    const queued = await takeQueuedRollupDays(trx);
    if (queued.length === 0) return none;
    const datesOf = new Map<number, Set<string>>();
    for (const { indicatorId, date } of queued) {
      const dates = datesOf.get(indicatorId) ?? new Set<string>();
      dates.add(date);
      datesOf.set(indicatorId, dates);
    }
    // Indicators that lost their measure since have no rollups to keep: their rows are simply dropped.
    const measured = (await loadMeasuredIndicators(trx, calendar)).filter((indicator) => datesOf.has(indicator.indicatorId));
    // Indicators reading the same kinds one after the other share their reads.
    measured.sort((a, b) => a.kinds.join(',').localeCompare(b.kinds.join(',')));
    const loads = createEventLoads();
    let days = 0;
    for (const indicator of measured) {
      const dates = datesOf.get(indicator.indicatorId) ?? new Set<string>();
      await refreshRollups(trx, indicator, dates, loads);
      days += dates.size;
    }
    await bumpDataVersion(trx);
    return { indicators: measured.length, days };
  });
}
