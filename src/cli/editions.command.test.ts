import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newTarget } from '../../test/factories.ts';
import { KIT_INDICATORS, kitCard, storeKit } from '../actions/events.test-kit.ts';
import { importCards } from '../actions/import-cards.action.ts';
import { collectJustification, registerEditionsCommand } from './editions.command.ts';
import { runCommand, withDatabase } from './events-commands.test-kit.ts';

function workspace(): string {
  return join(mkdtempSync(join(tmpdir(), 'misura-editions-')), 'misura.db');
}

describe('misura editions', () => {
  it('starts next year with the measures, refuses a worse target naming it, approves it justified, publishes and diffs', async () => {
    const url = workspace();
    const service = await withDatabase(url, (database) => storeKit(database));
    const started = await runCommand(registerEditionsCommand, url, ['editions', 'new', service, '2027']);
    expect(started.code).toBe(0);
    expect(started.stdout).toContain(`Draft started: ${service}`);
    expect(started.stdout).toContain(`${KIT_INDICATORS.length} measures copied`);

    // The 2027 text lowers the availability from 95 % to 90 % and drops the last indicator.
    const next = kitCard(2027, KIT_INDICATORS.slice(0, -1).map((kit) => (kit.slug === 'portale' ? { ...kit, target: newTarget({ text: '90%', value: 90 }) } : kit)));
    await withDatabase(url, (database) => importCards({ database }, [{ organisation: null, card: { ...next, service: { ...next.service, slug: service } }, doubts: [] }]));

    const refused = await runCommand(registerEditionsCommand, url, ['editions', 'approve', service, '2027', '--act', 'Decreto n. 4 del 01/12/2026']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('the (&) rule refuses');
    expect(refused.stderr).toContain('portale: "95%" → "90%" (worse)');
    expect(refused.stderr).toContain('pagine-aggiornate: removed (it was "90%")');
    expect((await runCommand(registerEditionsCommand, url, ['editions', 'approve', service, '2027'])).stderr).toContain('--act is required');

    const approved = await runCommand(registerEditionsCommand, url, [
      'editions', 'approve', service, '2027', '--act', 'Decreto n. 4 del 01/12/2026', '--in-force-from', '2027-01-15',
      '--justify', 'portale="Cambio di fornitore del data center"', '--justify', 'pagine-aggiornate=Sezione dismessa',
    ]);
    expect(approved.code).toBe(0);
    expect(approved.stdout).toContain('in force from 2027-01-15');
    expect(approved.stdout).toContain('justified worsened portale: Cambio di fornitore del data center');
    expect((await runCommand(registerEditionsCommand, url, ['editions', 'publish', service, '2027'])).code).toBe(0);

    const listed = await runCommand(registerEditionsCommand, url, ['editions', 'list', '--json']);
    expect((JSON.parse(listed.stdout) as { editions: { key: string; status: string }[] }).editions.map((e) => [e.key, e.status])).toEqual([
      ['2026', 'published'],
      ['2027', 'published'],
    ]);
    const diff = await runCommand(registerEditionsCommand, url, ['editions', 'diff', service, '2026', '2027']);
    expect(diff.stdout).toContain('~ looser    portale: "95%" → "90%"\n      justified: Cambio di fornitore del data center');
    expect(diff.stdout).toContain('- removed   pagine-aggiornate: 90%\n      justified: Sezione dismessa');
    expect(diff.stdout).toContain('0 added, 1 removed, 1 changed, 5 unchanged');

    const frozen = await runCommand(registerEditionsCommand, url, ['editions', 'approve', service, '2027', '--act', 'x']);
    expect([frozen.code, frozen.stderr]).toEqual([2, expect.stringContaining('is published; "approve" needs it draft')]);
    const withdrawn = await runCommand(registerEditionsCommand, url, ['editions', 'withdraw', service, '2027', '--reason', 'Errore materiale']);
    expect(withdrawn.stdout).toMatch(/withdrawn on \d{4}-\d{2}-\d{2} \(Errore materiale\)/);
    expect((await runCommand(registerEditionsCommand, url, ['editions', 'diff', service, '2026', '2031'])).stderr).toContain('has no edition "2031"; its editions: 2026 (published), 2027 (withdrawn)');
  });

  it('reads --justify as indicator=text and says what a malformed one lacks', () => {
    expect(collectJustification('portale="Perché sì"', { altro: 'x' })).toEqual({ altro: 'x', portale: 'Perché sì' });
    expect(() => collectJustification('portale')).toThrow('--justify takes <indicator>="why", got "portale"');
  });
});
