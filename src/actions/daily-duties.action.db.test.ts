import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.ts';
import { newCard, newIndicator, newService, PUBLISH_NOW } from '../../test/factories.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../mail/smtp.test-kit.ts';
import { createSmtpTransport } from '../mail/smtp-mailer.ts';
import { addAccount } from './add-account.action.ts';
import { runDailyDuties, type DailyDutiesDeps } from './daily-duties.action.ts';
import { findDiffidaDetail, recordDiffidaStep, sendDiffida } from './diffida.action.ts';
import { importCards } from './import-cards.action.ts';
import { createMailOutbox } from './mail-outbox.ts';

const OFFICE = { kind: 'user', userId: 1, email: 'ufficio@comune.example', role: 'quality-office' } as const;

describeEachDialect('the daily duties of misura serve', (ctx) => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
  });
  afterAll(async () => smtp.close());

  async function seeded(clock: { now: Date }): Promise<DailyDutiesDeps> {
    const database = await ctx.openFresh();
    await importCards({ database }, [newCard({ service: newService({ slug: 'anagrafe', name: 'Anagrafe' }), year: 2026, indicators: [newIndicator({ slug: 'tempestivita' })] })], PUBLISH_NOW);
    await addAccount({ database }, { kind: 'system', name: 'test' }, { email: 'ufficio@comune.example', role: 'quality-office', password: 'a long enough password' });
    const transport = createSmtpTransport({ host: '127.0.0.1', port: smtp.port, secure: false, user: null, password: null, from: 'noreply@comune.example' });
    return { database, now: () => clock.now, timeZone: 'Europe/Rome', mail: createMailOutbox(transport, () => undefined), retentionYears: 1 };
  }
  const request = { service: 'anagrafe', indicator: 'tempestivita', facts: 'Quaranta giorni di attesa.', claimantName: 'Maria Rossi', claimantEmail: 'maria@example.org', consent: true };

  it('reminds the office of due diffide once a day from 8:00 local time, however many servers look, and again the next day', async () => {
    const clock = { now: new Date('2026-09-01T09:00:00Z') };
    const deps = await seeded(clock);
    await sendDiffida(deps, request);
    await deps.mail.settled();
    smtp.mails.length = 0;

    clock.now = new Date('2026-11-25T06:30:00Z'); // 7:30 in Rome, deadline 30 November
    expect(await runDailyDuties(deps)).toEqual([]);
    clock.now = new Date('2026-11-25T07:05:00Z'); // 8:05 in Rome
    // Two servers looking at once: each duty runs on one of them.
    const [first, second] = await Promise.all([runDailyDuties(deps), runDailyDuties(deps)]);
    expect([...first, ...second].map((run) => [run.duty, run.outcome, run.ok]).sort()).toEqual([
      ['diffide-erasure', '0 diffide erased at the end of their retention, 0 kept as still open', true],
      ['diffide-reminder', '1 diffide due or overdue: reminder sent', true],
    ]);
    const mails = await smtp.waitFor(1);
    expect(mails.map((mail) => mail.to)).toEqual([['ufficio@comune.example']]);
    clock.now = new Date('2026-11-25T16:00:00Z');
    expect(await runDailyDuties(deps)).toEqual([]);
    clock.now = new Date('2026-11-26T08:00:00Z');
    expect((await runDailyDuties(deps)).map((run) => run.duty)).toEqual(['diffide-reminder', 'diffide-erasure']);
  });

  it('erases, on its day, the personal data of settled diffide past their retention', async () => {
    const clock = { now: new Date('2026-03-02T09:00:00Z') };
    const deps = await seeded(clock);
    const { number } = await sendDiffida(deps, request);
    await recordDiffidaStep(deps, OFFICE, { number, step: 'closed' });
    clock.now = new Date('2027-06-01T09:00:00Z'); // a year from receipt, the day after the ricorso window closed
    const ran = await runDailyDuties(deps);
    expect(ran.find((run) => run.duty === 'diffide-erasure')?.outcome).toBe('1 diffide erased at the end of their retention, 0 kept as still open');
    expect((await findDiffidaDetail(deps, number))?.claimantEmail).toBe('');
    await deps.mail.settled();
  });
});
