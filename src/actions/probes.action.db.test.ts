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
import { addProbe, listProbes, pauseProbe, removeProbe } from './probe-registry.action.ts';
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
