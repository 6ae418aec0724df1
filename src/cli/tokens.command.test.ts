import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openContext } from '../context.ts';
import { runCommand } from './events-commands.test-kit.ts';
import { registerTokensCommand, type OpenTokensContext } from './tokens.command.ts';

const NOW = new Date('2026-03-10T11:00:00Z');

/** The real composition root over the SQLite file at `url`, with the clock pinned. */
function openAt(url: string): OpenTokensContext {
  return () => openContext({ MISURA_DB_URL: url }, () => NOW);
}

/** Runs `misura tokens …` as runCli would: exit code and output. */
const run = (url: string, ...args: string[]) => runCommand(registerTokensCommand, url, args, NOW);

describe('misura tokens', () => {
  const freshUrl = () => join(mkdtempSync(join(tmpdir(), 'misura-tokens-')), 'misura.db');

  it('creates a token, shows it once, lists tokens without it and revokes by id', async () => {
    const url = freshUrl();
    expect((await run(url, 'tokens', 'list')).stdout).toMatch(/^No tokens yet/);

    const created = await run(url, 'tokens', 'create', 'probe:portal', '--label', 'portal probe');
    expect(created.code).toBe(0);
    const token = /^\s+(msr_\S+)$/m.exec(created.stdout)?.[1];
    expect(token).toBeDefined();
    expect(created.stdout).toContain('Token 1 for source "probe:portal" (portal probe):');
    expect(created.stdout).toContain('shown only this once');

    // The printed token is the one that works.
    const context = await openAt(url)({});
    expect((await context.actions.verifyApiToken(token!))?.source).toBe('probe:portal');
    await context.close();

    const listed = await run(url, 'tokens', 'list');
    expect(listed.stdout).not.toContain(token);
    expect(listed.stdout.split('\n')).toEqual([
      'id  source        label         created                   last used                 status',
      '1   probe:portal  portal probe  2026-03-10T11:00:00.000Z  2026-03-10T11:00:00.000Z  active',
    ]);

    expect((await run(url, 'tokens', 'revoke', '1')).stdout).toBe('Token 1 revoked: its requests get 401 from now on.');
    expect((await run(url, 'tokens', 'revoke', '1')).stdout).toBe('Token 1 was already revoked.');
    const json = JSON.parse((await run(url, 'tokens', 'list', '--json')).stdout) as { tokens: { id: number; revokedAt: string | null }[] };
    expect(json.tokens).toEqual([expect.objectContaining({ id: 1, revokedAt: '2026-03-10T11:00:00.000Z' })]);
  });

  it('prints the new token as JSON on request', async () => {
    const result = JSON.parse((await run(freshUrl(), 'tokens', 'create', 'cc', '--json')).stdout) as Record<string, unknown>;
    expect(result).toEqual({ id: 1, source: 'cc', label: null, createdAt: '2026-03-10T11:00:00.000Z', token: expect.stringMatching(/^msr_/) });
  });

  it.each([
    [['tokens', 'revoke', 'abc'], 'field "id": "abc" is not a token id'],
    [['tokens', 'revoke', '7'], 'field "id": no token has id 7'],
    [['tokens', 'create', ' '], 'field "source": a token needs the source'],
  ])('exits 2 with a clear message for %j', async (args, message) => {
    const result = await run(freshUrl(), ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});
