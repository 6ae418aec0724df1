import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../jobs/alert-webhook.ts';
import { registerAlertsCommand, parseSilenceLength } from './alerts.command.ts';
import { runCommand } from './events-commands.test-kit.ts';

const SECRET = 'a-secret-for-tests-only';
let receiver: Server;
let url: string;
let signatures: boolean[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      signatures.push(req.headers['x-misura-signature'] === signWebhook(SECRET, String(req.headers['x-misura-timestamp']), body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});

afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

describe('misura alerts', () => {
  it('adds a rule, sends a signed test alert, silences, lists the history and removes the rule', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'misura-alerts-')), 'misura.db');
    const run = (...args: string[]) => runCommand(registerAlertsCommand, db, ['alerts', ...args], new Date());
    signatures = [];

    expect((await run('add', 'giu', '--when', 'probe-down:portale', '--webhook', url, '--secret', SECRET)).stdout).toBe(`Alert rule "giu" added: probe portale failed 3 checks in a row → ${url}`);
    const refused = await run('add', 'x', '--when', 'ping:portale', '--webhook', url, '--secret', SECRET);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('field "when": "ping" is not a condition');

    expect((await run('test', 'giu')).stdout).toMatch(/^Test alert \d+ delivered\.$/);
    expect(signatures).toEqual([true]);

    expect((await run('silence', 'giu', '--for', '2h')).stdout).toMatch(/^Alert rule "giu" silenced until 20/);
    expect((await run('list')).stdout).toMatch(/^giu: probe portale failed 3 checks in a row → .* \(silenced until 20/);
    const listed = JSON.parse((await run('list', '--json')).stdout) as { rules: { channel: Record<string, unknown> }[] };
    expect(listed.rules[0]?.channel).toEqual({ kind: 'webhook', url });
    expect((await run('silence', 'giu', '--end')).stdout).toBe('Alert rule "giu" sends again.');

    expect((await run('add', 'posta', '--when', 'standard:*', '--email', 'qualita@comune.example')).stdout).toBe('Alert rule "posta" added: a standard of any service at risk or missed → e-mail qualita@comune.example');
    expect((await run('add', 'both', '--when', 'standard:*')).stderr).toContain('give either --webhook <url> or --email <address>');
    expect((await run('history')).stdout).toMatch(/ giu test test: sent — test of alert rule giu/);
    expect((await run('remove', 'giu')).stdout).toBe('Alert rule "giu" removed.');
    expect((await run('test', 'giu')).stderr).toContain('no alert rule is named "giu"');
  });

  it.each([['30m', 1_800_000], ['2h', 7_200_000], ['1d', 86_400_000]])('reads a silence of %s', (text, ms) => {
    expect(parseSilenceLength(text)).toBe(ms);
  });
});
