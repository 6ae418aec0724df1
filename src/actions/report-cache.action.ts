import { DEFAULT_WORK_CALENDAR, localDateOf } from '../domain/calendar/index.ts';
import type { IndicatorReport } from '../domain/evaluation/indicator-report.ts';
import { bumpDataVersion, readDataVersion } from '../storage/repositories/data-version.repository.ts';
import type { DrainSummary } from './drain-rollup-queue.action.ts';
import { drainQueuedRollups, getReport, type GetReportDeps, type ReportRequest } from './get-report.action.ts';

export interface ReportCacheOptions {
  /** Evaluations kept (one per year, granularity and day). Default 16. */
  maxEntries?: number;
  /**
   * How long a read of the data version is trusted, in ms. Bumps made through this cache are seen at once; others
   * (another process, a writer's own transaction) within this time. 0 reads the version on every call. Default 100.
   */
  versionTtlMs?: number;
  /** A monotonic clock in ms for that (tests); default performance.now. */
  monotonicMs?: () => number;
  /**
   * 'before-reading' (default): a version read first recomputes the queued days, so every answer is complete (the
   * CLI). 'in-background' (a server): readers never wait for that; catchUp() drains apart, version reads start one now
   * and then (for days another instance left queued), and readers get the evaluation of the rollups as they are,
   * with catchUpState() telling them when it is being brought up to date.
   */
  catchUp?: 'before-reading' | 'in-background';
}

/** Whether the evaluations served are being brought up to date, for a notice on pages and /readyz. */
export interface CatchUpState {
  /** A drain has been running for more than CATCH_UP_NOTICE_MS: newer events are not counted yet. */
  catchingUp: boolean;
  /** The last drain's error, until a drain succeeds. */
  lastError: string | null;
}

/** getReport answered from memory while nothing it depends on changed. */
export interface ReportCache {
  /** As getReport; the reports are frozen and shared between callers. */
  getReport(request: ReportRequest): Promise<IndicatorReport[]>;
  /** The current data version: one single-row SELECT at most every versionTtlMs, shared by concurrent callers. */
  readDataVersion(): Promise<number>;
  /** Bumps the data version and makes this process see the new one at once (writers outside a transaction). */
  bumpDataVersion(): Promise<number>;
  /**
   * Makes this process read the data version again at the next call instead of trusting its last read: for a writer
   * that bumped the version in its own transaction (an ingestion) and has just committed it.
   */
  forgetDataVersion(): void;
  /** Evaluations run, answers served from memory and version reads since the cache was made. */
  stats(): { evaluations: number; hits: number; versionReads: number };
  /**
   * Recomputes the queued days now (one drain at a time; a call during one shares it) and makes the next version
   * read ask the database. Resolves to the drain's summary; rejects with its error, which catchUpState() keeps.
   */
  catchUp(): Promise<DrainSummary>;
  catchUpState(): CatchUpState;
}

/** A drain shorter than this is an ordinary refresh, not worth a notice. */
export const CATCH_UP_NOTICE_MS = 2000;

/** In the background mode, how often a version read also checks for days left queued (by a crash, another instance). */
export const CATCH_UP_CHECK_MS = 5000;

interface Entry {
  version: number;
  reports: Promise<IndicatorReport[]>;
}

/**
 * Keeps getReport's results in memory, keyed by year, granularity and the local day (reports are judged up to
 * yesterday), and valid while the data version is the one they were computed at; a new version (events, measures or
 * cards changed) re-evaluates. Concurrent callers of a missing entry share one evaluation. The version is read BEFORE
 * evaluating, so an entry never holds data older than its version.
 *
 * The version read itself is cheap but not free (a query through Kysely costs about as much as sending a page from
 * memory), so a read is trusted for versionTtlMs; pages and the API use the same reads through readDataVersion.
 */
