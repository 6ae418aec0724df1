import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { newCard, newService, PUBLISH_NOW } from '../../test/factories.ts';
import { openContext } from '../context.ts';
import { registerClassActionCommand } from './class-action.command.ts';
import { runCommand } from './events-commands.test-kit.ts';

const NOW = new Date('2026-12-04T09:00:00Z');

describe('misura class-action', () => {
  const dir = mkdtempSync(join(tmpdir(), 'misura-class-action-'));
  const url = join(dir, 'misura.db');
  const run = (args: string[]) => runCommand(registerClassActionCommand, url, ['class-action', ...args], NOW);

  beforeAll(async () => {
    const context = await openContext({ MISURA_DB_URL: url }, () => NOW);
    await context.actions.importCards([newCard({ service: newService({ slug: 'anagrafe', name: 'Anagrafe' }), year: 2026 })], PUBLISH_NOW);
    await context.close();
  });

  it('says there is no ricorso before one is recorded', async () => {
    expect(await run(['list'])).toEqual({ code: 0, stdout: 'No ricorso per l’efficienza recorded.', stderr: '' });
  });

  it('records a ricorso, publishes its notice from a file and its sentence, and lists them newest first, audited as the cli user', async () => {
    const added = await run(['add', '--court', 'TAR Lazio', '--filed', '2026-03-15', '--subject', 'Tempi dei certificati', '--service', 'anagrafe', '--case-number', 'RG 1234/2026']);
    expect(added).toEqual({ code: 0, stdout: 'Recorded ricorso 1 (TAR Lazio, filed 2026-03-15): it is on the public Class action page.', stderr: '' });
    const file = join(dir, 'notizia.txt');
    writeFileSync(file, 'Notizia del ricorso per l’efficienza RG 1234/2026.\n');
    expect((await run(['publish', '1', '--kind', 'notice', '--date', '2026-03-20', '--text-file', file])).code).toBe(0);
    const sentence = await run(['publish', '1', '--kind', 'sentence', '--date', '2026-11-20', '--text', 'Il TAR accoglie il ricorso.', '--url', 'https://www.comune.example.it/s.pdf']);
    expect(sentence.stdout).toBe('Published the sentence of ricorso 1; its status is now decided.');

    expect((await run(['list'])).stdout.split('\n')).toEqual([
      '1  2026-03-15  decided  TAR Lazio RG 1234/2026  [anagrafe]  Tempi dei certificati',
      '    #2  2026-11-20  sentence  https://www.comune.example.it/s.pdf',
      '    #1  2026-03-20  notice',
    ]);
    const json = JSON.parse((await run(['list', '--json'])).stdout) as { cases: { publications: { text: string }[] }[]; lastChangeAt: string };
    expect(json.cases[0]?.publications[1]?.text).toBe('Notizia del ricorso per l’efficienza RG 1234/2026.');
    expect(json.lastChangeAt).toBe(NOW.toISOString());

    const context = await openContext({ MISURA_DB_URL: url }, () => NOW);
    try {
      const audit = await context.actions.listAuditLog({ action: 'class-action.' });
      expect(audit.map((r) => [r.actorKind, r.action])).toEqual([
        ['cli', 'class-action.record'],
        ['cli', 'class-action.publish'],
        ['cli', 'class-action.publish'],
      ]);
    } finally {
      await context.close();
    }
  });

  it('refuses bad input with the options\' names and exit code 2, personal data included, writing nothing', async () => {
    const refused = await run(['add', '--court', 'TAR Lazio', '--filed', '15/03/2026', '--subject', 'Ricorso del sig. RSSMRA80A01H501U']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      'misura: --filed: "15/03/2026" is not a date written YYYY-MM-DD, such as 2026-03-15; --subject: contains a codice fiscale ("RSSMRA80A01H501U"): remove it, this text is published on a public page',
    );
    const noText = await run(['publish', '1', '--kind', 'measures', '--date', '2026-12-01']);
    expect([noText.code, noText.stderr]).toEqual([2, 'misura: give the text with either --text or --text-file, not both']);
    const unknown = await run(['publish', '7', '--kind', 'measures', '--date', '2026-12-01', '--text', 'Misure adottate: tel. 06 1234567']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('misura: --text: contains a phone number ("06 1234567"): remove it, this text is published on a public page');
    const noCase = await run(['publish', '7', '--kind', 'measures', '--date', '2026-12-01', '--text', 'Misure adottate.']);
    expect(noCase.stderr).toBe('misura: <id>: no case number 7 is recorded');
    expect((await run(['list'])).stdout.split('\n')).toHaveLength(3);
  });

  it('closes a ricorso by hand, audited, and refuses a status it does not know', async () => {
    expect(await run(['status', '1', 'closed'])).toEqual({ code: 0, stdout: 'Ricorso 1 is now closed.', stderr: '' });
    expect((await run(['list'])).stdout).toMatch(/^1 {2}2026-03-15 {2}closed {2}/);
    const refused = await run(['status', '1', 'archived']);
    expect([refused.code, refused.stderr]).toEqual([2, 'misura: <status>: "archived" is not one of notified, decided, complied, closed']);
  });

  it('withdraws a publication by its number, with the reason, and names the option of what is wrong', async () => {
    expect(await run(['withdraw', '1', '--reason', 'Testo sbagliato.'])).toEqual({ code: 0, stdout: 'Withdrew publication #1 of ricorso 1: it is no longer on the public page; the ricorso stays closed.', stderr: '' });
    expect((await run(['list'])).stdout.split('\n')).toHaveLength(2);
    const again = await run(['withdraw', '1', '--reason', 'Di nuovo.']);
    expect([again.code, again.stderr]).toEqual([2, 'misura: <publication>: no publication number 1 is recorded']);
    const noReason = await run(['withdraw', '2', '--reason', ' ']);
    expect([noReason.code, noReason.stderr]).toEqual([2, 'misura: --reason: say why the publication is withdrawn']);
  });

  it('corrects a ricorso\'s details given as options, keeping the others, and says when nothing changed or what is wrong', async () => {
    expect(await run(['correct', '1', '--court', 'TAR Lombardia', '--case-number', 'RG 4321/2026'])).toEqual({
      code: 0,
      stdout: 'Corrected ricorso 1 (TAR Lombardia RG 4321/2026, filed 2026-03-15): the public Class action page shows it.',
      stderr: '',
    });
    expect((await run(['list'])).stdout).toMatch(/^1 {2}2026-03-15 {2}closed {2}TAR Lombardia RG 4321\/2026 {2}\[anagrafe\] {2}Tempi dei certificati$/m);
    expect(await run(['correct', '1', '--court', 'TAR Lombardia'])).toEqual({ code: 0, stdout: 'Ricorso 1 already reads so: nothing changed.', stderr: '' });
    const future = await run(['correct', '1', '--filed', '2027-01-01']);
    expect([future.code, future.stderr]).toEqual([2, 'misura: --filed: 2027-01-01 is after today (2026-12-04)']);
    const unknown = await run(['correct', '9', '--court', 'TAR Lazio', '--filed', '2026-03-15', '--subject', 'Tempi']);
    expect([unknown.code, unknown.stderr]).toEqual([2, 'misura: <id>: no case number 9 is recorded']);
    const nothing = await run(['correct', '1']);
    expect([nothing.code, nothing.stderr]).toEqual([2, 'misura: say what to correct: --court, --case-number, --filed, --subject or --service']);
  });
});
