import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { newCard, newService, PUBLISH_NOW } from '../../test/factories.ts';
import { openContext } from '../context.ts';
import { registerCostsCommand } from './costs.command.ts';
import { runCommand } from './events-commands.test-kit.ts';

const NOW = new Date('2026-12-04T09:00:00Z');

describe('misura costs', () => {
  const folder = mkdtempSync(join(tmpdir(), 'misura-costs-'));
  const url = join(folder, 'misura.db');
  const run = (args: string[]) => runCommand(registerCostsCommand, url, ['costs', ...args], NOW);

  beforeAll(async () => {
    const context = await openContext({ MISURA_DB_URL: url }, () => NOW);
    await context.actions.importCards([newCard({ service: newService({ slug: 'anagrafe', name: 'Anagrafe' }), year: 2026 }), newCard({ service: newService({ slug: 'tributi', name: 'Tributi' }), year: 2026, source: { file: 'tributi.txt' } })], PUBLISH_NOW);
    await context.close();
  });

  it('says there are no costs yet, then records and replaces a year', async () => {
    expect((await run(['list'])).stdout).toContain('No costs recorded yet');
    expect(await run(['set', 'anagrafe', '2025', '--actual', '1.250.000,50', '--staff', '€ 300.000', '--source', 'controllo di gestione'])).toEqual({ code: 0, stdout: 'Recorded the 2025 costs of "anagrafe".', stderr: '' });
    expect((await run(['set', 'anagrafe', '2025', '--actual', '1.250.000,50', '--staff', '310000'])).stdout).toBe('Replaced the 2025 costs of "anagrafe".');
  });

  it('refuses a bad amount, a year to come and an unknown service, naming the field, with exit code 2', async () => {
    const bad = await run(['set', 'anagrafe', '2027', '--actual', '-1', '--staff', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('misura: field "year": "2027" is not a year from 2001 to 2026; field "actual": "-1" is negative; costs are never below 0');
    expect((await run(['set', 'nessuno', '2025', '--actual', '1', '--staff', '1'])).stderr).toBe('misura: field "service": no stored service is called "nessuno"');
    expect((await run(['set', 'anagrafe', '2025', '--actual', '1'])).code).toBe(2);
  });

  it('imports a CSV all or nothing, with file, line and field on every problem', async () => {
    const bad = join(folder, 'bad.csv');
    writeFileSync(bad, 'service;year;actual;staff;note\ntributi;2024;500;250;\ntributi;2025;molti;250;\nnessuno;2025;1;1;\n');
    const refused = await run(['import', bad]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`misura: 1 problem, nothing imported:\n${bad}:3, field "actual": "molti" is not an amount in euro such as 1.250.000,50 or € 12.345`);
    expect((await run(['import', join(folder, 'missing.csv')])).stderr).toBe(`misura: ${join(folder, 'missing.csv')}: file not found`);

    const good = join(folder, 'good.csv');
    writeFileSync(good, 'service,year,actual,staff,note\ntributi,2024,500,250,Stima\ntributi,2025,"600,50",250,\nanagrafe,2025,1,1,\n');
    expect((await run(['import', good])).stdout).toBe(`Imported 3 years of costs from ${good} (2 new, 1 replaced).`);
  });

  it('lists the costs as a table and as JSON in cents', async () => {
    const listed = await run(['list']);
    // The actor is the user running the command, whoever runs the tests.
    const by = /cli:\S+/.exec(listed.stdout)?.[0] ?? '';
    expect(listed.stdout.split('\n')).toEqual([
      'service   year  actual  staff  total   updated by',
      `anagrafe  2025  1       1      2       ${by}`,
      `tributi   2024  500     250    750     ${by}`,
      `tributi   2025  600,50  250    850,50  ${by}`,
    ]);
    const json = JSON.parse((await run(['list', '--json'])).stdout) as { services: { service: { slug: string }; years: { year: number; totalCents: number }[] }[] };
    expect(json.services.map((s) => [s.service.slug, s.years.map((y) => [y.year, y.totalCents])])).toEqual([
      ['anagrafe', [[2025, 200]]],
      ['tributi', [[2024, 75_000], [2025, 85_050]]],
    ]);
  });
});
