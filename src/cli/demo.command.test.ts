import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../domain/shared/errors.ts';
import { createBufferIo } from './cli-io.ts';
import { openDemoContext, parseSeedOption, registerDemoCommand } from './demo.command.ts';
import type { ServeHooks } from './serve.command.ts';

const folder = mkdtempSync(join(tmpdir(), 'misura-demo-command-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

async function runDemo(args: string[], env: Record<string, string>, clock: Date, hooks: ServeHooks = {}) {
  const io = createBufferIo(env);
  const program = new Command('misura').exitOverride();
  registerDemoCommand(program, io, () => undefined, openDemoContext, () => clock, hooks);
  await program.parseAsync(['node', 'misura', 'demo', ...args]);
  return io.stdout.join('\n');
}

describe('misura demo', () => {
  it('wipes the SQLite file, builds this year up to yesterday and prints the report with a one-line summary', async () => {
    const url = join(folder, 'fresh', 'misura.db');
    mkdirSync(join(folder, 'fresh'), { recursive: true });
    // Not a database: the demo must delete it rather than open it.
    writeFileSync(url, 'left over from an earlier run');
    const out = await runDemo(['--seed', '3', '--no-serve'], { MISURA_DB_URL: url }, new Date('2026-02-06T10:00:00Z'));
    expect(out).toContain('Building the demo for 2026 up to 2026-02-05 (seed 3)');
    expect(out).toContain('cards: 4 imported (47 indicators)');
    expect(out).toContain('measures: 47 applied');
    expect(out).toMatch(/service\s+indicator\s+value\s+target\s+status\s+budget\s+forecast/);
    expect(out).toMatch(/reti-sociali-virtuali-e-blog-di-cliclavoro \(2016\)\s+continuita\s+14 days\s+≤ 15 days\s+at-risk/);
    expect(out).toContain('47 indicators: 41 met, 1 missed, 4 below target, 1 at-risk, 0 no-data');
    expect(out).not.toContain('serving the public site');
    // One back-office account per role, printed with its demo password.
    expect(out).toContain('Back office: sign in at /admin/login');
    expect(out).toMatch(/admin\s+admin@demo\.misura\.invalid \/ demo-admin-password/);
    expect(out).toMatch(/oiv\s+oiv@demo\.misura\.invalid \/ demo-oiv-password/);
    expect(existsSync(url)).toBe(true);
  }, 120_000);

  it('ends by serving the demo database, whose home page answers', async () => {
    let home: Response | undefined;
    const waitForStop = async (address: string) => {
      home = await fetch(`${address}/`);
    };
    const out = await runDemo([], { MISURA_DB_URL: join(folder, 'serve.db'), MISURA_PORT: '0' }, new Date('2026-01-20T10:00:00Z'), { waitForStop });
    expect(out).toContain('(seed 2026)');
    expect(out.trimEnd().split('\n').at(-1)).toMatch(/^misura: serving the public site on http:\/\/localhost:\d+ \(Ctrl\+C to stop\)$/);
    expect(home?.status).toBe(200);
    expect(await home?.text()).toContain('CENTRO DI CONTATTO');
  }, 120_000);

  it('refuses to touch a PostgreSQL database without --force', async () => {
    await expect(runDemo([], { MISURA_DB_URL: 'postgres://someone:secret@localhost/misura' }, new Date('2026-02-06T10:00:00Z'))).rejects.toThrow(
      /PostgreSQL database: `misura demo` will not wipe it.*--force/,
    );
  });

  it('refuses a MISURA_DB_URL that names a folder', async () => {
    await expect(runDemo([], { MISURA_DB_URL: folder }, new Date('2026-02-06T10:00:00Z'))).rejects.toThrow(/names a folder/);
  });

  it.each([
    ['42', 42],
    ['0', 0],
    ['4294967295', 4294967295],
  ])('reads --seed %s', (text, seed) => {
    expect(parseSeedOption(text)).toBe(seed);
  });

  it.each(['-1', '1.5', 'abc', '4294967296'])('refuses --seed %s', (text) => {
    expect(() => parseSeedOption(text)).toThrow(UserError);
  });
});
