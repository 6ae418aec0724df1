import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { newOrganisation, newService } from '../../test/factories.ts';
import { buildApp, type AppOptions } from './app.ts';
import type { SiteActions } from './site-actions.ts';
import { newReport, newSiteCard, newSiteFixture, siteActionsOf, type SiteFixture } from './test-kit.ts';

const NOW = () => new Date('2026-04-10T10:00:00Z');
const SERVICE = '/servizi/servizi-lavoro';
const INDICATOR = `${SERVICE}/indicatori/accessibilita-multicanale`;
const CHARTER = '/amministrazione-trasparente/servizi-erogati/carta-dei-servizi-e-standard-di-qualita';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

function start(actions: SiteActions, options: AppOptions = {}): FastifyInstance {
  app = buildApp(actions, { logger: false, now: NOW, rateLimitPerMinute: false, ...options });
  return app;
}

function standardApp(): FastifyInstance {
  return start(siteActionsOf(newSiteFixture().fixture));
}

async function get(target: FastifyInstance, url: string) {
  const response = await target.inject({ method: 'GET', url });
  return { status: response.statusCode, headers: response.headers, body: response.body };
}

const titleOf = (html: string) => /<title>([\s\S]*?)<\/title>/.exec(html)?.[1];
const langOf = (html: string) => /<html lang="([^"]+)"/.exec(html)?.[1];
const hrefsOf = (html: string) => [...html.matchAll(/<a [^>]*href="([^"]+)"/g)].map((m) => m[1]!);
const textOf = (html: string) => html.replace(/<svg[\s\S]*?<\/svg>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

const PAGES: [string, string, string][] = [
  ['home', '/', 'Standard di qualità dei servizi'],
  ['services', '/servizi', 'Servizi'],
  ['servizi erogati', '/amministrazione-trasparente/servizi-erogati', 'Servizi erogati'],
  ['carta dei servizi', CHARTER, 'Carta dei servizi e standard di qualità'],
  ['class action', '/amministrazione-trasparente/servizi-erogati/class-action', 'Class action'],
  ['servizi in rete', '/amministrazione-trasparente/servizi-erogati/servizi-in-rete', 'Servizi in rete'],
  ['service', SERVICE, 'Servizi Lavoro'],
  ['edition', `${SERVICE}/2025`, 'Servizi Lavoro — Carta dei servizi, edizione 2025'],
  ['indicator', INDICATOR, 'Accesso on line dal portale — Servizi Lavoro'],
  ['accessibility', '/dichiarazione-di-accessibilita', 'Dichiarazione di accessibilità'],
  ['legal notes', '/note-legali', 'Note legali'],
  ['privacy notice', '/privacy', 'Informativa sulla privacy'],
];

describe('every page type', () => {
  it.each(PAGES)('renders the %s page (%s) with its title, Italian lang, landmarks and skip link', async (_name, url, title) => {
    const page = await get(standardApp(), url);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body.startsWith('<!doctype html>')).toBe(true);
    expect(titleOf(page.body)).toBe(`${title} — Ministero del Lavoro e delle Politiche Sociali`);
    expect(langOf(page.body)).toBe('it');
    for (const landmark of ['<header class="it-header-wrapper"', '<nav class="navbar site-nav" aria-label="Navigazione principale"', '<main id="main-content"', '<footer class="it-footer" id="footer"']) {
      expect(page.body).toContain(landmark);
    }
    expect(page.body).toContain('<a class="visually-hidden-focusable" href="#main-content">Vai al contenuto principale</a>');
    expect(page.body).toMatch(/<a href="\/dichiarazione-di-accessibilita" data-element="accessibility-link">Dichiarazione di accessibilità<\/a>/);
    expect(page.body).toContain('href="/note-legali"');
    expect(page.body).toContain('<a href="/privacy" data-element="privacy-policy-link">Informativa sulla privacy</a>');
    expect(page.body.match(/<h1[\s>]/g)).toHaveLength(1);
  });

  it.each(PAGES.filter(([name]) => name !== 'home'))('gives the %s page a breadcrumb that starts at Home and ends at the page', async (_name, url) => {
    const page = await get(standardApp(), url);
    const crumbs = /<ol class="breadcrumb">([\s\S]*?)<\/ol>/.exec(page.body)?.[1] ?? '';
    expect(crumbs).toMatch(/^<li class="breadcrumb-item"><a href="\/">Home<\/a>/);
    expect(crumbs).toMatch(/<li class="breadcrumb-item active" aria-current="page">[^<]+<\/li>$/);
  });
});

