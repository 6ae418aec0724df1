import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCard, newService, PUBLISH_NOW } from '../../../test/factories.ts';
import { csrfOf, get, openAdminApp, post, signIn } from './admin.test-kit.ts';

const OFFICE = 'quality-office@test.misura.invalid';
const OIV = 'oiv@test.misura.invalid';
const PAGE = '/amministrazione-trasparente/servizi-erogati/costi-contabilizzati';
const FORM = { service: 'anagrafe', year: '2025', actual: '1.250.000,50', staff: '€ 300.000', volume: '10.000', note: 'Dati del rendiconto', source: 'controllo di gestione' };

describe('costi contabilizzati', () => {
  let opened: Awaited<ReturnType<typeof openAdminApp>>;
  beforeAll(async () => {
    opened = await openAdminApp({}, ['quality-office', 'oiv']);
    await opened.context.actions.importCards([newCard({ service: newService({ slug: 'anagrafe', name: 'Anagrafe' }), year: 2026 })], PUBLISH_NOW);
  });
  afterAll(async () => opened.close());

  it('says on the public page and in the catalogue that nothing is published yet', async () => {
    const page = await opened.app.inject({ method: 'GET', url: PAGE });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Nessun costo pubblicato alla data del 4 dicembre 2026.');
    const section = await opened.app.inject({ method: 'GET', url: '/amministrazione-trasparente/servizi-erogati' });
    expect(section.body).toContain(`href="${PAGE}"`);
    expect(section.body).not.toContain('Contenuto non gestito');
    const catalogue = JSON.parse((await opened.app.inject({ method: 'GET', url: '/opendata/catalogo.jsonld' })).body) as { '@graph': { '@id': string }[] };
    expect(catalogue['@graph'].some((node) => node['@id'].endsWith('#costi'))).toBe(false);
  });

  it('lets the quality office record a year: a refused form shows each error beside its field, a saved one is listed', async () => {
    const { jar } = await signIn(opened.app, OFFICE);
    expect((await get(opened.app, jar, '/admin')).body).toContain('href="/admin/costi"');
    const page = await get(opened.app, jar, '/admin/costi');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Nessun costo registrato finora.');

    const refused = await post(opened.app, jar, '/admin/costi/salva', { _csrf: csrfOf(page.body), ...FORM, year: '2030', staff: '-5' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toMatch(/id="cost-year"[^>]*aria-invalid="true"/);
    expect(refused.body).toContain('<div class="invalid-feedback d-block" id="cost-year-error">Anno: indichi un anno dal 2001 a quello in corso.</div>');
    expect(refused.body).toContain('id="cost-staff-error">Costi imputati al personale (euro): un costo non può essere negativo.</div>');
    // What was typed stays in the form.
    expect(refused.body).toContain('value="1.250.000,50"');

    const unknown = await post(opened.app, jar, '/admin/costi/salva', { _csrf: csrfOf(refused.body), ...FORM, service: 'nessuno' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('id="cost-service-error">Servizio: nessun servizio registrato con questo codice.</div>');

    const saved = await post(opened.app, jar, '/admin/costi/salva', { _csrf: csrfOf(unknown.body), ...FORM });
    expect([saved.statusCode, saved.headers.location]).toEqual([303, '/admin/costi?fatto=saved&servizio=anagrafe&anno=2025']);
    const listed = await get(opened.app, jar, saved.headers.location as string);
    expect(listed.body).toContain('Costi 2025 del servizio «Anagrafe» salvati.');
    expect(listed.body).toContain('1.250.000,50');
    // A stored year comes back in the form to be corrected.
    const correct = await get(opened.app, jar, '/admin/costi?servizio=anagrafe&anno=2025');
    expect(correct.body).toContain('value="1250000,50"');
    expect(correct.body).toContain('<option value="anagrafe" selected>Anagrafe</option>');
    await post(opened.app, jar, '/admin/costi/salva', { _csrf: csrfOf(correct.body), ...FORM, year: '2024', actual: '1.000.000', staff: '250.000' });
  });

  it('shows the OIV the costs without the form, and refuses its post', async () => {
    const { jar } = await signIn(opened.app, OIV);
    const page = await get(opened.app, jar, '/admin/costi');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('action="/admin/costi/salva"');
    expect(page.body).toContain('1.250.000,50');
    // A valid token from the dashboard's sign-out form: only the route table refuses the post.
    const token = csrfOf((await get(opened.app, jar, '/admin')).body);
    const refused = await post(opened.app, jar, '/admin/costi/salva', { _csrf: token, ...FORM, actual: '1' });
    expect(refused.statusCode).toBe(403);
    expect((await opened.context.actions.listServiceCosts())[0]?.years.find((y) => y.year === 2025)?.actualCents).toBe(125_000_050);
  });

  it('publishes the years in a table and a chart, in euro per language, with the dates from the data', async () => {
    const page = await opened.app.inject({ method: 'GET', url: PAGE });
    expect(page.body).toContain('id="costs-dates">Pubblicato il 4 dicembre 2026, aggiornato il 4 dicembre 2026.');
    const table = /<table class="table" id="costi-anagrafe-tabella">([\s\S]*?)<\/table>/.exec(page.body)?.[1] ?? '';
    const cells = [...table.matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map((match) => match[1]?.replace(/\s/g, ' '));
    expect(cells.slice(6)).toEqual([
      '2024', '1.000.000,00 €', '250.000,00 €', '1.250.000,00 €', '125,00 € (10.000)', '—',
      '2025', '1.250.000,50 €', '300.000,00 €', '1.550.000,50 €', '155,00 € (10.000)', '+24,0%',
    ]);
    expect(page.body).toMatch(/<svg role="img" aria-label="Grafico dei costi contabilizzati per anno del servizio Anagrafe/);
    expect(page.body).toContain('href="/opendata/costi.csv"');
    const english = await opened.app.inject({ method: 'GET', url: `/en${PAGE}` });
    expect(english.body).toContain('€1,550,000.50');
    expect(english.body).toContain('Published on 4 December 2026, updated on 4 December 2026.');
  });

  it('serves the costs as an open dataset in CSV, listed in the DCAT-AP_IT catalogue', async () => {
    const csv = await opened.app.inject({ method: 'GET', url: '/opendata/costi.csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    const rows = parse<Record<string, string>>(csv.body, { columns: true });
    expect(rows.map((r) => [r.service, r.year, r.actual_eur, r.staff_eur, r.total_eur, r.volume, r.cost_per_unit_eur, r.source])).toEqual([
      ['anagrafe', '2024', '1000000', '250000', '1250000', '10000', '125', 'controllo di gestione'],
      ['anagrafe', '2025', '1250000.5', '300000', '1550000.5', '10000', '155', 'controllo di gestione'],
    ]);
    const catalogue = JSON.parse((await opened.app.inject({ method: 'GET', url: '/opendata/catalogo.jsonld' })).body) as { '@graph': Record<string, unknown>[] };
    const dataset = catalogue['@graph'].find((node) => String(node['@id']).endsWith('#costi'));
    expect(dataset?.['@type']).toEqual(['dcatapit:Dataset', 'dcat:Dataset']);
    expect(dataset?.['dct:modified']).toEqual({ '@type': 'xsd:date', '@value': '2026-12-04' });
    const distribution = catalogue['@graph'].find((node) => String(node['@id']).endsWith('#costi-csv'));
    expect(String((distribution?.['dcat:downloadURL'] as { '@id': string })['@id'])).toMatch(/\/opendata\/costi\.csv$/);
    const catalogueNode = catalogue['@graph'].find((node) => String(node['@id']).endsWith('#catalogo'));
    expect((catalogueNode?.['dcat:dataset'] as { '@id': string }[]).some((ref) => ref['@id'].endsWith('#costi'))).toBe(true);
    // The open data page lists it too, with what its columns mean.
    const openData = await opened.app.inject({ method: 'GET', url: '/opendata' });
    expect(/<tr id="dataset-costi">([\s\S]*?)<\/tr>/.exec(openData.body)?.[1]).toContain('<td>2024–2025</td>');
    expect(openData.body).toContain('href="/opendata/costi.csv"');
    expect(openData.body).toContain('Costo unitario: totale diviso per il volume, in euro');
  });
});