export function createReportCache(deps: GetReportDeps, options: ReportCacheOptions = {}): ReportCache {
  const maxEntries = options.maxEntries ?? 16;
  const ttlMs = options.versionTtlMs ?? 100;
  const clock = options.monotonicMs ?? (() => performance.now());
  const timeZone = (deps.calendar ?? DEFAULT_WORK_CALENDAR).timeZone;
  const entries = new Map<string, Entry>();
  const counts = { evaluations: 0, hits: 0, versionReads: 0 };
  const inBackground = options.catchUp === 'in-background';
  const reportDeps: GetReportDeps = { ...deps, catchUp: inBackground ? 'in-background' : 'before-reading' };

  let known: { version: number; readAt: number } | undefined;
  let inFlight: Promise<number> | undefined;
  // Moves on every bump made here, so that a read begun before a bump never passes for a read after it.
  let generation = 0;

  let drain: { promise: Promise<DrainSummary>; startedAt: number } | undefined;
  let lastDrainError: string | null = null;
  let lastCheckAt = -Infinity;
  const forget = () => {
    generation += 1;
    known = undefined;
    inFlight = undefined;
  };
  const catchUp = (): Promise<DrainSummary> => {
    if (drain !== undefined) return drain.promise;
    lastCheckAt = clock();
    const promise = drainQueuedRollups(deps).then(
      (summary) => {
        lastDrainError = null;
        return summary;
      },
      (error: unknown) => {
        lastDrainError = error instanceof Error ? error.message : String(error);
        throw error;
      },
    );
    const current = { promise, startedAt: clock() };
    drain = current;
    const settle = () => {
      if (drain === current) drain = undefined;
      forget();
    };
    promise.then(settle, settle);
    return promise;
  };
  const catchUpSoon = () => {
    if (drain === undefined && clock() - lastCheckAt >= CATCH_UP_CHECK_MS) {
      // Its failure is kept in catchUpState() and retried at the next check; a reader never sees it.
      catchUp().catch(() => undefined);
    }
  };

  const currentVersion = (): Promise<number> => {
    if (known !== undefined && clock() - known.readAt < ttlMs) return Promise.resolve(known.version);
    if (inFlight !== undefined) return inFlight;
    const startedAt = clock();
    const startedIn = generation;
    counts.versionReads += 1;
    // Days still queued by the HTTP ingestion are recomputed first (which moves the version), so a version handed
    // out — and the ETags made from it — already stands for what the next evaluation will show. In the background
    // mode the version stands for the rollups as they are, which is what the evaluation reads.
    if (inBackground) catchUpSoon();
    const drained = inBackground ? Promise.resolve() : drainQueuedRollups(deps);
    const read = drained.then(() => readDataVersion(deps.database.db)).then((version) => {
      if (startedIn === generation) known = { version, readAt: startedAt };
      return version;
    });
    inFlight = read;
    const clear = () => {
      if (inFlight === read) inFlight = undefined;
    };
    read.then(clear, clear);
    return read;
  };

  const evaluate = (key: string, version: number, request: ReportRequest): Promise<IndicatorReport[]> => {
    counts.evaluations += 1;
    const reports = getReport(reportDeps, request).then(deepFreeze);
    entries.delete(key);
    entries.set(key, { version, reports });
    // Map keeps insertion order: the first key is the least recently evaluated.
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    // A failed evaluation is not kept: the next call tries again.
    reports.catch(() => {
      if (entries.get(key)?.reports === reports) entries.delete(key);
    });
    return reports;
  };

  return {
    async getReport(request) {
      const version = await currentVersion();
      const today = localDateOf(deps.now?.() ?? new Date(), timeZone);
      const key = `${request.year}|${request.granularity}|${today}`;
      const entry = entries.get(key);
      if (entry !== undefined && entry.version === version) {
        counts.hits += 1;
        return entry.reports;
      }
      return evaluate(key, version, request);
    },
    readDataVersion: currentVersion,
    async bumpDataVersion() {
      generation += 1;
      known = undefined;
      inFlight = undefined;
      const version = await bumpDataVersion(deps.database.db);
      generation += 1;
      known = undefined;
      return version;
    },
    forgetDataVersion: forget,
    stats: () => ({ ...counts }),
    catchUp,
    catchUpState: () => ({
      catchingUp: drain !== undefined && clock() - drain.startedAt >= CATCH_UP_NOTICE_MS,
      lastError: lastDrainError,
    }),
  };
}

/** Freezes a value and everything it holds, so a caller that changed a shared report would fail loudly. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}
