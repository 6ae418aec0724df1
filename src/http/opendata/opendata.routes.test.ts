import { parse } from 'csv-parse/sync';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { Indicator } from '../../domain/cards/card.ts';
import { newIndicator, newOrganisation } from '../../../test/factories.ts';
import { buildApp, type AppOptions } from '../app.ts';
import type { SiteActions } from '../site-actions.ts';
import { newReport, newSiteFixture, siteActionsOf, type SiteFixture } from '../test-kit.ts';
import type { SiteSettings } from '../site-settings.ts';
import { readConfig } from '../../config/config.ts';
import { checkDcatApIt, MANDATORY_PROPERTIES, PUBLISHER_PROPERTIES } from './dcatapit.test-kit.ts';
import { openDataRoutes } from './opendata.routes.ts';

const NOW = () => new Date('2026-04-10T10:00:00Z');
const SETTINGS: SiteSettings = { now: NOW, timeZone: 'Europe/Rome', accessibilityStatementUrl: null, contactEmail: null, readinessTimeoutMs: 2000 };
const TRICKY = {
  description: 'Risposte, entro 5 giorni, alle "richieste"\nricevute via PEC',
  formula: '=Richieste evase / richieste ricevute',
};

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

function start(fixture: SiteFixture, options: AppOptions = {}, overrides: Partial<SiteActions> = {}): FastifyInstance {
  app = buildApp(siteActionsOf(fixture, overrides), { logger: false, now: NOW, rateLimitPerMinute: false, ...options });
  return app;
}

/** The standard fixture with a tricky third indicator on the 2026 card (commas, quotes, a line break, a leading "="). */
function trickyFixture(): SiteFixture {
  const { fixture, card2026 } = newSiteFixture();
  const tricky: Indicator = newIndicator({ position: 3, slug: 'risposte-pec', ...TRICKY });
  card2026.indicators.push(tricky);
  fixture.reports.push(newReport(card2026, tricky, { year: 2026, monthly: [80.25, 81] }));
  return fixture;
}

