import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCard, newIndicator, newService, PUBLISH_NOW } from '../../test/factories.ts';
import { openContext } from '../context.ts';
import { UserError } from '../domain/shared/errors.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../mail/smtp.test-kit.ts';
import { createBufferIo } from './cli-io.ts';
import { registerDiffideCommand } from './diffide.command.ts';

const NOW = new Date('2026-12-04T09:00:00Z');

describe('misura diffide', () => {
  let smtp: TestSmtpServer;
  const url = join(mkdtempSync(join(tmpdir(), 'misura-diffide-')), 'misura.db');
  const clock = { now: NOW };
  const envOf = (withSmtp: boolean) => ({ MISURA_DB_URL: url, ...(withSmtp ? smtp.env : {}) });

  /** Runs `misura diffide …` as runCli would, on the real composition root. */
  async function run(args: string[], withSmtp = true): Promise<{ code: number; stdout: string; stderr: string }> {
    const io = createBufferIo(envOf(withSmtp));
    let code = 0;
    const program = new Command('misura').exitOverride().configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
    registerDiffideCommand(program, io, (c) => (code = Math.max(code, c)), (env) => openContext(env, () => clock.now, { log: (line) => io.err(`misura: ${line}`) }));
    for (const command of program.commands) for (const sub of [command, ...command.commands]) sub.exitOverride().configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
    try {
      await program.parseAsync(['node', 'misura', ...args]);
    } catch (error) {
      if (error instanceof UserError) code = 2;
      else if (error instanceof CommanderError) code = error.exitCode === 0 ? 0 : 2;
      else throw error;
    }
    return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
  }

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    const context = await openContext(envOf(false), () => clock.now, { log: () => undefined });
    await context.actions.importCards([newCard({ service: newService({ slug: 'anagrafe', name: 'Anagrafe' }), year: 2026, indicators: [newIndicator({ slug: 'tempestivita' })] })], PUBLISH_NOW);
    await context.actions.addAccount({ kind: 'system', name: 'test' }, { email: 'ufficio@comune.example', role: 'quality-office', password: 'a long enough password' });
    const request = { service: 'anagrafe', indicator: 'tempestivita', facts: 'Quaranta giorni di attesa.', claimantName: 'Maria Rossi', claimantEmail: 'maria@example.org', consent: true };
    await context.actions.sendDiffida(request);
    clock.now = new Date('2026-12-20T09:00:00Z');
    await context.actions.sendDiffida(request);
    await context.close();
  });
  afterAll(async () => smtp.close());

  it('lists the diffide with their deadlines and days left, without personal data unless asked for JSON', async () => {
    clock.now = new Date('2027-03-10T09:00:00Z');
    const listed = await run(['diffide', 'list']);
    expect(listed.stdout.split('\n')).toEqual([
      'number       service   received    deadline    days left  state',
      'D-2026-0001  anagrafe  2026-12-04  2027-03-04  overdue 6  received',
      'D-2026-0002  anagrafe  2026-12-20  2027-03-20  10         received',
    ]);
    const json = JSON.parse((await run(['diffide', 'list', '--json', '--open'])).stdout) as { diffide: { number: string; claimantEmail: string; overdue: boolean }[] };
    expect(json.diffide.map((d) => [d.number, d.claimantEmail, d.overdue])).toEqual([['D-2026-0001', 'maria@example.org', true], ['D-2026-0002', 'maria@example.org', false]]);
  });

  it('mails the quality office the diffide due or overdue, and exits 1 when it cannot', async () => {
    clock.now = new Date('2027-03-10T09:00:00Z');
    smtp.mails.length = 0;
    const reminded = await run(['diffide', 'remind', '--days', '7']);
    expect(reminded.code).toBe(0);
    expect(reminded.stdout).toContain('D-2026-0001  anagrafe  deadline 2027-03-04  overdue by 6 days');
    expect(reminded.stdout).toContain('Reminder of 1 diffide sent to 1 address of the quality office.');
    const [mail] = await smtp.waitFor(1);
    expect(mail?.to).toEqual(['ufficio@comune.example']);
    expect(mail?.subject).toBe('Diffide: 1 in scadenza entro 7 giorni, 1 scadute');

    const unsent = await run(['diffide', 'remind'], false);
    expect(unsent.code).toBe(1);
    expect(unsent.stderr).toContain('e-mail not sent (no SMTP settings, see MISURA_SMTP_HOST): reminder of 2 diffide');
    expect((await run(['diffide', 'remind', '--days', '120'])).code).toBe(2);
  });

  it('erases the personal data of diffide past their retention once settled, says which it keeps, and changes nothing on a dry run', async () => {
    clock.now = new Date('2027-03-10T09:00:00Z');
    const context = await openContext(envOf(false), () => clock.now, { log: () => undefined });
    await context.actions.recordDiffidaStep({ kind: 'cli', name: 'test' }, { number: 'D-2026-0001', step: 'closed' });
    await context.close();
    clock.now = new Date('2031-12-20T09:00:00Z'); // five years (the default retention) from both receipts
    const dry = await run(['diffide', 'erase-expired', '--dry-run']);
    expect(dry.stdout.split('\n')).toEqual([
      'D-2026-0001  received 2026-12-04  would be erased (retention ended 2031-12-04)',
      'D-2026-0002  received 2026-12-20  kept: past its retention (2031-12-20) but still awaiting an outcome',
      '1 diffida would have their personal data erased (dry run: nothing changed).',
    ]);
    expect((await run(['diffide', 'erase-expired'])).stdout).toContain('1 diffida had their personal data erased.');
    expect((await run(['diffide', 'erase-expired'])).stdout).toContain('No diffida is past its retention: nothing to erase.');
    const json = JSON.parse((await run(['diffide', 'list', '--json'])).stdout) as { diffide: { number: string; claimantEmail: string }[] };
    expect(json.diffide.map((d) => [d.number, d.claimantEmail])).toEqual([['D-2026-0001', ''], ['D-2026-0002', 'maria@example.org']]);
  });
});
