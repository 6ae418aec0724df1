import { DEFAULT_WORK_CALENDAR, type WorkCalendar } from '../domain/calendar/index.ts';
import { coalesceRuns } from '../domain/shared/coalesced-runs.ts';
import type { Database } from '../storage/database.ts';
import type { Queryable } from '../storage/schema.ts';
import { advanceRollupEpoch, bumpDataVersion, bumpRollupEpoch, readRollupEpoch } from '../storage/repositories/data-version.repository.ts';
import { clearIndicatorFaults, recordIndicatorFaults, type IndicatorFault } from '../storage/repositories/indicator-fault.repository.ts';
import { deleteQueuedRollupDays, findLastQueuedRollupId, listQueuedRollupDays } from '../storage/repositories/rollup-queue.repository.ts';
import { isStorageError } from '../storage/storage-error.ts';
import {
  createEventLoads,
  foldRollups,
  loadMeasuredIndicators,
  writeFoldedRollups,
  type FoldedRollups,
  type RebuildRollupsDeps,
} from './rebuild-rollups.action.ts';

export interface DrainSummary {
  /** Indicators whose days were recomputed. */
  indicators: number;
  /** Distinct (indicator, date) pairs recomputed. */
  days: number;
  /** Indicators whose days could not be computed: recorded as faults (see indicator-fault.repository.ts). */
  faults: number;
}

export interface DrainRollupQueueDeps extends RebuildRollupsDeps {
  /** The clock that dates a fault; default the system's. */
  now?: () => Date;
  /**
   * Test seam, left out in production: awaited after a round's read phase and before its write phase, with the
   * attempt number of that round (1 to OPTIMISTIC_TRIES), so a test can write to the database in between.
   */
  betweenPhases?: (attempt: number) => Promise<void>;
}

/** Each database's drains, one at a time in this process. */
const drains = new WeakMap<Database, (deps: DrainRollupQueueDeps) => Promise<DrainSummary>>();

/** Queue rows taken per round: bounds the events read and the rollups held in memory. */
const ROWS_PER_ROUND = 4000;

/** Rounds tried outside the write lock before one is done inside it. */
const OPTIMISTIC_TRIES = 3;

/**
 * Recomputes the rollups of the days the HTTP ingestion queued (see ingestEvents, 'partial' mode), removes their queue
 * rows and bumps the data version. It works in rounds of at most ROWS_PER_ROUND rows, each in two phases:
 *
 * 1. a read-only transaction reads the rollup epoch FIRST, then the queued rows with their ids, and folds those days
 *    from the events, writing nothing (so on SQLite it holds no write lock while it reads and folds);
 * 2. a short write transaction whose first statement moves the epoch only if it is still the one read in phase 1,
 *    then writes the rollups, deletes exactly the rows read (by id) and bumps the data version.
 *
 * Why this is correct: events and their queue rows commit together, so the events of every row phase 1 saw were
 * visible to its fold; a row queued after phase 1 read the queue is not deleted and gets its own round; and every
 * other writer of rollups (file ingestion, rebuild, measures, another drainer) moves the epoch, so a phase 2 computed
 * before such a write fails its first statement and the round starts again instead of landing stale numbers. After
 * OPTIMISTIC_TRIES such failures a round runs both phases in one write transaction, so the drain always progresses.
 * A crash at any point leaves the rows queued for the next drain.
 *
 * One call drains the rows queued when it starts; rows queued during it are left for the next call. Drains of one
 * database run one after the other in this process; a call made while one waits to start shares it. With an empty
 * queue it costs one read and writes nothing.
 */
export function drainRollupQueue(deps: DrainRollupQueueDeps): Promise<DrainSummary> {
  let drain = drains.get(deps.database);
  if (drain === undefined) drains.set(deps.database, (drain = coalesceRuns(drainOnce)));
  return drain(deps);
}

/** What a round's read phase computed, to be written by its write phase. */
interface RoundPlan {
  /** The rollup epoch read before anything else. */
  epoch: number;
  /** The queue rows read: exactly these are deleted. */
  queueIds: number[];
  folds: { indicatorId: number; dates: ReadonlySet<string>; folded: FoldedRollups }[];
  /** Indicators whose fold failed: their rows are removed all the same, and the fault recorded. */
  faults: IndicatorFault[];
}

