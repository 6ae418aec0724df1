import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCard, newService, PUBLISH_NOW } from '../../../test/factories.ts';
import { readCardFile } from '../../formats/card-file.importer.ts';
import { csrfOf, get, openAdminApp, post, signIn } from './admin.test-kit.ts';

const OFFICE = 'quality-office@test.misura.invalid';
const cardService = newService({
  slug: 'anagrafe',
  name: 'Anagrafe',
  office: 'Servizi demografici',
  diffidaBody: { text: 'Dirigente dei servizi demografici, PEC demografici@pec.comune.example.it', links: [] },
});
const FORM = {
  servizio: 'anagrafe',
  name: '',
  office: 'Ufficio anagrafe e stato civile',
  channelsText: 'Sportello in via Roma 1, dal lunedì al venerdì dalle 9 alle 13',
  webAddress: 'https://www.comune.example.it/anagrafe',
  diffidaBody: '',
  diffidaPec: 'segreteria@pec.comune.example.it',
  diffidaProcedure: 'La diffida è protocollata e istruita dal Segretario generale.',
  complaintHow: 'Con il modulo online o allo sportello URP',
  complaintResponseDays: '30',
  indemnityAmount: '25,50',
  indemnityConditions: 'Certificato rilasciato oltre il termine',
};

