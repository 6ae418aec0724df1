import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useInstancesOnPostgres } from '../../test/instances.ts';
import { slotOf } from '../domain/probes/probe.ts';
import { startProbeScheduler } from './probe-scheduler.ts';

const PROBES = 6;
const INTERVAL_SECONDS = 10;

/** The targets: the probe of every check they receive. */
let server: Server;
let base: string;
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url?.slice(1) ?? '');
    res.writeHead(200).end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('two server instances on one PostgreSQL database', () => {
  const { ctx, open } = useInstancesOnPostgres();

  it('check each probe once per interval, whichever instance claims the slot, over several intervals', async () => {
    const url = await ctx.freshUrl();
    // Each instance as `misura serve` wires it: its own context (pool, drain worker) and its own scheduler.
    const first = await open({ MISURA_DB_URL: url }, undefined, { drainInWorker: true });
    const second = await open({ MISURA_DB_URL: url }, undefined, { drainInWorker: true });
    for (let i = 0; i < PROBES; i += 1) await first.actions.addProbe({ name: `p${i}`, target: `${base}/p${i}`, interval: String(INTERVAL_SECONDS), timeout: '2', retries: '0' });
    // Each check as the instance that made it saw it: the probe and the slot it claimed.
    const checks: { probe: string; slot: string }[] = [];
    const schedulers = [first, second].map((context) =>
      startProbeScheduler(context.actions, { refreshMs: 1000, onChecked: (probe, slot) => checks.push({ probe: probe.name, slot: slot.toISOString() }) }),
    );
    // Two and a half intervals: the slot under way at start and two more for every probe.
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_SECONDS * 2500));
    await Promise.all(schedulers.map((scheduler) => scheduler.stop()));

    // Keyed by the slot each check claimed, not by when its request arrived: under load a check of one slot may reach
    // the target in the next one.
    const perSlot = new Map<string, number>();
    for (const check of checks) {
      const key = `${check.probe}@${check.slot}`;
      perSlot.set(key, (perSlot.get(key) ?? 0) + 1);
    }
    // Every probe was checked in at least three slots, and no slot of any probe twice.
    for (let i = 0; i < PROBES; i += 1) expect([...perSlot.keys()].filter((key) => key.startsWith(`p${i}@`)).length).toBeGreaterThanOrEqual(3);
    expect([...perSlot.values()].every((count) => count === 1)).toBe(true);
    // One event per check, in the shared database.
    const probesSource = (await first.actions.listSources()).find((source) => source.name === 'probes');
    expect(probesSource?.eventCount).toBe(hits.length);
    // Every check reached its target once, and each claimed slot is one the probe's interval defines.
    expect(checks).toHaveLength(hits.length);
    for (const check of checks) expect(slotOf({ name: check.probe, intervalSeconds: INTERVAL_SECONDS }, new Date(check.slot)).toISOString()).toBe(check.slot);
  }, 60_000);
});