async function drainOnce(deps: DrainRollupQueueDeps): Promise<DrainSummary> {
  const lastId = await findLastQueuedRollupId(deps.database.db);
  if (lastId === undefined) return { indicators: 0, days: 0, faults: 0 };
  const calendar = deps.calendar ?? DEFAULT_WORK_CALENDAR;
  const indicators = new Set<number>();
  const days = new Set<string>();
  const faults = new Set<number>();
  for (;;) {
    const plan = await drainRound(deps, calendar, lastId);
    if (plan === undefined) break;
    for (const { indicatorId, dates } of plan.folds) {
      indicators.add(indicatorId);
      for (const date of dates) days.add(`${indicatorId}\u0000${date}`);
    }
    for (const fault of plan.faults) faults.add(fault.indicatorId);
  }
  return { indicators: indicators.size, days: days.size, faults: faults.size };
}

/** Drains one round of rows up to `upToId`; undefined when none is left. */
async function drainRound(deps: DrainRollupQueueDeps, calendar: WorkCalendar, upToId: number): Promise<RoundPlan | undefined> {
  const { db } = deps.database;
  for (let attempt = 1; attempt <= OPTIMISTIC_TRIES; attempt += 1) {
    // Repeatable read and read only on PostgreSQL (one snapshot, no write by mistake); SQLite ignores both settings.
    const plan = await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute((trx) => planRound(trx, calendar, upToId, now(deps)));
    if (plan === undefined) return undefined;
    await deps.betweenPhases?.(attempt);
    const written = await db.transaction().execute(async (trx) => {
      if (!(await advanceRollupEpoch(trx, plan.epoch))) return false;
      await writeRound(trx, plan);
      return true;
    });
    if (written) return plan;
  }
  // Other writers kept moving the epoch: read, fold and write under the write lock, as one transaction.
  return db.transaction().execute(async (trx) => {
    // A write first, so SQLite takes the write lock now rather than failing to upgrade a read snapshot later.
    await bumpRollupEpoch(trx);
    const plan = await planRound(trx, calendar, upToId, now(deps));
    if (plan !== undefined) await writeRound(trx, plan);
    return plan;
  });
}

function now(deps: DrainRollupQueueDeps): string {
  return (deps.now?.() ?? new Date()).toISOString();
}

/**
 * Phase 1: reads the epoch, then the queued rows, and folds their days; writes nothing. An indicator whose fold throws
 * (anything but a storage error) becomes a fault: one bad day must degrade that indicator, not stop every drain.
 */
async function planRound(db: Queryable, calendar: WorkCalendar, upToId: number, at: string): Promise<RoundPlan | undefined> {
  const epoch = await readRollupEpoch(db);
  const queued = await listQueuedRollupDays(db, ROWS_PER_ROUND, upToId);
  if (queued.length === 0) return undefined;
  const datesOf = new Map<number, Set<string>>();
  for (const { indicatorId, date } of queued) {
    const dates = datesOf.get(indicatorId) ?? new Set<string>();
    dates.add(date);
    datesOf.set(indicatorId, dates);
  }
  // Indicators that lost their measure since have no rollups to keep: their rows are simply dropped.
  const measured = (await loadMeasuredIndicators(db, calendar)).filter((indicator) => datesOf.has(indicator.indicatorId));
  // Indicators reading the same kinds one after the other share their reads.
  measured.sort((a, b) => a.kinds.join(',').localeCompare(b.kinds.join(',')));
  const loads = createEventLoads();
  const folds: RoundPlan['folds'] = [];
  const faults: IndicatorFault[] = [];
  for (const indicator of measured) {
    const dates = datesOf.get(indicator.indicatorId) ?? new Set<string>();
    try {
      folds.push({ indicatorId: indicator.indicatorId, dates, folded: await foldRollups(db, indicator, dates, loads) });
    } catch (error) {
      if (isStorageError(error)) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      faults.push({ indicatorId: indicator.indicatorId, reason, since: at });
    }
  }
  return { epoch, queueIds: queued.map((row) => row.id), folds, faults };
}

/**
 * Phase 2 (after the epoch check): writes the folded rollups, clears the faults of the indicators folded and records
 * the new ones, deletes the rows read and bumps the data version.
 */
async function writeRound(db: Queryable, plan: RoundPlan): Promise<void> {
  for (const { indicatorId, folded } of plan.folds) await writeFoldedRollups(db, indicatorId, folded);
  await clearIndicatorFaults(db, plan.folds.map((fold) => fold.indicatorId));
  await recordIndicatorFaults(db, plan.faults);
  await deleteQueuedRollupDays(db, plan.queueIds);
  await bumpDataVersion(db);
}
