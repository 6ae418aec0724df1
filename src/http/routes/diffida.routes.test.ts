import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar, csrfOf, get, post, signIn } from '../auth/admin.test-kit.ts';
import { openDiffidaApp } from './diffida.test-kit.ts';

const CLAIMANT = { facts: 'Il certificato richiesto il 2 novembre è arrivato dopo 40 giorni.', claimantName: 'Maria Rossi', claimantEmail: 'maria.rossi@example.org', consent: 'yes' };

describe('the diffida from the public form to its outcome', () => {
  let opened: Awaited<ReturnType<typeof openDiffidaApp>>;
  beforeAll(async () => {
    opened = await openDiffidaApp({ diffida: { perHour: 3 } });
  });
  afterAll(async () => opened.close());

  it('offers the form, the organo, its PEC and the model text on the service page, and the form with the standard fixed on an indicator page', async () => {
    const service = await opened.app.inject('/servizi/anagrafe');
    expect(service.statusCode).toBe(200);
    expect(service.body).toContain('action="/servizi/anagrafe/diffida/verifica"');
    expect(service.body).toContain('demografici@pec.comune.example');
    expect(service.body).toContain('Spett.le Direttore Generale dei servizi demografici');
    expect(service.body).not.toContain('name="_csrf"');
    const indicator = await opened.app.inject('/en/servizi/anagrafe/indicatori/tempestivita');
    expect(indicator.body).toContain('action="/en/servizi/anagrafe/diffida/verifica"');
    expect(indicator.body).toContain('<input type="hidden" name="indicator" value="tempestivita"/>');
  });

  it('registers a diffida, shows its receipt, queues it with its deadline, records its outcome, and mails each step', async () => {
    const { app, smtp } = opened;
    const jar = new CookieJar();
    // Filled in on the indicator page, confirmed on the form's own page with its token.
    const checking = await post(app, jar, '/servizi/anagrafe/diffida/verifica', { indicator: 'tempestivita', ...CLAIMANT });
    expect(checking.statusCode).toBe(200);
    expect(checking.body).toContain('Maria Rossi');
    const sent = await post(app, jar, '/servizi/anagrafe/diffida', { _csrf: csrfOf(checking.body), indicator: 'tempestivita', ...CLAIMANT, sito: '' });
    expect([sent.statusCode, sent.headers.location]).toEqual([303, '/servizi/anagrafe/diffida/ricevuta?numero=D-2026-0001']);

    const receipt = await get(app, jar, sent.headers.location as string);
    expect(receipt.statusCode).toBe(200);
    for (const text of ['D-2026-0001', '4 dicembre 2026', 'Direttore Generale dei servizi demografici', 'demografici@pec.comune.example', '4 marzo 2027', 'dal 5 marzo 2027 al 4 marzo 2028']) expect(receipt.body).toContain(text);
    expect(receipt.body).not.toMatch(/Maria|maria\.rossi|40 giorni/);

    await smtp.waitFor(2);
    expect(smtp.mails.find((m) => m.to.includes('maria.rossi@example.org'))?.subject).toBe('Diffida D-2026-0001 ricevuta — Anagrafe');
    expect(smtp.mails.find((m) => m.to.includes('quality-office@test.misura.invalid'))?.subject).toBe('Nuova diffida D-2026-0001 — Anagrafe');

    const office = await signIn(app, 'quality-office@test.misura.invalid');
    // The form's own page carries the visitor's token: never an ETag, never a shared answer.
    expect((await get(app, jar, '/servizi/anagrafe/diffida')).headers.etag).toBeUndefined();
    const queue = await get(app, office.jar, '/admin/diffide');
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain('D-2026-0001');
    expect(queue.body).toContain('4 marzo 2027');
    expect(queue.body).toContain('<td>90</td>');
    const card = await get(app, office.jar, '/admin/diffide/scheda?numero=D-2026-0001');
    expect(card.body).toContain('Maria Rossi');
    const recorded = await post(app, office.jar, '/admin/diffide/esito', { _csrf: csrfOf(card.body), numero: 'D-2026-0001', step: 'outcome', outcome: 'remedied', measures: 'Un operatore in più allo sportello.' });
    expect([recorded.statusCode, recorded.headers.location]).toEqual([303, '/admin/diffide/scheda?numero=D-2026-0001&fatto=1']);
    await smtp.waitFor(3);
    expect(smtp.mails.at(-1)?.text).toContain('Un operatore in più allo sportello.');
    const audit = await opened.context.actions.listAuditLog({ action: 'diffida.' });
    expect(audit.map((r) => [r.actor, r.action])).toEqual([['system:diffida-form', 'diffida.receive'], ['user:quality-office@test.misura.invalid', 'diffida.outcome']]);

    // Ninety-one days later the queue marks what is still open as overdue; the OIV reads the queue, not the cards.
    await post(app, jar, '/servizi/anagrafe/diffida', { _csrf: csrfOf(checking.body), indicator: '', ...CLAIMANT });
    opened.clock.now = new Date('2027-03-05T09:00:00Z');
    const oiv = await signIn(app, 'oiv@test.misura.invalid');
    const late = await get(app, oiv.jar, '/admin/diffide');
    expect(late.body).toContain('<tr class="diffida-overdue">');
    expect(late.body).toContain('scaduta da 1 giorni');
    expect(late.body).not.toContain('/admin/diffide/scheda');
    expect((await get(app, oiv.jar, '/admin/diffide/scheda?numero=D-2026-0002')).statusCode).toBe(403);
    opened.clock.now = new Date('2026-12-04T09:00:00Z');
  });

  it('refuses a diffida without a valid CSRF token, and one from the trap field, registering nothing', async () => {
    const before = (await opened.context.actions.listDiffide()).length;
    const jar = new CookieJar();
    const page = await get(opened.app, jar, '/servizi/anagrafe/diffida');
    expect((await post(opened.app, new CookieJar(), '/servizi/anagrafe/diffida', { _csrf: csrfOf(page.body), ...CLAIMANT })).statusCode).toBe(403);
    expect((await post(opened.app, jar, '/servizi/anagrafe/diffida', { ...CLAIMANT })).statusCode).toBe(403);
    expect((await post(opened.app, jar, '/servizi/anagrafe/diffida', { _csrf: csrfOf(page.body), ...CLAIMANT, sito: 'https://spam.example' })).statusCode).toBe(400);
    expect((await opened.context.actions.listDiffide()).length).toBe(before);
  });

  it('says which field is missing, keeping what was typed, in Italian and English', async () => {
    const jar = new CookieJar();
    const page = await get(opened.app, jar, '/en/servizi/anagrafe/diffida?indicatore=tempestivita');
    expect(page.body).toContain('<option value="tempestivita" selected>');
    const refused = await post(opened.app, jar, '/en/servizi/anagrafe/diffida', { _csrf: csrfOf(page.body), indicator: 'tempestivita', ...CLAIMANT, consent: '' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Consent to the processing of personal data is needed');
    expect(refused.body).toContain('aria-invalid="true"');
    expect(refused.body).toContain('Maria Rossi');
  });

  it('limits the diffide one address may send in an hour', async () => {
    const jar = new CookieJar();
    const page = await get(opened.app, jar, '/servizi/anagrafe/diffida');
    const send = async (remoteAddress: string) => {
      const payload = new URLSearchParams({ _csrf: csrfOf(page.body), ...CLAIMANT }).toString();
      return (await opened.app.inject({ method: 'POST', url: '/servizi/anagrafe/diffida', remoteAddress, headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' }, payload })).statusCode;
    };
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push(await send('203.0.113.7'));
    expect(statuses).toEqual([303, 303, 303, 429]);
    expect(await send('203.0.113.8')).toBe(303);
  });

  it('keeps personal data off the public pages, the API and open data', async () => {
    for (const url of ['/servizi/anagrafe', '/servizi/anagrafe/indicatori/tempestivita', '/servizi/anagrafe/diffida/ricevuta?numero=D-2026-0001', '/api/v1/services', '/opendata', '/amministrazione-trasparente/servizi-erogati/class-action']) {
      const response = await opened.app.inject(url);
      expect(response.body, url).not.toMatch(/Maria Rossi|maria\.rossi@example\.org|dopo 40 giorni/);
    }
  });

  it('shows the office a diffida whose personal data were erased at the end of their retention, with the date and without them', async () => {
    opened.clock.now = new Date('2031-12-05T09:00:00Z');
    try {
      const erasure = await opened.context.actions.eraseExpiredDiffide({ kind: 'system', name: 'test' });
      expect(erasure.erased.map((d) => d.number)).toContain('D-2026-0001');
      const office = await signIn(opened.app, 'quality-office@test.misura.invalid');
      const card = await get(opened.app, office.jar, '/admin/diffide/scheda?numero=D-2026-0001');
      expect(card.statusCode).toBe(200);
      expect(card.body).toContain('Dati personali, fatti e note cancellati il 5 dicembre 2031');
      expect(card.body).toContain('Un operatore in più allo sportello.');
      expect(card.body).not.toMatch(/Maria Rossi|maria\.rossi|dopo 40 giorni/);
    } finally {
      opened.clock.now = new Date('2026-12-04T09:00:00Z');
    }
  });
});