describe('the open data files', () => {
  it('serve the cards in force as CSV that parses back to the exact card text, the formula guarded', async () => {
    const response = await start(trickyFixture()).inject('/opendata/2026/carte.csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers['content-disposition']).toBe('attachment; filename="carte-2026.csv"');
    const rows = parse<Record<string, string>>(response.body, { columns: true });
    expect(rows.map((row) => `${row.edition} ${row.indicator}`)).toEqual(['2026 accessibilita-multicanale', '2026 tempestivita', '2026 risposte-pec']);
    const tricky = rows[2]!;
    expect(tricky.description).toBe(TRICKY.description);
    expect(tricky.formula).toBe(`'${TRICKY.formula}`);
    expect(response.body).toContain('"Risposte, entro 5 giorni, alle ""richieste""\nricevute via PEC"');
    expect(rows[1]).toMatchObject({ target: '30 giorni lavorativi', target_comparator: '<=', target_value: '30', target_unit: 'working-days', additional: 'false' });
  });

  it('serve the same cards as JSON with typed values and the exact text', async () => {
    const response = await start(trickyFixture()).inject('/opendata/2026/carte.json');
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="carte-2026.json"');
    const rows = response.json<Record<string, unknown>[]>();
    expect(rows[2]).toMatchObject({ year: 2026, position: 3, formula: TRICKY.formula, description: TRICKY.description, target_value: 95, additional: false });
  });

  it('take the edition in force: the 2025 card for 2025, the latest earlier one for the current year', async () => {
    const { fixture } = newSiteFixture();
    fixture.cards.splice(1, 1); // only the 2025 card is left
    const server = start(fixture);
    const rows = (await server.inject('/opendata/2026/carte.json')).json<{ edition: string; year: number }[]>();
    expect(rows.map((row) => [row.year, row.edition])).toEqual([
      [2026, '2025'],
      [2026, '2025'],
    ]);
  });

  it('serve the results of each month and of the year, as the reports give them', async () => {
    const response = await start(trickyFixture()).inject('/opendata/2026/risultati.csv');
    expect(response.statusCode).toBe(200);
    const rows = parse<Record<string, string>>(response.body, { columns: true });
    const first = rows.filter((row) => row.indicator === 'accessibilita-multicanale');
    expect(first.map((row) => `${row.period}=${row.value}`)).toEqual(['2026-01=96', '2026-02=97.5', '2026-03=98', '2026=97.5']);
    expect(first[3]).toMatchObject({ granularity: 'year', from: '2026-01-01', to: '2026-12-31', numerator: '390', denominator: '400', status: 'met', budget_left: '10', forecast: '97', as_of: '2026-12-31' });
    const late = rows.find((row) => row.indicator === 'tempestivita' && row.period === '2026-03');
    expect(late).toMatchObject({ value: '', numerator: '', status: 'no-data', unit: 'working-days' });
    const json = (await app!.inject('/opendata/2026/risultati.json')).json<Record<string, unknown>[]>();
    expect(json).toHaveLength(rows.length);
    expect(json.find((row) => row.indicator === 'tempestivita' && row.period === '2026')).toMatchObject({ value: 24, budget_left: 2, forecast: 29, status: 'at-risk' });
  });

  it('point to the catalogue and may be read from any origin', async () => {
    const response = await start(trickyFixture()).inject({ url: '/opendata/2025/risultati.json', headers: { host: 'trasparenza.example.gov.it' } });
    expect(response.headers.link).toBe('<http://trasparenza.example.gov.it/opendata/catalogo.jsonld>; rel="describedby"; type="application/ld+json"');
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
  });

  it.each([
    ['a year with no card edition', '/opendata/2017/carte.csv'],
    ['a year after the current one with no edition', '/opendata/2027/risultati.json'],
    ['a year that is not a year', '/opendata/20x6/carte.csv'],
    ['an unknown dataset', '/opendata/2026/eventi.csv'],
    ['an unknown format', '/opendata/2026/carte.xlsx'],
  ])('answer 404 for %s', async (_what, url) => {
    const response = await start(trickyFixture()).inject(url);
    expect(response.statusCode).toBe(404);
  });

  it('refuse a Host header that is not a host name rather than put it in a URL', async () => {
    const response = await start(trickyFixture()).inject({ url: '/opendata/catalogo.jsonld', headers: { host: 'evil.example"><script>' } });
    expect(response.statusCode).toBe(400);
  });
});

describe('the open data catalogue', () => {
  it('is valid DCAT-AP_IT JSON-LD that names every dataset of every year with absolute URLs', async () => {
    const response = await start(trickyFixture()).inject({ url: '/opendata/catalogo.jsonld', headers: { host: 'dati.example.gov.it' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/ld+json; charset=utf-8');
    const checked = checkDcatApIt(JSON.parse(response.body));
    expect(checked.problems).toEqual([]);
    expect(checked.downloadUrls.sort()).toEqual(
      [2025, 2026].flatMap((year) => ['carte', 'risultati'].flatMap((kind) => ['csv', 'json'].map((f) => `http://dati.example.gov.it/opendata/${year}/${kind}.${f}`))).sort(),
    );
  });

  it('names the organisation as publisher and rights holder, with the contact e-mail when configured', async () => {
    const response = await start(trickyFixture(), { contactEmail: 'urp@lavoro.gov.it' }).inject('/opendata/catalogo.jsonld');
    const { nodes } = checkDcatApIt(response.json());
    const agent = [...nodes.values()].find((node) => JSON.stringify(node['@type']).includes('dcatapit:Agent'));
    expect(agent).toMatchObject({ 'dct:identifier': 'ministero-del-lavoro', 'foaf:name': { '@language': 'it', '@value': newOrganisation().name } });
    const dataset = nodes.get('http://localhost/opendata#risultati-2026');
    expect(dataset).toMatchObject({
      'dct:publisher': { '@id': agent?.['@id'] },
      'dct:rightsHolder': { '@id': agent?.['@id'] },
      'dct:modified': { '@type': 'xsd:date', '@value': '2026-04-09' },
      'dct:accrualPeriodicity': { '@id': 'http://publications.europa.eu/resource/authority/frequency/DAILY' },
    });
    const contact = nodes.get('http://localhost/opendata#punto-di-contatto');
    expect(contact?.['vcard:hasEmail']).toEqual({ '@id': 'mailto:urp@lavoro.gov.it' });
  });

  it('uses the configured base URL rather than the Host header', async () => {
    app = Fastify();
    void app.register(openDataRoutes({ actions: siteActionsOf(trickyFixture()), settings: SETTINGS }, { baseUrl: 'https://trasparenza.example.gov.it/misura/' }));
    const response = await app.inject({ url: '/opendata/catalogo.jsonld', headers: { host: 'attacker.example' } });
    const { problems, downloadUrls } = checkDcatApIt(response.json());
    expect(problems).toEqual([]);
    expect(downloadUrls).toContain('https://trasparenza.example.gov.it/misura/opendata/2026/carte.csv');
    expect(response.body).not.toContain('attacker.example');
  });

  it('refuses a configured base URL that is not an http(s) URL', () => {
    expect(() => openDataRoutes({ actions: siteActionsOf(trickyFixture()), settings: SETTINGS }, { baseUrl: 'javascript:alert(1)' })).toThrow('open data base URL');
  });

  it('lists several publishers when the site holds the cards of several administrations', async () => {
    const fixture = trickyFixture();
    const { card2026 } = newSiteFixture('Servizi Previdenza');
    fixture.cards.push({ organisation: newOrganisation({ slug: 'inps', name: 'Istituto Nazionale della Previdenza Sociale' }), card: card2026 });
    const response = await start(fixture).inject('/opendata/catalogo.jsonld');
    const { problems, nodes } = checkDcatApIt(response.json());
    expect(problems).toEqual([]);
    const catalogue = nodes.get('http://localhost/opendata#catalogo');
    expect(catalogue?.['dct:publisher']).toEqual([{ '@id': 'http://localhost/opendata#organizzazione-inps' }, { '@id': 'http://localhost/opendata#organizzazione-ministero-del-lavoro' }]);
  });

  it('is still a valid catalogue of the current year when no card is stored', async () => {
    const response = await start({ cards: [], reports: [] }).inject('/opendata/catalogo.jsonld');
    const { problems, downloadUrls } = checkDcatApIt(response.json());
    expect(problems).toEqual([]);
    expect(downloadUrls).toHaveLength(4);
    expect((await app!.inject('/opendata/2026/carte.csv')).body).toMatch(/^year,organisation,.*\r\n$/);
  });
});

/** A production install: the administration with its IPA code, contact e-mail and public base URL. */
const ADMINISTRATION = readConfig({
  MISURA_PA_NAME: 'Ministero del Lavoro e delle Politiche Sociali',
  MISURA_PA_IPA: 'm_lps',
  MISURA_PA_EMAIL: 'urp@lavoro.gov.it',
  MISURA_BASE_URL: 'https://trasparenza.example.gov.it/',
}).administration;

describe('the catalogue of a configured administration', () => {
  function startConfigured(now = NOW): FastifyInstance {
    return start(trickyFixture(), { administration: ADMINISTRATION, baseUrl: ADMINISTRATION.baseUrl, now });
  }

  it('names the administration by its IPA code as the one publisher and rights holder, prefixes dataset identifiers with it and gives the contact e-mail', async () => {
    const response = await startConfigured().inject('/opendata/catalogo.jsonld');
    const { problems, nodes } = checkDcatApIt(response.json(), { ipaCode: 'm_lps' });
    expect(problems).toEqual([]);
    const publisher = 'https://trasparenza.example.gov.it/opendata#organizzazione-m_lps';
    expect(nodes.get(publisher)).toMatchObject({ 'dct:identifier': 'm_lps', 'foaf:name': { '@value': 'Ministero del Lavoro e delle Politiche Sociali' } });
    expect(nodes.get('https://trasparenza.example.gov.it/opendata#catalogo')?.['dct:publisher']).toEqual({ '@id': publisher });
    expect(nodes.get('https://trasparenza.example.gov.it/opendata#carte-2026')).toMatchObject({
      'dct:identifier': 'm_lps:carte-2026',
      'dct:publisher': { '@id': publisher },
      'dct:rightsHolder': { '@id': publisher },
    });
    expect(nodes.get('https://trasparenza.example.gov.it/opendata#punto-di-contatto')?.['vcard:hasEmail']).toEqual({ '@id': 'mailto:urp@lavoro.gov.it' });
  });

  it('never puts the Host header in the catalogue, the files or the page when the base URL is set', async () => {
    const server = startConfigured();
    const headers = { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' };
    const catalogue = await server.inject({ url: '/opendata/catalogo.jsonld', headers });
    expect(catalogue.statusCode).toBe(200);
    expect(catalogue.body).not.toContain('evil.example');
    expect(checkDcatApIt(catalogue.json()).downloadUrls).toContain('https://trasparenza.example.gov.it/opendata/2026/carte.csv');
    const file = await server.inject({ url: '/opendata/2026/carte.csv', headers });
    expect(file.headers.link).toBe('<https://trasparenza.example.gov.it/opendata/catalogo.jsonld>; rel="describedby"; type="application/ld+json"');
    const page = await server.inject({ url: '/opendata', headers });
    expect(page.body).not.toContain('evil.example');
  });

  it('dates the catalogue and each dataset from the published cards and the evaluation, the same all day rather than "now"', async () => {
    const morning = (await startConfigured(() => new Date('2026-04-10T06:00:00Z')).inject('/opendata/catalogo.jsonld')).json();
    await app?.close();
    const evening = (await startConfigured(() => new Date('2026-04-10T21:30:00Z')).inject('/opendata/catalogo.jsonld')).json();
    expect(evening).toEqual(morning);
    const { nodes } = checkDcatApIt(morning, { ipaCode: 'm_lps' });
    const dates = (id: string) => {
      const node = nodes.get(`https://trasparenza.example.gov.it/opendata#${id}`);
      return [(node?.['dct:issued'] as { '@value': string } | undefined)?.['@value'], (node?.['dct:modified'] as { '@value': string } | undefined)?.['@value']];
    };
    // The fixture publishes the 2025 card on 1 January 2025 and the 2026 card on 1 January 2026.
    expect(dates('carte-2026')).toEqual(['2025-01-01', '2026-01-01']);
    expect(dates('carte-2025')).toEqual(['2025-01-01', '2025-01-01']);
    expect(dates('risultati-2026')).toEqual(['2026-01-01', '2026-04-09']);
    expect(dates('risultati-2025')).toEqual(['2025-01-01', '2025-12-31']);
    expect(dates('catalogo')).toEqual(['2025-01-01', '2026-04-09']);
  });
});

describe('the catalogue checker', () => {
  const nodeOf = (doc: { '@graph': Record<string, unknown>[] }, type: string) => doc['@graph'].find((n) => JSON.stringify(n['@type']).includes(`"${type}"`))!;

  it.each(Object.entries(MANDATORY_PROPERTIES).flatMap(([type, properties]) => properties.map((property) => [type, property] as const)))(
    'requires the DCAT-AP_IT mandatory property of %s: %s',
    async (type, property) => {
      const document = (await start(trickyFixture()).inject('/opendata/catalogo.jsonld')).json<{ '@graph': Record<string, unknown>[] }>();
      expect(checkDcatApIt(document).problems).toEqual([]);
      delete nodeOf(document, type)[property];
      expect(checkDcatApIt(document).problems.join('\n')).toContain(`${property} is mandatory`);
    },
  );

  it.each(Object.entries(PUBLISHER_PROPERTIES).flatMap(([type, properties]) => properties.map((property) => [type, property] as const)))(
    'requires of a configured administration\'s catalogue %s: %s',
    async (type, property) => {
      const document = (await start(trickyFixture(), { administration: ADMINISTRATION }).inject('/opendata/catalogo.jsonld')).json<{ '@graph': Record<string, unknown>[] }>();
      expect(checkDcatApIt(document, { ipaCode: 'm_lps' }).problems).toEqual([]);
      delete nodeOf(document, type)[property];
      expect(checkDcatApIt(document, { ipaCode: 'm_lps' }).problems.join('\n')).toContain(`${property} is mandatory`);
    },
  );

  it('catches a publisher identified by a slug rather than the IPA code, and a modified date before the issued one', async () => {
    const document = (await start(trickyFixture()).inject('/opendata/catalogo.jsonld')).json<{ '@graph': Record<string, unknown>[] }>();
    const problems = checkDcatApIt(document, { ipaCode: 'm_lps' }).problems.join('\n');
    expect(problems).toContain('dct:identifier must be the IPA code m_lps');
    expect(problems).toContain('must start with the IPA code, m_lps:');
    const dataset = nodeOf(document, 'dcatapit:Dataset');
    dataset['dct:issued'] = { '@type': 'xsd:date', '@value': '2030-01-01' };
    expect(checkDcatApIt(document).problems.join('\n')).toContain('is before dct:issued 2030-01-01');
  });

  it.each([
    ['a dataset without dct:modified', (doc: { '@graph': Record<string, unknown>[] }) => delete doc['@graph'].find((n) => String(n['@type']).includes('dcatapit:Dataset'))!['dct:modified'], 'dct:modified is mandatory'],
    ['a distribution without licence', (doc: { '@graph': Record<string, unknown>[] }) => delete doc['@graph'].find((n) => String(n['@type']).includes('dcatapit:Distribution'))!['dct:license'], 'dct:license is mandatory'],
    ['a theme outside the EU vocabulary', (doc: { '@graph': Record<string, unknown>[] }) => (doc['@graph'].find((n) => String(n['@type']).includes('dcatapit:Dataset'))!['dcat:theme'] = { '@id': 'http://example.org/theme' }), 'not in the EU data-theme vocabulary'],
    ['a missing prefix', (doc: { '@context': Record<string, string> }) => delete doc['@context'].vcard, '"vcard" must be'],
    ['a publisher the graph does not describe', (doc: { '@graph': Record<string, unknown>[] }) => (doc['@graph'][0]!['dct:publisher'] = { '@id': 'http://example.org/nobody' }), 'which the graph does not describe'],
  ])('catches %s', async (_what, spoil: (doc: never) => unknown, problem) => {
    const document = (await start(trickyFixture()).inject('/opendata/catalogo.jsonld')).json<never>();
    expect(checkDcatApIt(document).problems).toEqual([]);
    spoil(document);
    expect(checkDcatApIt(document).problems.join('\n')).toContain(problem);
  });
});

describe('the open data page', () => {
  it.each([
    ['/opendata', 'Dati aperti', 'Standard di qualità dei servizi 2026'],
    ['/en/opendata', 'Open data', 'Quality standards of the services 2026'],
  ])('%s lists every dataset with its licence and both formats, with no script', async (url, heading, title) => {
    const response = await start(trickyFixture()).inject(url);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(`<h1>${heading}</h1>`);
    expect(response.body).toContain(title);
    expect(response.body).toContain('href="https://creativecommons.org/licenses/by/4.0/"');
    expect(response.body).toContain('href="/opendata/catalogo.jsonld"');
    const files = [...response.body.matchAll(/href="(\/opendata\/\d{4}\/[a-z]+\.[a-z]+)"/g)].map((m) => m[1]);
    expect(files.sort()).toEqual([2025, 2026].flatMap((year) => ['carte', 'risultati'].flatMap((kind) => ['csv', 'json'].map((f) => `/opendata/${year}/${kind}.${f}`))).sort());
    expect(response.body).not.toMatch(/<script|\sstyle="/);
  });

  it('is linked from the footer of every page', async () => {
    const server = start(trickyFixture());
    expect((await server.inject('/')).body).toContain('href="/opendata"');
    expect((await server.inject('/en')).body).toContain('href="/en/opendata"');
  });
});