describe('security', () => {
  it('sends a strict Content-Security-Policy: scripts from self only, never unsafe-inline, images also as data:', async () => {
    const page = await get(standardApp(), '/');
    const csp = String(page.headers['content-security-policy']);
    const directives = new Map(csp.split(';').map((d) => [d.trim().split(' ')[0], d.trim()]));
    expect(directives.get('default-src')).toBe("default-src 'self'");
    expect(directives.get('script-src')).toBe("script-src 'self'");
    expect(directives.get('img-src')).toBe("img-src 'self' data:");
    expect(directives.get('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(page.headers['permissions-policy']).toContain('camera=()');
  });

  it.each(PAGES)('puts no inline script, style or event handler in the %s page', async (_name, url) => {
    const page = await get(standardApp(), url);
    expect(page.body).not.toMatch(/<script/i);
    expect(page.body).not.toMatch(/<style/i);
    expect(page.body).not.toMatch(/\sstyle="/i);
    expect(page.body).not.toMatch(/\son[a-z]+="/i);
  });

  it('shows a hostile service, organisation and indicator as text on every page that names them', async () => {
    const hostile = '<script>alert("x")</script>';
    const service = newService({
      slug: 'servizio-ostile',
      name: `Servizio ${hostile}`,
      office: hostile,
      characteristics: { text: hostile, links: [{ text: hostile, href: 'javascript:alert(1)' }] },
      diffidaBody: { text: hostile, links: [{ text: hostile, href: 'https://example.gov.it/"onmouseover="alert(1)' }] },
      webAddress: { text: hostile, href: 'javascript:alert(1)' },
      channels: [{ key: 'x', kind: 'desk', label: hostile, address: hostile, hours: null }],
    });
    const card = newSiteCard({ year: 2026, service });
    card.indicators[0] = { ...card.indicators[0]!, description: `Accesso ${hostile}`, formula: hostile, notes: hostile, target: { ...card.indicators[0]!.target, text: `95% ${hostile}` } };
    const report = newReport(card, card.indicators[0], { year: 2026, yearOverrides: { explanation: hostile } });
    report.measureDescription = { it: hostile, en: hostile };
    const fixture: SiteFixture = { cards: [{ organisation: newOrganisation({ name: `Ente ${hostile}` }), card }], reports: [report] };
    const target = start(siteActionsOf(fixture));
    const base = '/servizi/servizio-ostile';
    for (const url of ['/', '/en', '/servizi', CHARTER, base, `${base}/2026`, `${base}/indicatori/${card.indicators[0].slug}`, `/en${base}`, `/en${base}/indicatori/${card.indicators[0].slug}`]) {
      const page = await get(target, url);
      expect(page.status, url).toBe(200);
      expect(page.body, url).not.toContain('<script>');
      expect(page.body, url).toContain('&lt;script>alert(&#34;x&#34;)&lt;/script>');
      expect(page.body, url).not.toContain('javascript:');
      expect(page.body, url).not.toContain('onmouseover');
    }
    expect(titleOf((await get(target, base)).body)).toBe('Servizio &lt;script>alert(&#34;x&#34;)&lt;/script> — Ente &lt;script>alert(&#34;x&#34;)&lt;/script>');
  });

  it('never turns a crafted "//host" URL into a language link off the site', async () => {
    const page = await get(standardApp(), '//evil.example/x');
    expect(page.status).toBe(404);
    expect(hrefsOf(page.body).filter((href) => href.startsWith('//'))).toEqual([]);
  });
});

describe('errors', () => {
  it.each([
    ['an unknown path', '/nessuna-pagina'],
    ['an unknown service', '/servizi/sconosciuto'],
    ['a malformed service slug', '/servizi/Non%20Valido'],
    ['an unknown edition', `${SERVICE}/2019`],
    ['an unknown indicator', `${SERVICE}/indicatori/sconosciuto`],
    ['a year with no card', `${INDICATOR}?anno=2010`],
    ['a static file that does not exist', '/static/site/nope.css'],
  ])('answers %s with the 404 page', async (_what, url) => {
    const page = await get(standardApp(), url);
    expect(page.status).toBe(404);
    expect(titleOf(page.body)).toBe('Pagina non trovata — Ministero del Lavoro e delle Politiche Sociali');
    expect(page.body).toContain('<main id="main-content"');
    expect(page.body).toContain('<a href="/">Torna alla home</a>');
  });

  it('answers an English URL that does not exist with the English 404 page', async () => {
    const page = await get(standardApp(), '/en/nothing-here');
    expect(page.status).toBe(404);
    expect(langOf(page.body)).toBe('en');
    expect(titleOf(page.body)).toBe('Page not found — Ministero del Lavoro e delle Politiche Sociali');
  });

  it('answers an invalid year with the 400 page saying which value is wrong', async () => {
    const page = await get(standardApp(), `${INDICATOR}?anno=duemila`);
    expect(page.status).toBe(400);
    expect(titleOf(page.body)).toContain('Richiesta non valida');
    expect(page.body).toContain('anno');
  });

  it('answers a failing action with the 500 page: no stack trace, no error message, a request code', async () => {
    const actions = siteActionsOf(newSiteFixture().fixture, {
      listServices: () => Promise.reject(new Error('secret database detail at /srv/misura/db.sqlite')),
    });
    const page = await get(start(actions), SERVICE);
    expect(page.status).toBe(500);
    expect(titleOf(page.body)).toBe('Si è verificato un errore — misura');
    expect(page.body).not.toContain('secret database detail');
    expect(page.body).not.toMatch(/at .*\.ts:\d+/);
    expect(page.body).toMatch(/Codice della richiesta[^<]*<code>[0-9a-f-]{36}<\/code>/);
  });
});

describe('language switch', () => {
  it('serves English under /en with lang="en", English text and the legal terms kept', async () => {
    const page = await get(standardApp(), `/en${SERVICE}`);
    expect(page.status).toBe(200);
    expect(langOf(page.body)).toBe('en');
    expect(page.body).toContain('Channels and opening hours');
    expect(page.body).toContain('If a standard is not met: the diffida');
    expect(page.body).toContain('Valore programmato (target)');
    expect(page.body).toContain('at risk');
    expect(page.body).not.toContain('Canali e orari');
    // Card data stays Italian and says so, for screen readers.
    expect(page.body).toContain('<h1 lang="it">Servizi Lavoro</h1>');
  });

  it('links every page to the same page in the other language, query string kept', async () => {
    const target = standardApp();
    const italian = await get(target, `${INDICATOR}?anno=2026`);
    expect(italian.body).toContain(`<a href="/en${INDICATOR}?anno=2026" lang="en" hreflang="en">ENG`);
    expect(italian.body).toContain(`<a href="${INDICATOR}?anno=2026" lang="it" hreflang="it" aria-current="true">ITA`);
    const english = await get(target, `/en${INDICATOR}?anno=2026`);
    expect(english.body).toContain(`<a href="${INDICATOR}?anno=2026" lang="it" hreflang="it">ITA`);
    const home = await get(target, '/en');
    expect(home.body).toContain('<a href="/" lang="it" hreflang="it">ITA');
    expect(textOf(home.body)).toContain('Quality standards of services');
  });

  it('keeps English links inside /en', async () => {
    const page = await get(standardApp(), '/en');
    const internal = hrefsOf(page.body).filter((href) => href.startsWith('/') && !href.startsWith('/static/'));
    expect(internal.filter((href) => !href.startsWith('/en'))).toEqual(['/']);
  });
});

describe('navigation', () => {
  it('leads from home to the service, to the indicator, to its data', async () => {
    const target = standardApp();
    const home = await get(target, '/');
    expect(textOf(home.body)).toContain('1 su 2 standard rispettati');
    expect(hrefsOf(home.body)).toContain(SERVICE);

    const service = await get(target, SERVICE);
    expect(hrefsOf(service.body)).toContain(INDICATOR);
    expect(hrefsOf(service.body)).toContain(`${SERVICE}/2025`);

    const indicator = await get(target, INDICATOR);
    expect(indicator.status).toBe(200);
    const csvHref = hrefsOf(indicator.body).find((href) => href.includes('dati.csv'));
    expect(csvHref).toBe(`${INDICATOR}/dati.csv?anno=2026`);
    const csv = await get(target, csvHref!);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="servizi-lavoro-accessibilita-multicanale-2026.csv"');
    expect(csv.body.split('\r\n')[1]).toMatch(/^servizi-lavoro,accessibilita-multicanale,2026,2026-01,month,2026-01-01,2026-01-31,96,percent,/);
  });

  it('lists every card of every year on the Carta dei servizi page', async () => {
    const page = await get(standardApp(), CHARTER);
    expect(hrefsOf(page.body)).toEqual(expect.arrayContaining([SERVICE, `${SERVICE}/2026`, `${SERVICE}/2025`]));
    expect(textOf(page.body)).toContain('Edizione 2025 — 2 indicatori');
  });
});

describe('the service page', () => {
  it('shows channels with hours, the diffida body and rules, and the card in force with values and statuses', async () => {
    const text = textOf((await get(standardApp(), SERVICE)).body);
    expect(text).toContain('Telefono : Contact center — 800 000 000');
    expect(text).toContain('lunedì–venerdì, dalle 09:00 alle 18:00');
    expect(text).toContain('Direttore Generale dei sistemi informativi');
    expect(text).toContain('posta elettronica certificata (PEC)');
    expect(text).toContain('90 giorni');
    expect(text).toContain('art. 3 c.1 d.lgs. 198/2009');
    expect(text).toContain('Si applica la carta dell’edizione 2026, in vigore nel 2026.');
    expect(text).toContain('95% 97,5% 390 / 400 rispettato');
    expect(text).toContain('30 giorni lavorativi 24 giorni lavorativi da 60 rilevazioni a rischio');
  });

  it('shows each status with an icon next to its words', async () => {
    const body = (await get(standardApp(), SERVICE)).body;
    expect(body).toMatch(/<span class="status status-met"><svg class="icon icon-sm" aria-hidden="true" focusable="false"><use href="[^"]+#it-check-circle"><\/use><\/svg>rispettato<\/span>/);
    expect(body).toMatch(/<span class="status status-at-risk"><svg [^>]+><use href="[^"]+#it-warning-circle"><\/use><\/svg>a rischio<\/span>/);
  });

  it('gives each indicator a monthly trend whose accessible name lists the values', async () => {
    const body = (await get(standardApp(), SERVICE)).body;
    expect(body).toContain('aria-label="Andamento mensile: gen 96%, feb 97,5%, mar 98%"');
    expect(body).toContain('aria-label="Andamento mensile: gen 20 giorni lavorativi, feb 28 giorni lavorativi, mar dati assenti"');
  });

  it('shows an earlier edition with the values measured in its own year', async () => {
    const text = textOf((await get(standardApp(), `${SERVICE}/2025`)).body);
    expect(text).toContain('91% 390 / 400 non rispettato');
    expect(text).toContain('Torna alla carta in vigore');
  });

  it('applies an undated card to every year and publishes it at /undated', async () => {
    const card = newSiteCard({ year: null, service: newService({ slug: 'senza-anno', name: 'Senza anno' }) });
    const target = start(siteActionsOf({ cards: [{ organisation: newOrganisation(), card }], reports: [] }));
    expect(textOf((await get(target, '/servizi/senza-anno')).body)).toContain('Si applica la carta dell’edizione senza anno, in vigore nel 2026.');
    const edition = await get(target, '/servizi/senza-anno/undated');
    expect(edition.status).toBe(200);
    expect(titleOf(edition.body)).toContain('Carta dei servizi, edizione senza anno');
    expect((await get(target, '/servizi/senza-anno/indicatori/tempestivita')).status).toBe(200);
  });

  it('shows "dati assenti" for a card with nothing measured yet', async () => {
    const { fixture } = newSiteFixture();
    const page = await get(start(siteActionsOf({ ...fixture, reports: [] })), SERVICE);
    expect(page.status).toBe(200);
    expect(textOf(page.body)).toContain('95% — — dati assenti nessun dato mensile');
  });
});

describe('the indicator page', () => {
  it('explains how the indicator is measured and shows the year result, budget left and forecast', async () => {
    const text = textOf((await get(standardApp(), `${SERVICE}/indicatori/tempestivita`)).body);
    expect(text).toContain('Come lo misuriamo Contiamo i giorni');
    expect(text).toContain('Risultato 2026 a rischio');
    expect(text).toContain('24 giorni lavorativi Valore misurato');
    expect(text).toContain('2 Margine residuo');
    expect(text).toContain('Lo standard è a rischio: il valore misurato finora è 24 giorni lavorativi, il valore programmato è ≤ 30 giorni lavorativi.');
    // The engine's English sentence stays out of Italian pages: its reason is worded in Italian instead.
    expect(text).not.toContain('The engine explains in English.');
    expect(text).toContain('rispetto a un valore programmato ≤ 30 giorni lavorativi');
    expect(text).toContain('29 giorni lavorativi Previsione a fine anno');
  });

  it('draws the monthly values as an SVG chart with the target line and gives the same data in a table', async () => {
    const body = (await get(standardApp(), INDICATOR)).body;
    expect(body).toMatch(/<svg role="img" aria-label="Grafico dei valori mensili dell’indicatore “Accesso on line dal portale” rispetto al valore programmato"[^>]*class="chart"/);
    expect(body).toContain('stroke-dasharray');
    const table = /<caption>Valori mensili[\s\S]*?<\/table>/.exec(body)?.[0] ?? '';
    expect(textOf(table)).toContain('gennaio 2026 96% ≥ 95% 384 / 400 rispettato');
    expect(textOf(table)).toContain('marzo 2026 98% ≥ 95% 392 / 400 rispettato');
  });

  it('shows another year when asked, with links between the years', async () => {
    const target = standardApp();
    const page = await get(target, `${INDICATOR}?anno=2025`);
    expect(textOf(page.body)).toContain('Risultato 2025 non rispettato');
    expect(hrefsOf(page.body)).toContain(`${INDICATOR}?anno=2026`);
  });

  it('offers the full data as JSON', async () => {
    const response = await standardApp().inject(`${INDICATOR}/dati.json?anno=2026`);
    expect(response.statusCode).toBe(200);
    const data = response.json<{ year: number; report: { year: { status: string }; periods: unknown[] } }>();
    expect(data.year).toBe(2026);
    expect(data.report.year.status).toBe('met');
    expect(data.report.periods).toHaveLength(3);
  });
});

describe('health', () => {
  it('answers /healthz while the process is up', async () => {
    const response = await standardApp().inject('/healthz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz 200 when the database answers and 503 when it fails or hangs', async () => {
    const { fixture } = newSiteFixture();
    expect((await start(siteActionsOf(fixture)).inject('/readyz')).statusCode).toBe(200);
    await app?.close();
    const failing = start(siteActionsOf(fixture, { checkDatabase: () => Promise.reject(new Error('connection refused')) }));
    const failed = await failing.inject('/readyz');
    expect(failed.statusCode).toBe(503);
    expect(failed.json()).toEqual({ status: 'unavailable' });
    await app?.close();
    const hanging = start(siteActionsOf(fixture, { checkDatabase: () => new Promise<void>(() => {}) }), { readinessTimeoutMs: 50 });
    expect((await hanging.inject('/readyz')).statusCode).toBe(503);
  });

  it('answers /readyz 200 but "degraded", naming each indicator that cannot be computed and a failed catch-up', async () => {
    const { fixture } = newSiteFixture();
    const ready = await start(siteActionsOf(fixture, { listIndicatorFaults: () => Promise.resolve([]) })).inject('/readyz');
    expect(ready.json()).toEqual({ status: 'ready', catchingUp: false, faults: [] });
    await app?.close();
    const fault = { service: 'contact-center', edition: '2026', indicator: 'tempi', reason: 'holidays are known for the years 2001–9999, not for 1999', since: '2026-03-10T11:00:00.000Z' };
    const degraded = start(
      siteActionsOf(fixture, {
        listIndicatorFaults: () => Promise.resolve([fault]),
        catchUpState: () => ({ catchingUp: true, lastError: 'the drain worker stopped' }),
      }),
    );
    const answer = await degraded.inject('/readyz');
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({ status: 'degraded', catchingUp: true, catchUpError: 'the drain worker stopped', faults: [fault] });
  });

  it('says on every page, in its language, while results are being brought up to date', async () => {
    const { fixture } = newSiteFixture();
    let catchingUp = true;
    // With a data version, so pages go through the answer cache: the notice must not outlive the catch-up there.
    const site = start(siteActionsOf(fixture, { catchUpState: () => ({ catchingUp, lastError: null }), readDataVersion: () => Promise.resolve(1) }));
    expect((await site.inject('/')).body).toContain('I risultati sono in aggiornamento');
    expect((await site.inject('/en')).body).toContain('Results are being brought up to date');
    catchingUp = false;
    expect((await site.inject('/')).body).not.toContain('I risultati sono in aggiornamento');
  });
});

describe('static assets', () => {
  it.each([
    ['/static/bootstrap-italia/css/bootstrap-italia.min.css', 'text/css'],
    ['/static/bootstrap-italia/svg/sprites.svg', 'image/svg+xml'],
    ['/static/bootstrap-italia/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-regular.woff2', 'font/woff2'],
    ['/static/site/site.css', 'text/css'],
  ])('serves %s from this origin', async (url, type) => {
    const response = await standardApp().inject(url);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain(type);
  });
});

describe('settings', () => {
  it('links the footer to the official AgID statement when one is configured', async () => {
    const url = 'https://form.agid.gov.it/view/00000000-0000-0000-0000-000000000000';
    const page = await get(start(siteActionsOf(newSiteFixture().fixture), { accessibilityStatementUrl: url, contactEmail: 'urp@example.gov.it' }), '/dichiarazione-di-accessibilita');
    expect(page.body).toContain(`<a href="${url}" data-element="accessibility-link">`);
    expect(page.body).toContain('<a href="mailto:urp@example.gov.it">urp@example.gov.it</a>');
  });

  it.each([
    [{ accessibilityStatementUrl: 'javascript:alert(1)' }, /https:\/\//],
    [{ contactEmail: 'not an address' }, /e-mail/],
  ])('refuses an unsafe setting %o', (options, message) => {
    expect(() => buildApp(siteActionsOf(newSiteFixture().fixture), { logger: false, ...options })).toThrow(message);
  });

  it('uses the product name when no administration is stored yet, and says there is nothing to show', async () => {
    const page = await get(start(siteActionsOf({ cards: [], reports: [] })), '/');
    expect(page.status).toBe(200);
    expect(titleOf(page.body)).toBe('Standard di qualità dei servizi — misura');
    expect(textOf(page.body)).toContain('Non è stato ancora pubblicato nessun servizio.');
  });
});

describe('rate limit', () => {
  it('refuses pages beyond the limit with a 429 page, but never assets or health probes', async () => {
    const target = start(siteActionsOf(newSiteFixture().fixture), { rateLimitPerMinute: 2 });
    expect((await get(target, '/')).status).toBe(200);
    expect((await get(target, '/servizi')).status).toBe(200);
    const refused = await get(target, '/');
    expect(refused.status).toBe(429);
    expect(titleOf(refused.body)).toBe('Troppe richieste — Ministero del Lavoro e delle Politiche Sociali');
    expect((await get(target, '/static/site/site.css')).status).toBe(200);
    expect((await get(target, '/healthz')).status).toBe(200);
  });
});
