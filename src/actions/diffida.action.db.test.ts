import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.ts';
import { newCard, newIndicator, newService, PUBLISH_NOW } from '../../test/factories.ts';
import type { Database } from '../storage/database.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../mail/smtp.test-kit.ts';
import { createSmtpTransport } from '../mail/smtp-mailer.ts';
import { addAccount } from './add-account.action.ts';
import { eraseExpiredDiffide, findDiffidaDetail, listDiffide, listDueDiffide, recordDiffidaStep, remindDiffide, sendDiffida, type DiffidaDeps } from './diffida.action.ts';
import { findDiffidaRecipient } from './diffida-recipient.ts';
import { importCards } from './import-cards.action.ts';
import { listAuditLog } from './list-audit-log.action.ts';
import { createMailOutbox } from './mail-outbox.ts';
import { saveServiceProfile } from './service-profile.action.ts';
import { PROFILE_FIELDS, type ProfileInput } from '../domain/services/service-profile.ts';

const OFFICE = { kind: 'user', userId: 1, email: 'ufficio@comune.example', role: 'quality-office' } as const;

describeEachDialect('diffide', (ctx) => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
  });
  afterAll(async () => smtp.close());

  const service = newService({
    slug: 'anagrafe',
    name: 'Anagrafe',
    diffidaBody: { text: 'Direttore Generale, PEC dg.servizi@pec.comune.example', links: [] },
  });
  const indicator = newIndicator({ slug: 'tempestivita', subdimension: 'Tempestività', description: 'Certificati rilasciati entro 5 giorni', target: { ...newIndicator().target, text: '95%' } });

  async function seeded(clock: { now: Date }, database?: Database, seed = database === undefined): Promise<DiffidaDeps> {
    const db = database ?? (await ctx.openFresh());
    if (seed) {
      await importCards({ database: db }, [newCard({ service, year: 2026, indicators: [indicator] })], PUBLISH_NOW);
      await addAccount({ database: db }, { kind: 'system', name: 'test' }, { email: 'ufficio@comune.example', role: 'quality-office', password: 'a long enough password' });
    }
    return { database: db, now: () => clock.now, timeZone: 'Europe/Rome', mail: createMailOutbox(createSmtpTransport({ host: '127.0.0.1', port: smtp.port, secure: false, user: null, password: null, from: 'noreply@comune.example' }), () => undefined) };
  }
  const request = { service: 'anagrafe', indicator: 'tempestivita', facts: 'Certificato atteso 40 giorni.', claimantName: 'Maria Rossi', claimantEmail: 'maria@example.org', consent: true };

  it('takes the organo and its PEC from the card in force', async () => {
    const deps = await seeded({ now: new Date('2026-12-04T09:00:00Z') });
    const [stored] = await deps.database.db.selectFrom('services').select('id').execute();
    expect(await findDiffidaRecipient(deps.database.db, Number(stored!.id), 2026)).toEqual({ organo: 'Direttore Generale, PEC dg.servizi@pec.comune.example', pec: 'dg.servizi@pec.comune.example' });
  });

  it('takes the organo and its PEC from the service profile where the back office set them, and the rest from the card', async () => {
    const deps = await seeded({ now: new Date('2026-12-04T09:00:00Z') });
    const [stored] = await deps.database.db.selectFrom('services').select('id').execute();
    const profile = Object.fromEntries(PROFILE_FIELDS.map((field) => [field, ''])) as ProfileInput;
    await saveServiceProfile(deps, OFFICE, { service: 'anagrafe', profile: { ...profile, diffidaPec: 'protocollo@pec.comune.example' } });
    expect(await findDiffidaRecipient(deps.database.db, Number(stored!.id), 2026)).toEqual({ organo: 'Direttore Generale, PEC dg.servizi@pec.comune.example', pec: 'protocollo@pec.comune.example' });
    await saveServiceProfile(deps, OFFICE, { service: 'anagrafe', profile: { ...profile, diffidaBody: 'Segretario generale', diffidaPec: 'segretario@pec.comune.example' } });
    expect(await findDiffidaRecipient(deps.database.db, Number(stored!.id), 2026)).toEqual({ organo: 'Segretario generale', pec: 'segretario@pec.comune.example' });
  });

  it('registers a diffida with a number and its terms, mails the receipt and the office, records each step and audits it without personal data', async () => {
    smtp.mails.length = 0;
    const clock = { now: new Date('2026-12-31T23:30:00Z') }; // already 1 January 2027 in Rome
    const deps = await seeded(clock);
    const receipt = await sendDiffida(deps, request);
    expect(receipt).toMatchObject({
      number: 'D-2027-0001',
      serviceName: 'Anagrafe',
      standardText: 'Tempestività — Certificati rilasciati entro 5 giorni — 95%',
      organoPec: 'dg.servizi@pec.comune.example',
      receivedAt: '2026-12-31T23:30:00.000Z',
      terms: { receivedOn: '2027-01-01', deadline: '2027-04-01', ricorsoFrom: '2027-04-02', ricorsoUntil: '2028-04-01' },
    });
    expect((await sendDiffida(deps, { ...request, indicator: '' })).number).toBe('D-2027-0002');
    await deps.mail.settled();
    const receiptMail = smtp.mails.find((m) => m.to.includes('maria@example.org') && m.subject.includes('D-2027-0001'));
    expect(receiptMail?.text).toContain("L'amministrazione ha 90 giorni per intervenire: entro il 1 aprile 2027.");
    expect(smtp.mails.filter((m) => m.to.includes('ufficio@comune.example')).map((m) => m.subject)).toEqual(['Nuova diffida D-2027-0001 — Anagrafe', 'Nuova diffida D-2027-0002 — Anagrafe']);
    expect(smtp.mails.find((m) => m.to.includes('ufficio@comune.example'))?.text).not.toContain('Maria');

    clock.now = new Date('2027-03-30T08:00:00Z');
    expect((await listDueDiffide(deps, 7)).map((d) => [d.number, d.daysLeft])).toEqual([['D-2027-0001', 2], ['D-2027-0002', 2]]);
    await recordDiffidaStep(deps, OFFICE, { number: 'D-2027-0001', step: 'acknowledged' });
    await expect(recordDiffidaStep(deps, OFFICE, { number: 'D-2027-0001', step: 'outcome', outcome: 'remedied' })).rejects.toThrow('describe the measures taken');
    const detail = await recordDiffidaStep(deps, OFFICE, { number: 'D-2027-0001', step: 'outcome', outcome: 'remedied', measures: 'Personale aggiunto allo sportello.' });
    expect(detail).toMatchObject({ state: 'outcome', outcome: 'remedied', measures: 'Personale aggiunto allo sportello.', overdue: false });
    expect(detail.history.map((h) => [h.step, h.actor])).toEqual([['received', 'system:diffida-form'], ['acknowledged', 'user:ufficio@comune.example'], ['outcome', 'user:ufficio@comune.example']]);
    await deps.mail.settled();
    expect(smtp.mails.find((m) => m.subject === 'Diffida D-2027-0001: esito registrato')?.text).toContain('Personale aggiunto allo sportello.');

    clock.now = new Date('2027-04-05T08:00:00Z');
    expect((await listDiffide(deps, { open: true })).map((d) => [d.number, d.daysLeft, d.overdue])).toEqual([['D-2027-0002', -4, true]]);
    const reminded = await remindDiffide(deps, 7);
    expect([reminded.due.map((d) => d.number), reminded.recipients, reminded.sent]).toEqual([['D-2027-0002'], 1, true]);
    expect(smtp.mails.at(-1)?.text).toContain('D-2027-0002 (Anagrafe): termine 1 aprile 2027, scaduto da 4 giorni');

    const audit = await listAuditLog(deps, { action: 'diffida.' });
    expect(audit.map((r) => [r.action, r.entityKey])).toEqual([['diffida.receive', 'D-2027-0001'], ['diffida.receive', 'D-2027-0002'], ['diffida.acknowledge', 'D-2027-0001'], ['diffida.outcome', 'D-2027-0001']]);
    expect(JSON.stringify(audit)).not.toMatch(/Maria|maria@example|40 giorni/);
  });

  it('links the office notice on the configured base URL, never a relative path, when one is set', async () => {
    smtp.mails.length = 0;
    const deps = { ...(await seeded({ now: new Date('2026-12-04T09:00:00Z') })), baseUrl: 'https://trasparenza.example.gov.it' };
    const receipt = await sendDiffida(deps, request);
    await deps.mail.settled();
    const notice = smtp.mails.find((m) => m.to.includes('ufficio@comune.example'));
    expect(notice?.text).toContain(`https://trasparenza.example.gov.it/admin/diffide/scheda?numero=${receipt.number}`);
  });

  it('refuses an unknown standard and an unknown number', async () => {
    const deps = await seeded({ now: new Date('2026-12-04T09:00:00Z') });
    await expect(sendDiffida(deps, { ...request, indicator: 'nessuno' })).rejects.toThrow('the card in force has no standard "nessuno"');
    await expect(recordDiffidaStep(deps, OFFICE, { number: 'D-2026-9999', step: 'closed' })).rejects.toThrow('no diffida is numbered "D-2026-9999"');
    expect(await findDiffidaDetail(deps, 'not a number')).toBeUndefined();
  });

  it('erases the personal data of settled diffide past their retention, keeps open ones and the record, audits without personal data, and does it once', async () => {
    const clock = { now: new Date('2026-03-02T09:00:00Z') };
    const deps = await seeded(clock);
    const settled = await sendDiffida(deps, { ...request, facts: 'Fatti di Maria Rossi, via Roma 1.' });
    const open = await sendDiffida(deps, request);
    await recordDiffidaStep(deps, OFFICE, { number: settled.number, step: 'outcome', outcome: 'remedied', measures: 'Sportello riaperto il sabato.', note: 'Telefonato alla signora Rossi.' });
    const retention = { retentionYears: 2 };
    clock.now = new Date('2028-03-01T09:00:00Z'); // the day before two years from receipt
    expect(await eraseExpiredDiffide(deps, OFFICE, retention)).toEqual({ erased: [], keptOpen: [] });

    clock.now = new Date('2028-03-02T09:00:00Z');
    const dry = await eraseExpiredDiffide(deps, OFFICE, { ...retention, dryRun: true });
    expect(dry.erased.map((d) => d.number)).toEqual([settled.number]);
    expect((await findDiffidaDetail(deps, settled.number))?.claimantName).toBe('Maria Rossi');

    const done = await eraseExpiredDiffide(deps, OFFICE, retention);
    expect(done).toEqual({
      erased: [{ number: settled.number, receivedOn: '2026-03-02', erasableFrom: '2028-03-02' }],
      keptOpen: [{ number: open.number, receivedOn: '2026-03-02', erasableFrom: '2028-03-02' }],
    });
    const erased = await findDiffidaDetail(deps, settled.number);
    expect(erased).toMatchObject({ claimantName: '', claimantEmail: '', facts: '', state: 'outcome', outcome: 'remedied', measures: 'Sportello riaperto il sabato.', personalDataErasedAt: '2028-03-02T09:00:00.000Z' });
    expect(erased?.history.map((step) => step.note)).toEqual([null, null]);
    expect((await findDiffidaDetail(deps, open.number))?.claimantEmail).toBe('maria@example.org');
    const audit = await listAuditLog(deps, { action: 'diffida.erase-personal-data' });
    expect(audit.map((row) => row.entityKey)).toEqual([settled.number]);
    expect(JSON.stringify(await listAuditLog(deps, { action: 'diffida.' }))).not.toMatch(/Rossi|maria@example/);

    expect((await eraseExpiredDiffide(deps, OFFICE, retention)).erased).toEqual([]);
    await expect(eraseExpiredDiffide(deps, OFFICE, { retentionYears: 0 })).rejects.toThrow('the retention must be a whole number of years from 1, got 0');
  });

  it('never erases a diffida before its ricorso window has closed, even with a retention of one year', async () => {
    const clock = { now: new Date('2026-03-02T09:00:00Z') };
    const deps = await seeded(clock);
    const { number } = await sendDiffida(deps, request);
    await recordDiffidaStep(deps, OFFICE, { number, step: 'closed' });
    clock.now = new Date('2027-05-31T09:00:00Z'); // one year has passed, the ricorso window (to 2027-05-31) has not
    expect((await eraseExpiredDiffide(deps, OFFICE, { retentionYears: 1 })).erased).toEqual([]);
    clock.now = new Date('2027-06-01T09:00:00Z');
    expect((await eraseExpiredDiffide(deps, OFFICE, { retentionYears: 1 })).erased.map((d) => d.erasableFrom)).toEqual(['2027-06-01']);
  });

  it('never gives two diffide the same number, even sent at once through two connections', async () => {
    const clock = { now: new Date('2026-12-04T09:00:00Z') };
    // Two openings of one database, each with its own connections, as two servers have. On SQLite one opening: two
    // in one process would block each other's thread (better-sqlite3 waits synchronously), and SQLite serves one server.
    const url = await ctx.freshUrl();
    const first = await seeded(clock, await ctx.open(url), true);
    const second = ctx.dialect === 'postgres' ? await seeded(clock, await ctx.open(url), false) : first;
    const sent = await Promise.all(Array.from({ length: 12 }, (_, i) => sendDiffida(i % 2 === 0 ? first : second, request)));
    const numbers = sent.map((r) => r.number).sort();
    expect(new Set(numbers).size).toBe(12);
    expect(numbers[0]).toBe('D-2026-0001');
    expect(numbers.at(-1)).toBe('D-2026-0012');
    await first.mail.settled();
    await second.mail.settled();
  });
});
