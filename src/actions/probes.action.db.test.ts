import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.ts';
import { newTarget } from '../../test/factories.ts';
import { parseProbe, slotOf, type Probe, type ProbeOutcome } from '../domain/probes/probe.ts';
import { UserError } from '../domain/shared/errors.ts';
import { runProbesOnce, startProbeScheduler } from '../jobs/probe-scheduler.ts';
import type { Database } from '../storage/database.ts';
import { readAuditPage } from '../storage/repositories/audit-log.repository.ts';
import { findEventsByIds } from '../storage/repositories/event.repository.ts';
import { listRollups } from '../storage/repositories/rollup.repository.ts';
import { drainRollupQueue } from './drain-rollup-queue.action.ts';
import { storeKit, T0, type KitIndicator } from './events.test-kit.ts';
import { addMaintenanceWindow, addProbe, listMaintenanceWindows, listProbes, pauseProbe, removeMaintenanceWindow, removeProbe } from './probe-registry.action.ts';
import { claimProbeRun, listActiveProbes, recordProbeOutcome } from './run-probe-slot.action.ts';

/** The portal's availability, read from the checks of the probe named "portale". */
const PORTAL: KitIndicator = {
  slug: 'portale',
  target: newTarget({ text: '95%', comparator: '>=', value: 95, unit: 'percent' }),
  measure: { kind: 'availability-days', checks: { kind: 'check.http', where: [{ attribute: 'monitor', op: '=', value: 'portale' }] }, dayIsAvailableWhen: { successShareAtLeast: 90 }, daysWithoutData: 'excluded' },
};

let server: Server;
let base: string;
let hits = 0;

