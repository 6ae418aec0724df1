import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTarget } from '../../test/factories.ts';
import type { KitIndicator } from '../actions/events.test-kit.ts';
import { runCommand, seedKit } from './events-commands.test-kit.ts';
import { registerProbesCommand } from './probes.command.ts';

const PORTAL: KitIndicator = {
  slug: 'portale',
  target: newTarget({ text: '95%', comparator: '>=', value: 95, unit: 'percent' }),
  measure: { kind: 'availability-days', checks: { kind: 'check.http', where: [{ attribute: 'monitor', op: '=', value: 'portale' }] }, dayIsAvailableWhen: { successShareAtLeast: 90 }, daysWithoutData: 'excluded' },
};

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((_req, res) => res.writeHead(503).end('Servizio non disponibile'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('misura probes', () => {
  it('adds a probe, runs it once, shows what it found and which indicator it feeds, pauses and removes it', async () => {
    const url = join(mkdtempSync(join(tmpdir(), 'misura-probes-')), 'misura.db');
    await seedKit(url, [PORTAL]);
    // The checks happen now: the context's clock must agree, or the events would lie outside the accepted window.
    const run = (...args: string[]) => runCommand(registerProbesCommand, url, ['probes', ...args], new Date());

    expect((await run('list')).stdout).toMatch(/^No probes yet/);
    const added = await run('add', 'portale', `${base}/`, '--interval', '30', '--retries', '0');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain(`Probe "portale" added: http ${base}/ every 30 s.`);
    expect(added.stdout).toContain("where: [{ attribute: monitor, op: '=', value: portale }]");

    const refused = await run('add', 'portale2', 'www.example.gov.it');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/field "target": "www.example.gov.it" is not a URL/);

    expect((await run('list')).stdout.split('\n')).toEqual([`portale: http ${base}/ every 30 s; not run yet`, expect.stringMatching(/^ {2}feeds .*\/2026\/portale$/)]);

    const once = await run('run', '--once');
    expect(once.stdout).toMatch(/ portale: DOWN \(status 503\) in \d+ ms\n1 probe checked\.$/);
    expect((await run('list')).stdout).toMatch(/portale: http .* every 30 s; DOWN \(status 503\) at 20\d\d-/);
    const listed = JSON.parse((await run('list', '--json')).stdout) as { probes: [{ name: string; lastRun: { ok: boolean } }] };
    expect(listed.probes[0]).toMatchObject({ name: 'portale', lastRun: { ok: false } });

    expect((await run('maintenance', 'add', 'portale', '--reason', 'backup', '--weekly', 'sun', '--at', '23:00', '--minutes', '120')).stdout).toBe(
      'Maintenance window 1 for portale: every sun from 23:00 for 120 min (backup).',
    );
    expect((await run('maintenance', 'add', 'portale', '--reason', 'x', '--from', 'domani')).stderr).toContain('field "from"');
    expect((await run('maintenance', 'list')).stdout).toBe('1 portale: every sun from 23:00 for 120 min (backup)');
    expect((await run('maintenance', 'remove', '1')).stdout).toBe('Maintenance window 1 removed.');
    expect((await run('maintenance', 'list')).stdout).toBe('No maintenance windows.');
    expect((await run('pause', 'portale')).stdout).toBe('Probe "portale" paused.');
    expect((await run('run', '--once')).stdout).toBe('0 probes checked.');
    expect((await run('resume', 'portale')).stdout).toBe('Probe "portale" resumed.');
    expect((await run('remove', 'portale')).stdout).toBe('Probe "portale" removed.');
    const unknown = await run('remove', 'portale');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no probe is named "portale"');
  });
});
