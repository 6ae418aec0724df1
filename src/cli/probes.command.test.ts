import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTarget } from '../../test/factories.ts';
import type { KitIndicator } from '../actions/events.test-kit.ts';
import { makeKumaFolder, writeKumaDatabase } from '../formats/uptime-kuma.test-kit.ts';
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

describe('misura probes import-kuma', () => {
  it('imports a Kuma database after a dry run, prints each probe and skipped monitor with its reason, and refuses a second import', async () => {
    const url = join(mkdtempSync(join(tmpdir(), 'misura-probes-')), 'misura.db');
    await seedKit(url, [PORTAL]);
    const run = (...args: string[]) => runCommand(registerProbesCommand, url, ['probes', ...args]);
    const kuma = writeKumaDatabase(makeKumaFolder());

    const dry = await run('import-kuma', kuma, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout.split('\n')).toEqual([
      'would add portale-istituzionale: http https://www.comune.example.it/ every 60 s (Kuma "Portale istituzionale")',
      '  note: Kuma follows redirects and misura does not: if this URL redirects, give the final one',
      'would add portale-parola-chiave: http https://www.comune.example.it/ every 120 s (Kuma "Portale — parola chiave")',
      '  note: retries 9 brought to 5 (misura: at most 5)',
      '  note: Kuma follows redirects and misura does not: if this URL redirects, give the final one',
      'would add portale-parola-chiave-2: http https://www.comune.example.it/servizi every 10 s (Kuma "Portale — parola chiave")',
      '  note: interval 5 s brought to 10 s (misura: 10–86400 s)',
      'would add pec (paused): tcp pec.comune.example.it:465 every 300 s (Kuma "PEC")',
      'would add dns-www: dns www.comune.example.it every 600 s (Kuma "DNS www")',
      '  note: Kuma asked the server 10.0.0.53; misura asks the system resolver',
      expect.stringMatching(/^skipped "Gateway" \(ping\): ICMP ping: /),
      expect.stringMatching(/^skipped "Sito dietro gruppo" \(group\): /),
      expect.stringMatching(/^skipped "Push backup" \(push\): /),
      'skipped "API stato" (http): accepts status codes 200-299, 404: misura accepts one range, e.g. 200-299',
      'Dry run: 5 probes would be added, 4 monitors skipped, from kuma.db; nothing was written.',
    ]);
    expect((await run('list')).stdout).toMatch(/^No probes yet/);

    const imported = await run('import-kuma', kuma);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('added pec (paused): tcp pec.comune.example.it:465 every 300 s (Kuma "PEC")');
    expect(imported.stdout.split('\n').at(-1)).toBe('5 probes added, 4 monitors skipped, from kuma.db.');
    expect((await run('list')).stdout).toContain('pec (paused): tcp pec.comune.example.it:465 every 300 s; not run yet');

    const again = await run('import-kuma', kuma);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^misura: .*kuma\.db: probes named "portale-istituzionale" .* exist already: nothing was imported; add --skip-existing/);
    const skipping = JSON.parse((await run('import-kuma', kuma, '--skip-existing', '--json')).stdout) as { added: unknown[]; skipped: { reason: string }[] };
    expect(skipping.added).toEqual([]);
    expect(skipping.skipped.filter((skip) => skip.reason.endsWith('exists already'))).toHaveLength(5);

    const corrupt = join(makeKumaFolder(), 'kuma.db');
    writeFileSync(corrupt, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 1)]));
    const refused = await run('import-kuma', corrupt);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^misura: .*kuma\.db: cannot (open|read) the Uptime Kuma database \(.+\)$/);
    expect(refused.stderr).not.toContain('    at ');
  });
});
