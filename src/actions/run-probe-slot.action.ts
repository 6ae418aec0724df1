import { DEFAULT_WORK_CALENDAR } from '../domain/calendar/index.ts';
import { findMaintenanceAt } from '../domain/probes/maintenance-window.ts';
import { eventOfOutcome, type Probe, type ProbeOutcome } from '../domain/probes/probe.ts';
import { claimProbeSlot, finishProbeRun, listMaintenanceWindows, listProbes, pruneProbeRuns } from '../storage/repositories/probe.repository.ts';
import { ingestEvents, type IngestEventsDeps } from './ingest-events.action.ts';

/** Leases older than this are forgotten: no instance claims a slot a day late. */
const KEEP_RUNS_MS = 86_400_000;

/** The probes to run: every one not paused. */
export async function listActiveProbes(deps: IngestEventsDeps): Promise<Probe[]> {
  return (await listProbes(deps.database.db)).filter((probe) => !probe.paused);
}

/**
 * Takes one slot of a probe for this instance: true when no instance (this one before a restart included) has taken
 * it, so the caller checks the target; false when another has. Old leases are pruned on the way.
 */
export async function claimProbeRun(deps: IngestEventsDeps, probe: Probe, slot: Date): Promise<boolean> {
  const now = deps.now?.() ?? new Date();
  const claimed = await claimProbeSlot(deps.database.db, probe.name, slot.toISOString(), now.toISOString());
  if (claimed) await pruneProbeRuns(deps.database.db, new Date(now.getTime() - KEEP_RUNS_MS).toISOString());
  return claimed;
}

/**
 * Records a check as an event through the same ingestion as files and the API (source "probes", idempotent by probe
 * and slot; marked `maintenance: true` inside a planned window), then marks the slot done. Rollups are only queued: a server's drain folds many checks at once.
 */
export async function recordProbeOutcome(deps: IngestEventsDeps, probe: Probe, slot: Date, outcome: ProbeOutcome): Promise<void> {
  const windows = await listMaintenanceWindows(deps.database.db);
  const maintenance = findMaintenanceAt(windows, probe.name, outcome.startedAt, (deps.calendar ?? DEFAULT_WORK_CALENDAR).timeZone);
  const event = eventOfOutcome(probe, slot, outcome, maintenance !== null);
  const summary = await ingestEvents(deps, [{ line: 1, file: `probe ${probe.name}`, event }], { mode: 'partial' });
  const refused = summary.rejected[0];
  if (refused !== undefined) throw new Error(`the check of probe ${probe.name} at ${slot.toISOString()} was refused: ${refused.message}`);
  await finishProbeRun(deps.database.db, probe.name, slot.toISOString(), outcome.ok, outcome.error ?? null);
}
