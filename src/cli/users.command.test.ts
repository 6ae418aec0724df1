import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { openContext } from '../context.ts';
import type { CliIo } from './cli-io.ts';
import { runCommand } from './events-commands.test-kit.ts';
import type { PasswordInput } from './password-input.ts';
import { registerUsersCommand } from './users.command.ts';

const NOW = new Date('2026-12-04T09:00:00Z');
const PASSWORD = 'correct horse battery';

/** Runs `misura users …` with the given answers to the hidden prompts and stdin. */
function run(url: string, args: string[], input: { typed?: string[]; stdin?: string } = {}) {
  const typed = [...(input.typed ?? [])];
  const passwords: PasswordInput = {
    readHidden: () => Promise.resolve(typed.shift() ?? ''),
    readStdin: () => Promise.resolve(input.stdin ?? ''),
  };
  const register = (program: Command, io: CliIo, setExit: (code: number) => void) =>
    registerUsersCommand(program, io, setExit, () => openContext({ MISURA_DB_URL: url }, () => NOW), passwords);
  return runCommand(register, url, args, NOW);
}

async function withContext<T>(url: string, work: (context: Awaited<ReturnType<typeof openContext>>) => Promise<T>): Promise<T> {
  const context = await openContext({ MISURA_DB_URL: url }, () => NOW);
  try {
    return await work(context);
  } finally {
    await context.close();
  }
}

describe('misura users', () => {
  const freshUrl = () => join(mkdtempSync(join(tmpdir(), 'misura-users-')), 'misura.db');

  it('adds accounts from the prompt (asked twice) or stdin, changes role and password, disables and lists them, all audited without passwords', async () => {
    const url = freshUrl();
    expect((await run(url, ['users', 'list'])).stdout).toMatch(/^No accounts yet/);

    const added = await run(url, ['users', 'add', 'Anna@Comune.example', '--role', 'quality-office'], { typed: [PASSWORD, PASSWORD] });
    expect(added).toMatchObject({ code: 0, stdout: 'Account anna@comune.example (quality-office) created: it signs in at /admin/login.' });
    const piped = await run(url, ['users', 'add', 'oiv@comune.example', '--role', 'oiv', '--password-stdin'], { stdin: `${PASSWORD}\n` });
    expect(piped.code).toBe(0);

    // Mismatch, too short, unknown role, duplicate: exit 2, nothing stored.
    expect(await run(url, ['users', 'add', 'x@comune.example', '--role', 'oiv'], { typed: [PASSWORD, `${PASSWORD}!`] })).toMatchObject({ code: 2, stderr: expect.stringContaining('the two passwords differ') });
    expect(await run(url, ['users', 'add', 'x@comune.example', '--role', 'oiv', '--password-stdin'], { stdin: 'short' })).toMatchObject({ code: 2, stderr: expect.stringContaining('at least 12') });
    expect(await run(url, ['users', 'add', 'x@comune.example', '--role', 'boss', '--password-stdin'], { stdin: PASSWORD })).toMatchObject({ code: 2, stderr: expect.stringContaining('use one of admin, quality-office, data-steward, oiv') });
    expect(await run(url, ['users', 'add', 'ANNA@comune.example', '--role', 'oiv', '--password-stdin'], { stdin: PASSWORD })).toMatchObject({ code: 2, stderr: expect.stringContaining('already exists') });

    // The password works; the session ends when the password changes.
    const session = await withContext(url, (c) => c.actions.authenticate({ provider: 'local', email: 'anna@comune.example', password: PASSWORD }));
    expect(session?.account.role).toBe('quality-office');
    expect((await run(url, ['users', 'role', 'anna@comune.example', 'admin'])).stdout).toBe('anna@comune.example is now admin.');
    expect((await run(url, ['users', 'passwd', 'anna@comune.example', '--password-stdin'], { stdin: 'another long password\n' })).code).toBe(0);
    await withContext(url, async (c) => {
      expect(await c.actions.resolveSession(session!.token)).toBeNull();
      expect(await c.actions.authenticate({ provider: 'local', email: 'anna@comune.example', password: PASSWORD })).toBeNull();
      expect(await c.actions.authenticate({ provider: 'local', email: 'anna@comune.example', password: 'another long password' })).not.toBeNull();
    });

    const disabled = await run(url, ['users', 'disable', 'oiv@comune.example']);
    expect(disabled.stdout).toBe('oiv@comune.example is disabled since 2026-12-04T09:00:00.000Z; its sessions were ended.');
    expect(await withContext(url, (c) => c.actions.authenticate({ provider: 'local', email: 'oiv@comune.example', password: PASSWORD }))).toBeNull();
    expect(await run(url, ['users', 'role', 'nobody@comune.example', 'oiv'])).toMatchObject({ code: 2, stderr: expect.stringContaining('no account "nobody@comune.example"') });

    expect((await run(url, ['users', 'list'])).stdout.split('\n')).toEqual([
      'email                role   status                             created',
      'anna@comune.example  admin  active                             2026-12-04T09:00:00.000Z',
      'oiv@comune.example   oiv    disabled 2026-12-04T09:00:00.000Z  2026-12-04T09:00:00.000Z',
    ]);
    const json = JSON.parse((await run(url, ['users', 'list', '--json'])).stdout) as { accounts: Array<{ email: string }> };
    expect(json.accounts.map((a) => a.email)).toEqual(['anna@comune.example', 'oiv@comune.example']);

    // Audited: five changes by the CLI user, never a password or a hash; the chain holds.
    const { verifyAuditLog } = await import('../actions/verify-audit-log.action.ts');
    const { openDatabase } = await import('../storage/database.ts');
    const { readAuditPage } = await import('../storage/repositories/audit-log.repository.ts');
    const database = await openDatabase(url);
    try {
      const records = await readAuditPage(database.db, 0, 100);
      expect(records.map((r) => `${r.action} ${r.entityKey}`)).toEqual([
        'account.add anna@comune.example',
        'account.add oiv@comune.example',
        'account.role anna@comune.example',
        'account.passwd anna@comune.example',
        'account.disable oiv@comune.example',
      ]);
      expect(records.every((r) => r.actor.startsWith('cli:') && r.actorKind === 'cli')).toBe(true);
      const text = JSON.stringify(records);
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain('another long password');
      expect(text).not.toContain('scrypt$');
      expect((await verifyAuditLog({ database })).ok).toBe(true);
    } finally {
      await database.close();
    }
  });
});
