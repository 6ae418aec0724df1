import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KIT_INDICATORS } from '../actions/events.test-kit.ts';
import { createBufferIo } from './cli-io.ts';
import { seedKit } from './events-commands.test-kit.ts';
import { runCli } from './main.ts';
import { serveSite } from './serve.command.ts';

const run = async (env: Record<string, string>, ...args: string[]) => {
  const io = createBufferIo(env);
  const code = await runCli(['node', 'misura', ...args], io);
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
};

const folders: string[] = [];
function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'misura-backup-cli-'));
  folders.push(folder);
  return folder;
}

describe('misura backup and misura restore', () => {
  afterAll(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it('back up a database, refuse to restore it under a running `misura serve`, and restore it once the server stopped', async () => {
    const folder = tempFolder();
    const env = { MISURA_DB_URL: join(folder, 'data', 'misura.db') };
    await seedKit(env.MISURA_DB_URL, KIT_INDICATORS.slice(0, 1));
    const out = join(folder, 'backups', 'misura-2026-03-10.db');

    const backedUp = await run(env, 'backup', '--out', out);
    expect(backedUp).toMatchObject({ code: 0, stderr: '' });
    expect(backedUp.stdout).toMatch(/^misura: backed up .*misura\.db \(schema version \d{14}_\w+\) to .*misura-2026-03-10\.db: \d+ bytes, sha256 [0-9a-f]{64}; manifest .*misura-2026-03-10\.db\.json$/);
    expect(existsSync(`${out}.json`)).toBe(true);

    let underServer: Awaited<ReturnType<typeof run>> | undefined;
    await serveSite(createBufferIo(env), { port: 0, host: '127.0.0.1', logLevel: 'error' }, { waitForStop: async () => void (underServer = await run(env, 'restore', out, '--force')) });
    expect(underServer?.code).toBe(2);
    expect(underServer?.stderr).toMatch(/^misura: .*misura\.db: the database is in use: another process has it open \(a running `misura serve`, or another command\); stop it before restoring/);

    const withoutForce = await run(env, 'restore', out);
    expect(withoutForce.code).toBe(2);
    expect(withoutForce.stderr).toMatch(/holds a database already: pass --force to replace it with the backup/);

    const restored = await run(env, 'restore', out, '--force');
    expect(restored).toMatchObject({ code: 0, stderr: '' });
    expect(restored.stdout).toMatch(/^misura: restored .*misura\.db from .*misura-2026-03-10\.db \(taken \d{4}-.*Z, schema version \d{14}_\w+\)$/);
  });

  it('names what is missing: the --out option, the backup file, its manifest', async () => {
    const folder = tempFolder();
    const env = { MISURA_DB_URL: join(folder, 'misura.db') };
    expect((await run(env, 'backup')).code).toBe(2);
    const unwritable = await run(env, 'backup', '--out', '/dev/null/b.db');
    expect(unwritable).toMatchObject({ code: 2, stderr: expect.stringMatching(/\/dev\/null\/b\.db: cannot write the backup here/) as unknown });
    const noDatabase = await run(env, 'backup', '--out', join(folder, 'b.db'));
    expect(noDatabase).toMatchObject({ code: 2, stderr: expect.stringMatching(/misura\.db: there is no database here to back up/) as unknown });
    const noFile = await run(env, 'restore', join(folder, 'missing.db'));
    expect(noFile).toMatchObject({ code: 2, stderr: expect.stringMatching(/missing\.db: no such backup file/) as unknown });
    await seedKit(env.MISURA_DB_URL, KIT_INDICATORS.slice(0, 1));
    const copy = join(folder, 'copy.db');
    expect((await run(env, 'backup', '--out', copy)).code).toBe(0);
    rmSync(`${copy}.json`);
    const noManifest = await run(env, 'restore', copy, '--force');
    expect(noManifest).toMatchObject({ code: 2, stderr: expect.stringMatching(/copy\.db\.json: the backup has no manifest beside it/) as unknown });
  });
});
