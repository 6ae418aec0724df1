import { basename } from 'node:path';
import type { Actor } from '../domain/accounts/actor.ts';
import { parseProbe, type Probe } from '../domain/probes/probe.ts';
import { UserError } from '../domain/shared/errors.ts';
import type { KumaMonitors, KumaSkip } from '../formats/uptime-kuma.reader.ts';
import { appendAuditRecord } from '../storage/repositories/audit-log.repository.ts';
import { findProbe, insertProbe } from '../storage/repositories/probe.repository.ts';
import type { ProbeRegistryDeps } from './probe-registry.action.ts';

export interface ImportKumaOptions {
  /** Say what would be added and skipped; write nothing. */
  dryRun?: boolean;
  /** Leave out a monitor whose probe name exists already, instead of refusing the whole import. */
  skipExisting?: boolean;
}

/** A probe made from a Kuma monitor. */
export interface ImportedProbe {
  probe: Probe;
  /** The monitor's name, id and type in Kuma. */
  monitor: string;
  monitorId: number | null;
  type: string;
  notes: string[];
}

export interface KumaImportResult {
  file: string;
  format: KumaMonitors['format'];
  /** The Kuma version a JSON backup states. */
  version: string | null;
  dryRun: boolean;
  /** Added (or, in a dry run, that would be). */
  added: ImportedProbe[];
  /** Monitors misura cannot run, and (with skipExisting) those whose name is taken. */
  skipped: KumaSkip[];
}

const CLI_ACTOR: Actor = { kind: 'system', name: 'probes' };

/**
 * Turns the monitors of an Uptime Kuma database or JSON backup into probes, all in one transaction: a name that exists
 * already refuses the whole import (nothing is added) unless skipExisting leaves that monitor out. Each probe is
 * audited as `probe.import`, with the Kuma monitor it came from.
 */
export async function importKumaProbes(deps: ProbeRegistryDeps, path: string, options: ImportKumaOptions = {}, actor: Actor = CLI_ACTOR): Promise<KumaImportResult> {
  // The reader is loaded only when an import runs, not with every command.
  const { readKumaMonitors } = await import('../formats/uptime-kuma.reader.ts');
  const read = await readKumaMonitors(path);
  const file = basename(path);
  const candidates: ImportedProbe[] = read.probes.map(({ input, paused, monitor, monitorId, type, notes }) => ({ probe: { ...parseProbe(input), paused }, monitor, monitorId, type, notes }));
  const result: KumaImportResult = { file, format: read.format, version: read.version, dryRun: options.dryRun === true, added: [], skipped: [...read.skipped] };
  // Every taken name, so one refusal lists them all.
  const taken: ImportedProbe[] = [];
  const refuseTaken = (): void => {
    if (taken.length === 0) return;
    if (!options.skipExisting) {
      const names = taken.map((candidate) => `"${candidate.probe.name}" (Kuma monitor "${candidate.monitor}")`).join(', ');
      const exist = taken.length === 1 ? `a probe named ${names} exists` : `probes named ${names} exist`;
      throw new UserError(`${exist} already: nothing was imported; add --skip-existing to leave those monitors out`, { file: path });
    }
    for (const candidate of taken) result.skipped.push({ monitorId: candidate.monitorId, monitor: candidate.monitor, type: candidate.type, reason: `a probe named "${candidate.probe.name}" exists already` });
  };

  if (options.dryRun) {
    for (const candidate of candidates) {
      if ((await findProbe(deps.database.db, candidate.probe.name)) === undefined) result.added.push(candidate);
      else taken.push(candidate);
    }
    refuseTaken();
    return result;
  }
  const at = (deps.now?.() ?? new Date()).toISOString();
  await deps.database.db.transaction().execute(async (trx) => {
    for (const candidate of candidates) {
      if ((await insertProbe(trx, candidate.probe, at)) === 'exists') {
        taken.push(candidate);
        continue;
      }
      const importedFrom = { source: 'uptime-kuma', file, format: read.format, monitor: candidate.monitor, monitorId: candidate.monitorId };
      await appendAuditRecord(trx, actor, { action: 'probe.import', entityType: 'probe', entityKey: candidate.probe.name, before: null, after: { ...candidate.probe, importedFrom } }, at);
      result.added.push(candidate);
    }
    // Throwing here rolls back what the loop added: all or nothing.
    refuseTaken();
  });
  return result;
}
