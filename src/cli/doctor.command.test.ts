import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBufferIo } from './cli-io.ts';
import { runCli } from './main.ts';

/** Every setting a production install needs, as an administration would set them. */
function readyEnv(): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'misura-doctor-'));
  const logo = join(dir, 'stemma.svg');
  writeFileSync(logo, '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return {
    MISURA_DB_URL: join(dir, 'misura.db'),
    MISURA_BASE_URL: 'https://trasparenza.lavoro.gov.it',
    MISURA_PA_NAME: 'Ministero del Lavoro e delle Politiche Sociali',
    MISURA_PA_IPA: 'm_lps',
    MISURA_PA_EMAIL: 'urp@lavoro.gov.it',
    MISURA_PA_PEC: 'protocollo@pec.lavoro.gov.it',
    MISURA_PA_LOGO: logo,
    MISURA_ACCESSIBILITY_URL: 'https://form.agid.gov.it/view/abc',
    MISURA_PRIVACY_CONTROLLER: 'Ministero del Lavoro e delle Politiche Sociali, via Veneto 56, Roma',
    MISURA_DPO_EMAIL: 'rpd@lavoro.gov.it',
    MISURA_SMTP_HOST: 'smtp.lavoro.gov.it',
    MISURA_SMTP_FROM: 'Ministero del Lavoro <noreply@lavoro.gov.it>',
  };
}

async function doctor(env: Record<string, string>, ...args: string[]) {
  const io = createBufferIo(env);
  const code = await runCli(['node', 'misura', 'doctor', ...args], io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('misura doctor', () => {
  it('says ready and exits 0 when every production setting is set', async () => {
    const { code, out } = await doctor(readyEnv());
    expect(code).toBe(0);
    expect(out).toContain('ready for production');
    expect(JSON.parse((await doctor(readyEnv(), '--json')).out)).toEqual({ ready: true, findings: [] });
  });

  it('lists every missing setting of a development environment and exits 1', async () => {
    const { code, out } = await doctor({});
    expect(code).toBe(1);
    const report = JSON.parse((await doctor({}, '--json')).out) as { ready: boolean; findings: { setting: string; problem: string }[] };
    expect(report.ready).toBe(false);
    expect(report.findings.map((finding) => finding.setting)).toEqual([
      'MISURA_BASE_URL',
      'MISURA_PA_NAME',
      'MISURA_PA_IPA',
      'MISURA_PA_EMAIL',
      'MISURA_PA_PEC',
      'MISURA_ACCESSIBILITY_URL',
      'MISURA_PRIVACY_CONTROLLER',
      'MISURA_DPO_EMAIL',
      'MISURA_SMTP_HOST',
      'MISURA_DB_URL',
    ]);
    expect(out).toContain('not ready for production, 10 settings to fix:');
    expect(out).toContain("MISURA_BASE_URL: not set: absolute links and the open data catalogue follow the request's Host header");
    expect(out).toContain('MISURA_DB_URL: SQLite at ./data/misura.db, relative to the working directory');
  });

  it.each([
    [{ MISURA_BASE_URL: 'http://trasparenza.lavoro.gov.it' }, 'MISURA_BASE_URL', 'is not https'],
    [{ MISURA_BASE_URL: 'https://localhost:8080' }, 'MISURA_BASE_URL', 'localhost is not a public host name'],
    [{ MISURA_PA_LOGO: '/nonexistent/stemma.png' }, 'MISURA_PA_LOGO', 'cannot be read'],
    [{ MISURA_DB_URL: ':memory:' }, 'MISURA_DB_URL', 'in-memory'],
    [{ MISURA_COOKIE_SECURE: 'false' }, 'MISURA_COOKIE_SECURE', 'plain http'],
    [{ MISURA_PA_IPA: 'm-lps!' }, 'MISURA_PA_IPA', "must be the administration's IPA code"],
  ])('flags the suspicious setting %j', async (change, setting, problem) => {
    const { code, out } = await doctor({ ...readyEnv(), ...change }, '--json');
    expect(code).toBe(1);
    const report = JSON.parse(out) as { findings: { setting: string; problem: string }[] };
    expect(report.findings).toEqual([{ setting, problem: expect.stringContaining(problem) as string }]);
  });

  it('accepts PostgreSQL as the database', async () => {
    expect((await doctor({ ...readyEnv(), MISURA_DB_URL: 'postgres://misura@db.lavoro.gov.it:5432/misura' })).code).toBe(0);
  });
});