beforeAll(async () => {
  server = createServer((_req, res) => {
    hits += 1;
    res.writeHead(200).end('Benvenuti');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** One instance of misura: its own connection, the shared clock. */
const instance = (database: Database, now = () => T0) => {
  const deps = { database, now };
  return {
    listActiveProbes: () => listActiveProbes(deps),
    claimProbeRun: (probe: Probe, slot: Date) => claimProbeRun(deps, probe, slot),
    recordProbeOutcome: (probe: Probe, slot: Date, outcome: ProbeOutcome) => recordProbeOutcome(deps, probe, slot, outcome),
  };
};

describeEachDialect('built-in probes', (ctx) => {
  it('adds, lists, pauses and removes probes, each change in the audit log, and says which indicators a probe feeds', async () => {
    const database = await ctx.openFresh();
    const deps = { database, now: () => T0 };
    await storeKit(database, [PORTAL]);
    await addProbe(deps, { name: 'portale', target: `${base}/` }, { kind: 'cli', name: 'anna' });
    await addProbe(deps, { name: 'pec', kind: 'tcp', target: 'pec.example.gov.it:465' });
    await expect(addProbe(deps, { name: 'portale', target: `${base}/` })).rejects.toThrow(/a probe named "portale" exists already/);
    await expect(addProbe(deps, { name: 'x', target: 'nowhere' })).rejects.toBeInstanceOf(UserError);

    const listed = await listProbes(deps);
    expect(listed.map(({ name, kind, paused, feeds, lastRun }) => ({ name, kind, paused, feeds, lastRun }))).toEqual([
      { name: 'pec', kind: 'tcp', paused: false, feeds: [], lastRun: null },
      { name: 'portale', kind: 'http', paused: false, feeds: [expect.stringMatching(/\/2026\/portale$/)], lastRun: null },
    ]);

    await pauseProbe(deps, 'pec', true);
    expect((await listActiveProbes(deps)).map((probe) => probe.name)).toEqual(['portale']);
    await pauseProbe(deps, 'pec', false);
    await removeProbe(deps, 'pec');
    await expect(removeProbe(deps, 'pec')).rejects.toThrow(/no probe is named "pec"/);
    expect((await listProbes(deps)).map((probe) => probe.name)).toEqual(['portale']);

    const audit = await readAuditPage(database.db, 0, 100, {});
    expect(audit.filter((record) => record.entityType === 'probe').map((record) => [record.action, record.entityKey, record.actor])).toEqual([
      ['probe.add', 'portale', 'cli:anna'],
      ['probe.add', 'pec', 'system:probes'],
      ['probe.pause', 'pec', 'system:probes'],
      ['probe.resume', 'pec', 'system:probes'],
      ['probe.remove', 'pec', 'system:probes'],
    ]);
  });

  it('turns checks into the availability of the indicator that reads them, a failed day included', async () => {
    const database = await ctx.openFresh();
    const deps = { database, now: () => T0 };
    await storeKit(database, [PORTAL]);
    const probe = parseProbe({ name: 'portale', target: `${base}/`, interval: '60' });
    await addProbe(deps, { name: 'portale', target: `${base}/`, interval: '60' });
    // Monday 9 March: 10 checks, 1 failed (90 %: an available day). Tuesday 10 March: 10 checks, 5 failed.
    const record = async (at: string, ok: boolean) => {
      const slot = slotOf(probe, new Date(at));
      expect(await claimProbeRun(deps, probe, slot)).toBe(true);
      const outcome: ProbeOutcome = { startedAt: slot, ok, latencyMs: 5, attempts: 1, ...(ok ? {} : { error: 'status 503' }) };
      await recordProbeOutcome(deps, probe, slot, outcome);
    };
    for (let i = 0; i < 10; i += 1) await record(`2026-03-09T0${i}:30:00Z`, i !== 3);
    for (let i = 0; i < 10; i += 1) await record(`2026-03-10T0${i}:30:00Z`, i % 2 === 0);
    await drainRollupQueue(deps);
    expect((await listRollups(database.db)).map(({ date, good, total }) => ({ date, good, total }))).toEqual([
      { date: '2026-03-09', good: 1, total: 1 },
      { date: '2026-03-10', good: 0, total: 1 },
    ]);
    expect((await listProbes(deps))[0]?.lastRun).toEqual({ slotAt: slotOf(probe, new Date('2026-03-10T09:30:00Z')).toISOString(), ok: false, error: 'status 503' });
  });

  it('marks checks inside a planned maintenance window, so a measure that excludes maintenance keeps the day available', async () => {
    const database = await ctx.openFresh();
    const deps = { database, now: () => T0 };
    // The same portal read twice: one measure leaves planned maintenance out, the other counts it.
    const excluding: KitIndicator = {
      ...PORTAL,
      slug: 'portale-senza-manutenzione',
      measure: { ...PORTAL.measure, checks: { kind: 'check.http', where: [{ attribute: 'monitor', op: '=', value: 'portale' }, { attribute: 'maintenance', op: '!=', value: true }] } } as KitIndicator['measure'],
    };
    await storeKit(database, [PORTAL, excluding]);
    await addProbe(deps, { name: 'portale', target: `${base}/`, interval: '60' });
    const probe = parseProbe({ name: 'portale', target: `${base}/`, interval: '60' });
    // Monday 9 March, 02:00–04:00 in Rome: the portal is down for its update.
    const window = await addMaintenanceWindow(deps, { probe: 'portale', reason: 'aggiornamento', from: '2026-03-09T02:00+01:00', to: '2026-03-09T04:00+01:00' });
    expect(await listMaintenanceWindows(deps)).toEqual([window]);
    await expect(addMaintenanceWindow(deps, { probe: 'nessuno', reason: 'x', weekly: 'sun', at: '02:00', minutes: '60' })).rejects.toThrow(/no probe is named "nessuno"/);
    for (let hour = 0; hour < 10; hour += 1) {
      const slot = slotOf(probe, new Date(`2026-03-09T0${hour}:30:00Z`));
      await claimProbeRun(deps, probe, slot);
      // 01:30Z and 02:30Z are 02:30 and 03:30 in Rome: inside the window, and down.
      const down = hour === 1 || hour === 2;
      await recordProbeOutcome(deps, probe, slot, { startedAt: slot, ok: !down, latencyMs: 5, attempts: 1 });
    }
    await drainRollupQueue(deps);
    const stored = await findEventsByIds(database.db, 'probes', [`portale@${slotOf(probe, new Date('2026-03-09T01:30:00Z')).toISOString()}`, `portale@${slotOf(probe, new Date('2026-03-09T05:30:00Z')).toISOString()}`]);
    expect(stored.map(({ event }) => [event.occurredAt.toISOString().slice(11, 13), event.attributes.maintenance ?? null]).sort()).toEqual([["01", true], ["05", null]]);
    // Counting maintenance: 8 of 10 checks (80 % < 90 %), unavailable. Leaving it out: 8 of 8, available.
    expect((await listRollups(database.db)).map(({ good, total }) => ({ good, total }))).toEqual([
      { good: 0, total: 1 },
      { good: 1, total: 1 },
    ]);
    await removeMaintenanceWindow(deps, window.id);
    expect(await listMaintenanceWindows(deps)).toEqual([]);
  });

  it('checks each slot once with two instances on one database, and not again after a restart', async () => {
    const url = await ctx.freshUrl();
    const first = await ctx.open(url);
    const second = await ctx.open(url);
    await storeKit(first, [PORTAL]);
    await addProbe({ database: first, now: () => T0 }, { name: 'portale', target: `${base}/`, interval: '60' });
    hits = 0;
    const checked: string[] = [];
    const options = { now: () => T0, onChecked: (_probe: unknown, slot: Date) => checked.push(slot.toISOString()) };
    const schedulers = [startProbeScheduler(instance(first), options), startProbeScheduler(instance(second), options)];
    // Each starts by running the slot under way; give both the time to try.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await Promise.all(schedulers.map((scheduler) => scheduler.stop()));
    const slot = slotOf({ name: 'portale', intervalSeconds: 60 }, T0).toISOString();
    expect(checked).toEqual([slot]);
    expect(hits).toBe(1);
    // A restart within the same slot (or `misura probes run --once`) finds it taken.
    await runProbesOnce(instance(second), options);
    expect(hits).toBe(1);
    const stored = await findEventsByIds(first.db, 'probes', [`portale@${slot}`]);
    expect(stored).toHaveLength(1);
  });
});