describe('the services of the back office', () => {
  let opened: Awaited<ReturnType<typeof openAdminApp>>;
  beforeAll(async () => {
    opened = await openAdminApp({}, ['quality-office', 'oiv', 'data-steward']);
    await opened.context.actions.importCards([newCard({ service: cardService, year: 2026 })], PUBLISH_NOW);
  });
  afterAll(async () => opened.close());

  it('shows a public page with no complaint terms and "Indennizzo non previsto" until the office sets them', async () => {
    const page = await opened.app.inject({ method: 'GET', url: '/servizi/anagrafe' });
    expect(page.body).toContain('<h2 id="complaints-heading">Reclami e indennizzi</h2>');
    expect(page.body).toContain('L’amministrazione non ha ancora indicato come presentare un reclamo');
    expect(/<dd id="indemnity">([\s\S]*?)<\/dd>/.exec(page.body)?.[1]).toContain('Indennizzo non previsto');
    const charter = await opened.app.inject({ method: 'GET', url: '/amministrazione-trasparente/servizi-erogati/carta-dei-servizi-e-standard-di-qualita' });
    expect(/<dl class="definition-list small profile-summary">([\s\S]*?)<\/dl>/.exec(charter.body)?.[1]).toContain('Indennizzo non previsto');
    // The PEC address the card gives beside its organo.
    expect(page.body).toContain('href="mailto:demografici@pec.comune.example.it"');
  });

  it('lets the quality office set a service\'s profile, which the public page, its English version and the card documents then show', async () => {
    const { jar } = await signIn(opened.app, OFFICE);
    const dashboard = await get(opened.app, jar, '/admin');
    expect(dashboard.body).toContain('href="/admin/servizi"');
    const list = await get(opened.app, jar, '/admin/servizi');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('href="/admin/servizi/modifica?servizio=anagrafe"');
    const form = await get(opened.app, jar, '/admin/servizi/modifica?servizio=anagrafe');
    expect(form.statusCode).toBe(200);
    // What the card says, beside the field it would fill.
    expect(form.body).toMatch(/id="profile-office-card">Nella carta: <span>Servizi demografici<\/span>/);

    const saved = await post(opened.app, jar, '/admin/servizi/salva', { _csrf: csrfOf(form.body), ...FORM });
    expect([saved.statusCode, saved.headers.location]).toEqual([303, '/admin/servizi?fatto=saved&servizio=anagrafe']);
    const after = await get(opened.app, jar, saved.headers.location as string);
    expect(after.body).toContain('Servizio «Anagrafe» salvato.');
    expect(after.body).toContain('Ufficio anagrafe e stato civile');

    const audit = await opened.context.actions.listAuditLog({ action: 'service-profile.' });
    expect(audit.map((r) => [r.actor, r.action, r.entityKey])).toEqual([['user:quality-office@test.misura.invalid', 'service-profile.save', 'anagrafe']]);

    const page = await opened.app.inject({ method: 'GET', url: '/servizi/anagrafe' });
    expect(page.body).toContain('Ufficio anagrafe e stato civile');
    expect(page.body).not.toContain('Servizi demografici');
    expect(page.body).toContain('Sportello in via Roma 1, dal lunedì al venerdì dalle 9 alle 13');
    expect(page.body).toContain('href="https://www.comune.example.it/anagrafe"');
    // Once, in the diffida's section: the PEC the form's diffide go to (diffida-recipient.ts reads the profile).
    expect(page.body).toContain('<p id="diffida-pec"><span>PEC dell’organo: </span><a href="mailto:segreteria@pec.comune.example.it">segreteria@pec.comune.example.it</a></p>');
    expect(page.body.match(/id="diffida-pec"/g)).toHaveLength(1);
    expect(page.body).toContain('La diffida è protocollata e istruita dal Segretario generale.');
    expect(page.body).toContain('Con il modulo online o allo sportello URP');
    expect(page.body).toContain('entro 30 giorni');
    const indemnity = /<dd id="indemnity">([\s\S]*?)<\/dd>/.exec(page.body)?.[1] ?? '';
    expect(indemnity).toContain('€ 25,50');
    expect(indemnity).toContain('Certificato rilasciato oltre il termine');
    expect(indemnity).not.toContain('non previsto');

    const english = await opened.app.inject({ method: 'GET', url: '/en/servizi/anagrafe' });
    expect(english.body).toContain('<h2 id="complaints-heading">Complaints and indemnities</h2>');
    expect(english.body).toContain('€25.50');
    expect(english.body).toContain('within 30 days');

    const charter = await opened.app.inject({ method: 'GET', url: '/amministrazione-trasparente/servizi-erogati/carta-dei-servizi-e-standard-di-qualita' });
    const summary = /<dl class="definition-list small profile-summary">([\s\S]*?)<\/dl>/.exec(charter.body)?.[1] ?? '';
    expect(summary).toContain('<a href="mailto:segreteria@pec.comune.example.it">');
    expect(summary).toContain('Con il modulo online o allo sportello URP');
    expect(summary).toContain('€ 25,50 — Certificato rilasciato oltre il termine');

    const docx = await opened.app.inject({ method: 'GET', url: '/servizi/anagrafe/2026/carta/docx' });
    expect(docx.statusCode).toBe(200);
    const { cards } = await readCardFile(new Uint8Array(docx.rawPayload), { file: 'carta.docx' });
    const notes = cards[0]?.card.notes.join('\n') ?? '';
    expect(notes).toContain('Come e dove presentare un reclamo: Con il modulo online o allo sportello URP');
    expect(notes).toContain('Indennizzo: € 25,50; condizioni: Certificato rilasciato oltre il termine');
  });

  it('keeps what the office set when the card is imported again', async () => {
    const reworded = { ...cardService, office: 'Direzione servizi al cittadino' };
    await opened.context.actions.importCards([newCard({ service: reworded, year: 2027, source: { file: 'carta-2027.txt' } })], PUBLISH_NOW);
    const page = await opened.app.inject({ method: 'GET', url: '/servizi/anagrafe' });
    expect(page.body).toContain('Ufficio anagrafe e stato civile');
    expect(page.body).not.toContain('Direzione servizi al cittadino');
  });

  it('answers 422 with the typed values and each error beside its field, in both languages, and saves nothing', async () => {
    for (const [prefix, pecError, amountError] of [
      ['', 'Indirizzo PEC per la diffida: non è un indirizzo e-mail o PEC valido', 'Importo dell’indennizzo (euro): scrivi un importo in euro maggiore di zero'],
      ['/en', 'PEC address for the diffida: not a valid e-mail or PEC address', 'Indemnity amount (euro): write an amount in euro above zero'],
    ] as const) {
      const { jar } = await signIn(opened.app, OFFICE, undefined, prefix);
      const form = await get(opened.app, jar, `${prefix}/admin/servizi/modifica?servizio=anagrafe`);
      const refused = await post(opened.app, jar, `${prefix}/admin/servizi/salva`, { _csrf: csrfOf(form.body), ...FORM, office: 'Un altro ufficio', diffidaPec: 'non una pec', indemnityAmount: '25,505' });
      expect(refused.statusCode).toBe(422);
      expect(refused.body).toContain('id="profile-refused"');
      expect(refused.body).toContain('value="non una pec"');
      expect(refused.body).toContain('value="Un altro ufficio"');
      expect(refused.body).toMatch(/id="profile-diffidaPec" name="diffidaPec" class="form-control is-invalid" aria-describedby="[^"]*profile-diffidaPec-error" aria-invalid="true"/);
      expect(refused.body).toContain(`<div class="invalid-feedback d-block" id="profile-diffidaPec-error">${pecError}`);
      expect(refused.body).toContain(`<div class="invalid-feedback d-block" id="profile-indemnityAmount-error">${amountError}`);
      expect(refused.body).not.toContain('id="profile-office-error"');
    }
    const page = await opened.app.inject({ method: 'GET', url: '/servizi/anagrafe' });
    expect(page.body).not.toContain('Un altro ufficio');
    expect(await opened.context.actions.listAuditLog({ action: 'service-profile.' })).toHaveLength(1);
  });

  it('answers 422 on the list, naming it, for a service that does not exist, whether or not its fields are right', async () => {
    const { jar } = await signIn(opened.app, OFFICE);
    for (const fields of [{}, { diffidaPec: 'non una pec' }]) {
      const form = await get(opened.app, jar, '/admin/servizi/modifica?servizio=anagrafe');
      const refused = await post(opened.app, jar, '/admin/servizi/salva', { _csrf: csrfOf(form.body), ...FORM, servizio: 'nessuno', ...fields });
      expect(refused.statusCode).toBe(422);
      expect(refused.body).toContain('no stored service is called &#34;nessuno&#34;');
    }
  });

  it('refuses a form without its CSRF token', async () => {
    const { jar } = await signIn(opened.app, OFFICE);
    const refused = await post(opened.app, jar, '/admin/servizi/salva', { ...FORM, office: 'Senza token' });
    expect(refused.statusCode).toBe(403);
    expect((await opened.app.inject({ method: 'GET', url: '/servizi/anagrafe' })).body).not.toContain('Senza token');
  });

  it('lets the OIV and the data steward read the list without edit links, and answers 404 for an unknown service', async () => {
    for (const role of ['oiv', 'data-steward']) {
      const { jar } = await signIn(opened.app, `${role}@test.misura.invalid`);
      const list = await get(opened.app, jar, '/admin/servizi');
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain('Ufficio anagrafe e stato civile');
      expect(list.body).not.toContain('/admin/servizi/modifica');
    }
    const { jar } = await signIn(opened.app, OFFICE);
    expect((await get(opened.app, jar, '/admin/servizi/modifica?servizio=nessuno')).statusCode).toBe(404);
  });
});
