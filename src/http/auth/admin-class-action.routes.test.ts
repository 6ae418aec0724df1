import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCard, newService, PUBLISH_NOW } from '../../../test/factories.ts';
import { checkDcatApIt } from '../opendata/dcatapit.test-kit.ts';
import { csrfOf, get, openAdminApp, post, signIn } from './admin.test-kit.ts';

const OFFICE = 'quality-office@test.misura.invalid';
const PUBLIC_PAGE = '/amministrazione-trasparente/servizi-erogati/class-action';
const CASE = { service: 'anagrafe', court: 'TAR Lazio', caseNumber: 'RG 1234/2026', filedOn: '2026-03-15', subject: 'Tempi di rilascio dei certificati anagrafici', status: 'notified' };

describe('class action in the back office and on the public page', () => {
  let opened: Awaited<ReturnType<typeof openAdminApp>>;
  beforeAll(async () => {
    opened = await openAdminApp({}, ['quality-office', 'oiv', 'data-steward', 'admin']);
    await opened.context.actions.importCards([newCard({ service: newService({ slug: 'anagrafe', name: 'Anagrafe' }), year: 2026 })], PUBLISH_NOW);
  });
  afterAll(async () => opened.close());

  it('says on the public page that no ricorso was notified as of today, saying the date is today\'s, in both languages', async () => {
    const it = await opened.app.inject({ method: 'GET', url: PUBLIC_PAGE });
    expect(it.statusCode).toBe(200);
    expect(it.body).toContain('Nessun ricorso per l’efficienza notificato al 4 dicembre 2026.');
    expect(it.body).toContain('La data è quella odierna: in misura non è mai stato registrato alcun ricorso.');
    const en = await opened.app.inject({ method: 'GET', url: `/en${PUBLIC_PAGE}` });
    expect(en.body).toContain('No ricorso per l’efficienza notified as of 4 December 2026.');
    const csv = await opened.app.inject({ method: 'GET', url: `${PUBLIC_PAGE}.csv` });
    expect(csv.body).toBe('case_id,service,court,case_number,filed_on,subject,status,publication_kind,published_on,text,document_url\r\n');
    // No ricorso was ever recorded: the page says so, and there is no dataset to catalogue.
    const catalogue = JSON.parse((await opened.app.inject({ method: 'GET', url: '/opendata/catalogo.jsonld' })).body) as { '@graph': { '@id': string }[] };
    expect(catalogue['@graph'].some((node) => node['@id'].endsWith('#class-action'))).toBe(false);
    expect((await opened.app.inject({ method: 'GET', url: '/opendata' })).body).not.toContain('dataset-class-action');
  });

  it('lets the quality office record a case and its publications, which the public page and its CSV then show, audited', async () => {
    const { jar } = await signIn(opened.app, OFFICE);
    expect((await get(opened.app, jar, '/admin')).body).toContain('href="/admin/class-action"');
    const page = await get(opened.app, jar, '/admin/class-action');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Nessun ricorso registrato.');

    const recorded = await post(opened.app, jar, '/admin/class-action/caso', { _csrf: csrfOf(page.body), ...CASE });
    expect([recorded.statusCode, recorded.headers.location]).toEqual([303, '/admin/class-action?fatto=case']);
    const after = await get(opened.app, jar, recorded.headers.location as string);
    expect(after.body).toContain('Ricorso registrato: è sulla pagina pubblica.');
    const [stored] = (await opened.context.actions.listClassActions()).cases;
    expect(after.body).toContain(`<option value="${stored!.id}">n. ${stored!.id} — Ricorso RG 1234/2026, TAR Lazio</option>`);

    opened.clock.now = new Date('2026-12-04T09:20:00Z');
    const published = await post(opened.app, jar, '/admin/class-action/pubblicazione', {
      _csrf: csrfOf(after.body),
      caseId: String(stored!.id),
      kind: 'sentence',
      publishedOn: '2026-11-20',
      text: 'Il TAR accoglie il ricorso.\nL’amministrazione adotterà le misure entro 60 giorni.',
      documentUrl: 'https://www.comune.example.it/sentenza-1234.pdf',
    });
    expect([published.statusCode, published.headers.location]).toEqual([303, '/admin/class-action?fatto=publication']);
    opened.clock.now = new Date('2026-12-06T09:00:00Z');

    const audit = await opened.context.actions.listAuditLog({ action: 'class-action.' });
    expect(audit.map((r) => [r.actor, r.action])).toEqual([
      [`user:${OFFICE}`, 'class-action.record'],
      [`user:${OFFICE}`, 'class-action.publish'],
    ]);

    const publicPage = await opened.app.inject({ method: 'GET', url: PUBLIC_PAGE });
    expect(publicPage.body).not.toContain('Nessun ricorso per l’efficienza notificato');
    expect(publicPage.body).toContain('Dati aggiornati al 4 dicembre 2026 (ultima modifica).');
    expect(publicPage.body).toContain('Ricorso RG 1234/2026, TAR Lazio');
    expect(publicPage.body).toContain('Tempi di rilascio dei certificati anagrafici');
    expect(publicPage.body).toContain('<a href="/servizi/anagrafe">Anagrafe</a>');
    expect(publicPage.body).toContain('Deciso con sentenza');
    expect(publicPage.body).toContain('Sentenza — 20 novembre 2026');
    expect(publicPage.body).toContain('<p>L’amministrazione adotterà le misure entro 60 giorni.</p>');
    expect(publicPage.body).toContain('href="https://www.comune.example.it/sentenza-1234.pdf"');
    const en = await opened.app.inject({ method: 'GET', url: `/en${PUBLIC_PAGE}` });
    expect(en.body).toContain('Sentence — 20 November 2026');
    expect(en.body).toContain('<p lang="it">Il TAR accoglie il ricorso.</p>');

    const csv = await opened.app.inject({ method: 'GET', url: `${PUBLIC_PAGE}.csv` });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(parse(csv.body, { columns: true })).toEqual([
      {
        case_id: String(stored!.id),
        service: 'anagrafe',
        court: 'TAR Lazio',
        case_number: 'RG 1234/2026',
        filed_on: '2026-03-15',
        subject: CASE.subject,
        status: 'decided',
        publication_kind: 'sentence',
        published_on: '2026-11-20',
        text: 'Il TAR accoglie il ricorso.\nL’amministrazione adotterà le misure entro 60 giorni.',
        document_url: 'https://www.comune.example.it/sentenza-1234.pdf',
      },
    ]);

    // The same CSV is an open dataset of the DCAT-AP_IT catalogue, and a row of the open data page.
    const document = JSON.parse((await opened.app.inject({ method: 'GET', url: '/opendata/catalogo.jsonld' })).body) as { '@graph': Record<string, unknown>[] };
    const checked = checkDcatApIt(document);
    expect(checked.problems).toEqual([]);
    expect(checked.downloadUrls.filter((url) => url.endsWith('/class-action.csv'))).toEqual([`http://localhost${PUBLIC_PAGE}.csv`]);
    const dataset = document['@graph'].find((node) => String(node['@id']).endsWith('#class-action'));
    expect(dataset?.['dct:modified']).toEqual({ '@type': 'xsd:date', '@value': '2026-12-04' });
    expect(dataset?.['dct:accrualPeriodicity']).toEqual({ '@id': 'http://publications.europa.eu/resource/authority/frequency/IRREG' });
    const openData = await opened.app.inject({ method: 'GET', url: '/opendata' });
    expect(/<tr id="dataset-class-action">([\s\S]*?)<\/tr>/.exec(openData.body)?.[1]).toContain(`href="${PUBLIC_PAGE}.csv"`);
  });

  it('lets the quality office close a ricorso, which the public page then says, and refuses a form without a case', async () => {
    const { jar } = await signIn(opened.app, OFFICE);
    const page = await get(opened.app, jar, '/admin/class-action');
    const [stored] = (await opened.context.actions.listClassActions()).cases;
    const refused = await post(opened.app, jar, '/admin/class-action/stato', { _csrf: csrfOf(page.body), caseId: '', status: 'closed' });
    expect(refused.statusCode).toBe(422);
    expect(/id="stato-caseId-error"[^>]*>([^<]*)</.exec(refused.body)?.[1]).toBe('Ricorso: campo obbligatorio.');
    const closed = await post(opened.app, jar, '/admin/class-action/stato', { _csrf: csrfOf(page.body), caseId: String(stored!.id), status: 'closed' });
    expect([closed.statusCode, closed.headers.location]).toEqual([303, '/admin/class-action?fatto=status']);
    expect((await get(opened.app, jar, closed.headers.location as string)).body).toContain('Stato del ricorso cambiato');
    const publicPage = await opened.app.inject({ method: 'GET', url: PUBLIC_PAGE });
    expect(publicPage.body).toContain('<dd class="col-sm-9">Concluso</dd>');
    expect(publicPage.body).toContain('Dati aggiornati al 6 dicembre 2026 (ultima modifica).');
  });

  it('answers 422 with each error beside its field, personal data named, and keeps what was typed', async () => {
    for (const prefix of ['', '/en']) {
      const { jar } = await signIn(opened.app, OFFICE, undefined, prefix);
      const page = await get(opened.app, jar, `${prefix}/admin/class-action`);
      const refused = await post(opened.app, jar, `${prefix}/admin/class-action/caso`, {
        _csrf: csrfOf(page.body),
        ...CASE,
        filedOn: '15/03/2026',
        subject: 'Ricorso di mario.rossi@example.org',
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.body).toContain('aria-invalid="true"');
      expect(refused.body).toContain('value="15/03/2026"');
      const subjectError = /id="caso-subject-error"[^>]*>([^<]*)</.exec(refused.body)?.[1];
      expect(subjectError).toBe(
        prefix === ''
          ? 'Oggetto, in una frase: contiene un indirizzo e-mail («mario.rossi@example.org»). Toglilo: il testo è pubblicato su una pagina pubblica.'
          : 'Subject, in a sentence: contains an e-mail address («mario.rossi@example.org»). Remove it: the text is published on a public page.',
      );
      expect(refused.body).toContain('id="caso-filedOn-error"');
    }
    expect((await opened.context.actions.listClassActions()).cases).toHaveLength(1);
  });

  it('lets the OIV and the data steward read the page but not post to it, and refuses a form without its CSRF token', async () => {
    for (const role of ['oiv', 'data-steward']) {
      const { jar } = await signIn(opened.app, `${role}@test.misura.invalid`);
      const page = await get(opened.app, jar, '/admin/class-action');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Tempi di rilascio dei certificati anagrafici');
      expect(page.body).not.toContain('/admin/class-action/caso');
      const token = csrfOf((await get(opened.app, jar, '/admin')).body);
      expect((await post(opened.app, jar, '/admin/class-action/caso', { _csrf: token, ...CASE })).statusCode).toBe(403);
      expect((await post(opened.app, jar, '/admin/class-action/stato', { _csrf: token, caseId: '1', status: 'closed' })).statusCode).toBe(403);
      expect((await post(opened.app, jar, '/admin/class-action/correzione', { _csrf: token, caseId: '1', ...CASE, court: 'TAR Lombardia' })).statusCode).toBe(403);
      expect((await post(opened.app, jar, '/admin/class-action/pubblicazione', { _csrf: token, caseId: '1', kind: 'notice', publishedOn: '2026-03-20', text: 'x', documentUrl: '' })).statusCode).toBe(403);
    }
    const { jar } = await signIn(opened.app, OFFICE);
    expect((await post(opened.app, jar, '/admin/class-action/caso', CASE)).statusCode).toBe(403);
    expect((await post(opened.app, jar, '/admin/class-action/caso', { _csrf: 'forged', ...CASE })).statusCode).toBe(403);
    expect((await opened.context.actions.listClassActions()).cases).toHaveLength(1);
  });

  it('lets the quality office withdraw a publication, which leaves the public page and its CSV, the reason audited; a refusal names its field', async () => {
    const { jar } = await signIn(opened.app, OFFICE);
    const page = await get(opened.app, jar, '/admin/class-action');
    const [stored] = (await opened.context.actions.listClassActions()).cases;
    const [publication] = stored!.publications;
    expect(page.body).toContain(`<option value="${publication!.id}">n. ${publication!.id} — Sentenza, 20 novembre 2026 (Ricorso RG 1234/2026, TAR Lazio)</option>`);
    const refused = await post(opened.app, jar, '/admin/class-action/ritiro', { _csrf: csrfOf(page.body), publicationId: String(publication!.id), reason: '' });
    expect(refused.statusCode).toBe(422);
    expect(/id="ritiro-reason-error"[^>]*>([^<]*)</.exec(refused.body)?.[1]).toBe('Motivo del ritiro: campo obbligatorio.');
    const withdrawn = await post(opened.app, jar, '/admin/class-action/ritiro', { _csrf: csrfOf(page.body), publicationId: String(publication!.id), reason: 'Documento sbagliato.' });
    expect([withdrawn.statusCode, withdrawn.headers.location]).toEqual([303, '/admin/class-action?fatto=withdraw']);
    expect((await get(opened.app, jar, withdrawn.headers.location as string)).body).toContain('Pubblicazione ritirata: non è più sulla pagina pubblica.');
    const publicPage = await opened.app.inject({ method: 'GET', url: PUBLIC_PAGE });
    expect(publicPage.body).not.toContain('Il TAR accoglie il ricorso.');
    expect((await opened.app.inject({ method: 'GET', url: `${PUBLIC_PAGE}.csv` })).body).not.toContain('sentenza-1234.pdf');
    const [audit] = await opened.context.actions.listAuditLog({ action: 'class-action.withdraw' });
    expect([audit?.actor, JSON.parse(audit?.afterJson ?? 'null')]).toEqual([`user:${OFFICE}`, { reason: 'Documento sbagliato.' }]);
  });

  it('shows a correction form per case prefilled with its fields, and a correction changes the public page, audited with what changed', async () => {
    const { jar } = await signIn(opened.app, OFFICE);
    const page = await get(opened.app, jar, '/admin/class-action');
    const [stored] = (await opened.context.actions.listClassActions()).cases;
    const id = String(stored!.id);
    const form = new RegExp(`<form[^>]*id="correzione-${id}"[\\s\\S]*?</form>`).exec(page.body)?.[0] ?? '';
    expect(form).toContain('action="/admin/class-action/correzione"');
    expect(form).toContain(`<input type="hidden" name="caseId" value="${id}"`);
    expect(form).toMatch(/<option value="anagrafe" selected[^>]*>Anagrafe<\/option>/);
    expect(form).toMatch(/id="correzione-\d+-court"[^>]*value="TAR Lazio"/);
    expect(form).toMatch(/id="correzione-\d+-caseNumber"[^>]*value="RG 1234\/2026"/);
    expect(form).toMatch(/id="correzione-\d+-filedOn"[^>]*value="2026-03-15"/);
    expect(form).toMatch(/id="correzione-\d+-subject"[^>]*value="Tempi di rilascio dei certificati anagrafici"/);
    expect(form).toContain('Correggi</button>');
    expect(form).not.toContain('name="status"');
    // Folded away until a refusal opens it.
    expect(page.body).not.toMatch(/<details[^>]* open/);

    const { status: _status, ...fields } = CASE;
    const corrected = await post(opened.app, jar, '/admin/class-action/correzione', { _csrf: csrfOf(page.body), caseId: id, ...fields, court: 'TAR Lombardia', caseNumber: 'RG 4321/2026' });
    expect([corrected.statusCode, corrected.headers.location]).toEqual([303, '/admin/class-action?fatto=correct']);
    expect((await get(opened.app, jar, corrected.headers.location as string)).body).toContain('Ricorso corretto: la pagina pubblica mostra i dati corretti.');
    const publicPage = await opened.app.inject({ method: 'GET', url: PUBLIC_PAGE });
    expect(publicPage.body).toContain('Ricorso RG 4321/2026, TAR Lombardia');
    expect(publicPage.body).not.toContain('TAR Lazio');
    expect(publicPage.body).toContain('<dd class="col-sm-9">Concluso</dd>');
    const audit = await opened.context.actions.listAuditLog({ action: 'class-action.correct' });
    expect(audit.map((r): unknown[] => [r.actor, JSON.parse(r.beforeJson ?? 'null'), JSON.parse(r.afterJson ?? 'null')])).toEqual([
      [`user:${OFFICE}`, { court: 'TAR Lazio', caseNumber: 'RG 1234/2026' }, { court: 'TAR Lombardia', caseNumber: 'RG 4321/2026' }],
    ]);
  });

  it('answers a bad correction 422 with the message beside its field in that case\'s form and what was typed kept, in both languages, changing nothing', async () => {
    const [stored] = (await opened.context.actions.listClassActions()).cases;
    const id = String(stored!.id);
    const { status: _status, ...fields } = CASE;
    for (const prefix of ['', '/en']) {
      const { jar } = await signIn(opened.app, OFFICE, undefined, prefix);
      const page = await get(opened.app, jar, `${prefix}/admin/class-action`);
      const refused = await post(opened.app, jar, `${prefix}/admin/class-action/correzione`, { _csrf: csrfOf(page.body), caseId: id, ...fields, court: '', filedOn: '2026-13-01' });
      expect(refused.statusCode).toBe(422);
      expect(new RegExp(`id="correzione-${id}-court-error"[^>]*>([^<]*)<`).exec(refused.body)?.[1]).toBe(prefix === '' ? 'Autorità giudiziaria: campo obbligatorio.' : 'Court: required.');
      expect(refused.body).toContain(`id="correzione-${id}-filedOn-error"`);
      expect(refused.body).toMatch(new RegExp(`id="correzione-${id}-filedOn"[^>]*value="2026-13-01"`));
      expect(refused.body).toMatch(/<details[^>]* open[^>]*>/);
      // The case-recording form is not blamed.
      expect(refused.body).not.toContain('id="caso-court-error"');
    }
    expect((await opened.context.actions.listClassActions()).cases[0]).toMatchObject({ court: 'TAR Lombardia', filedOn: '2026-03-15' });
  });
});
