import type { Actor } from '../domain/accounts/actor.ts';
import { DEFAULT_WORK_CALENDAR, type WorkCalendar } from '../domain/calendar/index.ts';
import { matchesSelector } from '../domain/measures/event-match.ts';
import { parseMaintenanceWindow, type MaintenanceWindow, type MaintenanceWindowInput } from '../domain/probes/maintenance-window.ts';
import { eventOfOutcome, parseProbe, type Probe, type ProbeInput } from '../domain/probes/probe.ts';
import { UserError } from '../domain/shared/errors.ts';
import type { Database } from '../storage/database.ts';
import { appendAuditRecord } from '../storage/repositories/audit-log.repository.ts';
import {
  deleteMaintenanceWindow,
  deleteProbe,
  findLastProbeRuns,
  findProbe,
  insertMaintenanceWindow,
  insertProbe,
  listMaintenanceWindows as listStoredWindows,
  listProbes as listStoredProbes,
  setProbePaused,
  type LastProbeRun,
  type StoredProbe,
} from '../storage/repositories/probe.repository.ts';
import { loadMeasuredIndicators } from './rebuild-rollups.action.ts';

export interface ProbeRegistryDeps {
  database: Database;
  now?: () => Date;
  calendar?: WorkCalendar;
}

/** A probe as `misura probes list` and the back office show it. */
export interface ProbeListing extends StoredProbe {
  lastRun: LastProbeRun | null;
  /** "service/edition/indicator-slug" of every measured indicator that reads this probe's checks. */
  feeds: string[];
}

const CLI_ACTOR: Actor = { kind: 'system', name: 'probes' };

/** Adds a probe (validated; every error names its field). Refused when the name is taken. */
export async function addProbe(deps: ProbeRegistryDeps, input: ProbeInput, actor: Actor = CLI_ACTOR): Promise<Probe> {
  const probe = parseProbe(input);
  const at = (deps.now?.() ?? new Date()).toISOString();
  await deps.database.db.transaction().execute(async (trx) => {
    if ((await insertProbe(trx, probe, at)) === 'exists') throw new UserError(`a probe named "${probe.name}" exists already (misura probes remove ${probe.name} first)`, { field: 'name' });
    await appendAuditRecord(trx, actor, { action: 'probe.add', entityType: 'probe', entityKey: probe.name, before: null, after: probe }, at);
  });
  return probe;
}

/** The maintenance windows of the probes each measured indicator reads, by "service/edition/indicator-slug". */
export async function listIndicatorMaintenance(deps: ProbeRegistryDeps): Promise<{ indicator: string; windows: MaintenanceWindow[] }[]> {
  const windows = await listStoredWindows(deps.database.db);
  if (windows.length === 0) return [];
  const byIndicator = new Map<string, MaintenanceWindow[]>();
  for (const probe of await listProbes(deps)) {
    const own = windows.filter((window) => window.probe === probe.name || window.probe === '*');
    for (const indicator of probe.feeds) byIndicator.set(indicator, [...new Set([...(byIndicator.get(indicator) ?? []), ...own])]);
  }
  return [...byIndicator].filter(([, list]) => list.length > 0).map(([indicator, list]) => ({ indicator, windows: list.sort((a, b) => a.id - b.id) }));
}

/** Every probe with its last check and the indicators its checks feed. */
export async function listProbes(deps: ProbeRegistryDeps): Promise<ProbeListing[]> {
  const { db } = deps.database;
  const [probes, lastRuns, indicators] = await Promise.all([listStoredProbes(db), findLastProbeRuns(db), loadMeasuredIndicators(db, deps.calendar ?? DEFAULT_WORK_CALENDAR)]);
  const now = deps.now?.() ?? new Date();
  return probes.map((probe) => {
    // A check of this probe, passed and failed: an indicator that selects either reads the probe.
    const samples = [true, false].map((ok) => eventOfOutcome(probe, now, { startedAt: now, ok, latencyMs: 0, attempts: 1 }));
    const feeds = indicators
      .filter(({ measure }) => {
        const selector = measure.kind === 'availability-days' ? measure.checks : measure.kind === 'ratio' ? measure.total : null;
        return selector !== null && samples.some((sample) => matchesSelector(sample, selector));
      })
      .map((indicator) => `${indicator.serviceSlug}/${indicator.editionKey}/${indicator.indicator.slug}`);
    return { ...probe, lastRun: lastRuns.get(probe.name) ?? null, feeds };
  });
}

/** Removes a probe; the events it recorded stay. */
export async function removeProbe(deps: ProbeRegistryDeps, name: string, actor: Actor = CLI_ACTOR): Promise<void> {
  const at = (deps.now?.() ?? new Date()).toISOString();
  await deps.database.db.transaction().execute(async (trx) => {
    const before = await findProbe(trx, name);
    if (before === undefined || !(await deleteProbe(trx, name))) throw unknownProbe(name);
    await appendAuditRecord(trx, actor, { action: 'probe.remove', entityType: 'probe', entityKey: name, before, after: null }, at);
  });
}

/** Pauses (true) or resumes (false) a probe: a paused probe records nothing, so its days have no data. */
export async function pauseProbe(deps: ProbeRegistryDeps, name: string, paused: boolean, actor: Actor = CLI_ACTOR): Promise<void> {
  const at = (deps.now?.() ?? new Date()).toISOString();
  await deps.database.db.transaction().execute(async (trx) => {
    const before = await findProbe(trx, name);
    if (before === undefined || !(await setProbePaused(trx, name, paused, at))) throw unknownProbe(name);
    await appendAuditRecord(trx, actor, { action: paused ? 'probe.pause' : 'probe.resume', entityType: 'probe', entityKey: name, before: { paused: before.paused }, after: { paused } }, at);
  });
}

/** Plans a maintenance of what a probe watches ("*": every probe); returns the stored window. */
export async function addMaintenanceWindow(deps: ProbeRegistryDeps, input: MaintenanceWindowInput, actor: Actor = CLI_ACTOR): Promise<MaintenanceWindow> {
  const window = parseMaintenanceWindow(input);
  const at = (deps.now?.() ?? new Date()).toISOString();
  return deps.database.db.transaction().execute(async (trx) => {
    if (window.probe !== '*' && (await findProbe(trx, window.probe)) === undefined) throw unknownProbe(window.probe);
    const id = await insertMaintenanceWindow(trx, window, at);
    await appendAuditRecord(trx, actor, { action: 'maintenance.add', entityType: 'maintenance-window', entityKey: String(id), before: null, after: window }, at);
    return { id, ...window };
  });
}

/** Every maintenance window, planned and past. */
export async function listMaintenanceWindows(deps: ProbeRegistryDeps): Promise<MaintenanceWindow[]> {
  return listStoredWindows(deps.database.db);
}

export async function removeMaintenanceWindow(deps: ProbeRegistryDeps, id: number, actor: Actor = CLI_ACTOR): Promise<void> {
  const at = (deps.now?.() ?? new Date()).toISOString();
  await deps.database.db.transaction().execute(async (trx) => {
    const before = (await listStoredWindows(trx)).find((window) => window.id === id);
    if (before === undefined || !(await deleteMaintenanceWindow(trx, id))) throw new UserError(`no maintenance window has id ${id} (misura probes maintenance list)`, { field: 'id' });
    await appendAuditRecord(trx, actor, { action: 'maintenance.remove', entityType: 'maintenance-window', entityKey: String(id), before, after: null }, at);
  });
}

function unknownProbe(name: string): UserError {
  return new UserError(`no probe is named "${name}" (misura probes list shows them)`, { field: 'name' });
}
