import type { Selectable } from 'kysely';
import type { MaintenanceTime, MaintenanceWindow, NewMaintenanceWindow } from '../../domain/probes/maintenance-window.ts';
import type { Probe, ProbeExpectation, ProbeKind } from '../../domain/probes/probe.ts';
import { fromJsonColumn, toJsonColumn } from '../json-column.ts';
import type { ProbesTable, Queryable } from '../schema.ts';

/** A stored probe, with when it last ran. */
export interface StoredProbe extends Probe {
  createdAt: string;
  updatedAt: string;
}

/** The last finished check of a probe. */
export interface LastProbeRun {
  slotAt: string;
  ok: boolean;
  error: string | null;
}

function probeFromRow(row: Selectable<ProbesTable>): StoredProbe {
  return {
    name: row.name,
    kind: row.kind as ProbeKind,
    target: row.target,
    intervalSeconds: row.interval_seconds,
    timeoutSeconds: row.timeout_seconds,
    retries: row.retries,
    expect: fromJsonColumn<ProbeExpectation>(row.expect_json),
    paused: row.paused === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Stores a new probe; 'exists' when one has this name already. */
export async function insertProbe(db: Queryable, probe: Probe, at: string): Promise<'added' | 'exists'> {
  const result = await db
    .insertInto('probes')
    .values({
      name: probe.name,
      kind: probe.kind,
      target: probe.target,
      interval_seconds: probe.intervalSeconds,
      timeout_seconds: probe.timeoutSeconds,
      retries: probe.retries,
      expect_json: toJsonColumn(probe.expect),
      paused: probe.paused ? 1 : 0,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.column('name').doNothing())
    .returning('name')
    .executeTakeFirst();
  return result === undefined ? 'exists' : 'added';
}

/** Every probe, by name. */
export async function listProbes(db: Queryable): Promise<StoredProbe[]> {
  const rows = await db.selectFrom('probes').selectAll().orderBy('name').execute();
  return rows.map(probeFromRow);
}

export async function findProbe(db: Queryable, name: string): Promise<StoredProbe | undefined> {
  const row = await db.selectFrom('probes').selectAll().where('name', '=', name).executeTakeFirst();
  return row === undefined ? undefined : probeFromRow(row);
}

/** Removes a probe and its leases (its events stay: they are data). False when there was none. */
export async function deleteProbe(db: Queryable, name: string): Promise<boolean> {
  await db.deleteFrom('probe_runs').where('probe', '=', name).execute();
  const result = await db.deleteFrom('probes').where('name', '=', name).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function setProbePaused(db: Queryable, name: string, paused: boolean, at: string): Promise<boolean> {
  const result = await db.updateTable('probes').set({ paused: paused ? 1 : 0, updated_at: at }).where('name', '=', name).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Takes the lease on one slot of a probe: true for the one caller that inserted it, false for every other (another
 * instance, or this one after a restart). Atomic in both dialects (primary key + ON CONFLICT DO NOTHING).
 */
export async function claimProbeSlot(db: Queryable, probe: string, slotAt: string, takenAt: string): Promise<boolean> {
  const result = await db
    .insertInto('probe_runs')
    .values({ probe, slot_at: slotAt, taken_at: takenAt, ok: null, error: null })
    .onConflict((oc) => oc.columns(['probe', 'slot_at']).doNothing())
    .returning('probe')
    .executeTakeFirst();
  return result !== undefined;
}

/** Records how a claimed slot's check ended. */
export async function finishProbeRun(db: Queryable, probe: string, slotAt: string, ok: boolean, error: string | null): Promise<void> {
  await db.updateTable('probe_runs').set({ ok: ok ? 1 : 0, error }).where('probe', '=', probe).where('slot_at', '=', slotAt).execute();
}

/** The latest finished run of each probe that has one. */
export async function findLastProbeRuns(db: Queryable): Promise<Map<string, LastProbeRun>> {
  const rows = await db
    .selectFrom('probe_runs as run')
    .select(['run.probe', 'run.slot_at', 'run.ok', 'run.error'])
    .where('run.ok', 'is not', null)
    .where((eb) =>
      eb(
        'run.slot_at',
        '=',
        eb.selectFrom('probe_runs as later').select((later) => later.fn.max('later.slot_at').as('latest')).whereRef('later.probe', '=', 'run.probe').where('later.ok', 'is not', null),
      ),
    )
    .execute();
  return new Map(rows.map((row) => [row.probe, { slotAt: row.slot_at, ok: row.ok === 1, error: row.error }]));
}

/** Forgets leases older than `before`: a slot that old is never claimed again. */
export async function pruneProbeRuns(db: Queryable, before: string): Promise<void> {
  await db.deleteFrom('probe_runs').where('slot_at', '<', before).execute();
}

/** A probe's latest finished checks, newest first. */
export async function findRecentProbeRuns(db: Queryable, probe: string, limit: number): Promise<{ ok: boolean; error: string | null }[]> {
  const rows = await db.selectFrom('probe_runs').select(['ok', 'error']).where('probe', '=', probe).where('ok', 'is not', null).orderBy('slot_at', 'desc').limit(limit).execute();
  return rows.map((row) => ({ ok: row.ok === 1, error: row.error }));
}

/** Stores a maintenance window; returns its id. */
export async function insertMaintenanceWindow(db: Queryable, window: NewMaintenanceWindow, at: string): Promise<number> {
  const { probe, reason, ...time } = window;
  const row = await db.insertInto('maintenance_windows').values({ probe, reason, time_json: toJsonColumn(time), created_at: at }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Every maintenance window, by id. */
export async function listMaintenanceWindows(db: Queryable): Promise<MaintenanceWindow[]> {
  const rows = await db.selectFrom('maintenance_windows').selectAll().orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, probe: row.probe, reason: row.reason, ...fromJsonColumn<MaintenanceTime>(row.time_json) }));
}

export async function deleteMaintenanceWindow(db: Queryable, id: number): Promise<boolean> {
  const result = await db.deleteFrom('maintenance_windows').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
