import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { readConfig } from '../../config/config.ts';
import { buildApp, type AppOptions } from '../app.ts';
import { newSiteFixture, siteActionsOf } from '../test-kit.ts';

const NOW = () => new Date('2026-04-10T10:00:00Z');

/** The administration as a production install would configure it. */
const ADMINISTRATION = readConfig({
  MISURA_PA_NAME: 'Comune di Esempio',
  MISURA_PA_IPA: 'c_x000',
  MISURA_PA_EMAIL: 'urp@comune.esempio.it',
  MISURA_PA_PEC: 'protocollo@pec.comune.esempio.it',
  MISURA_PRIVACY_CONTROLLER: 'Comune di Esempio, piazza del Municipio 1, 00100 Esempio',
  MISURA_DPO_EMAIL: 'rpd@comune.esempio.it',
  MISURA_LOG_RETENTION_DAYS: '30',
  MISURA_DIFFIDA_RETENTION_YEARS: '10',
}).administration;

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

function start(options: AppOptions = {}): FastifyInstance {
  app = buildApp(siteActionsOf(newSiteFixture().fixture), { logger: false, now: NOW, rateLimitPerMinute: false, ...options });
  return app;
}

const textOf = (html: string) => html.replace(/<svg[\s\S]*?<\/svg>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the privacy notice', () => {
  it.each([
    ['/privacy', 'it', 'Informativa sul trattamento dei dati personali', ['Titolare del trattamento', 'Responsabile della protezione dei dati', 'art. 6, par. 1, lett. e', 'd.lgs. 198/2009', 'Log del server: 30 giorni.', 'Diffide e dati di chi le invia: 10 anni', 'artt. 15–22', 'Garante per la protezione dei dati personali']],
    ['/en/privacy', 'en', 'How we process personal data', ['Data controller', 'Data protection officer', 'GDPR art. 6(1)(e)', 'd.lgs. 198/2009', 'Server logs: 30 days.', 'Diffide and the details of those who send them: 10 years', 'articles 15–22', 'Garante per la protezione dei dati personali']],
  ])('%s names the controller, DPO, legal basis, retention from the settings, rights and the Garante', async (url, lang, heading, phrases) => {
    const response = await start({ administration: ADMINISTRATION }).inject(url);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(`<html lang="${lang}"`);
    expect(response.body).toContain(`<h1>${heading}</h1>`);
    const text = textOf(response.body);
    expect(text).toContain('Comune di Esempio, piazza del Municipio 1, 00100 Esempio');
    for (const phrase of phrases) expect(text).toContain(phrase);
    expect(response.body).toContain('href="mailto:rpd@comune.esempio.it"');
    expect(response.body).toContain('href="mailto:protocollo@pec.comune.esempio.it"');
    expect(response.body).toContain('href="https://www.garanteprivacy.it/"');
    expect(response.body).not.toMatch(/<script|\sstyle="/);
  });

  it('says what is missing when the controller and DPO are not configured, with the default retention', async () => {
    const text = textOf((await start().inject('/privacy')).body);
    expect(text).toContain('i suoi estremi non sono ancora stati indicati');
    expect(text).toContain('I contatti del Responsabile della protezione dei dati non sono ancora stati indicati');
    expect(text).toContain('Log del server: 90 giorni.');
    expect(text).toContain('Diffide e dati di chi le invia: 5 anni');
  });

  it('escapes the configured controller rather than render it as markup', async () => {
    const administration = { ...ADMINISTRATION, privacy: { ...ADMINISTRATION.privacy, controller: 'Comune <b>di</b> Esempio' } };
    const body = (await start({ administration }).inject('/privacy')).body;
    expect(body).toContain('Comune &lt;b>di&lt;/b> Esempio');
  });

  it.each([
    ['/', '/privacy', 'Informativa sulla privacy'],
    ['/en/servizi', '/en/privacy', 'Privacy notice'],
  ])('is linked from the footer of %s', async (url, href, label) => {
    const body = (await start().inject(url)).body;
    expect(body).toContain(`<a href="${href}" data-element="privacy-policy-link">${label}</a>`);
  });
});

describe('the administration settings on every page', () => {
  it('name the site after the configured administration and show its logo, served from the configured file', async () => {
    const logo = join(mkdtempSync(join(tmpdir(), 'misura-logo-')), 'stemma.svg');
    writeFileSync(logo, '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>');
    const server = start({ administration: { ...ADMINISTRATION, logoPath: logo } });
    const page = await server.inject('/');
    expect(page.body).toContain('<title>');
    expect(page.body).toMatch(/<div class="it-brand-title">\s*Comune di Esempio\s*<\/div>/);
    expect(page.body).toContain('<img class="icon" src="/static/pa/logo.svg" alt=""/>');
    const image = await server.inject('/static/pa/logo.svg');
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/svg+xml');
    expect(image.headers['content-security-policy']).toContain("default-src 'none'");
    expect(image.body).toContain('<svg');
  });

  it('link the accessibility statement and the contact e-mail of the settings unless the options name others', async () => {
    const administration = { ...ADMINISTRATION, accessibilityUrl: 'https://form.agid.gov.it/view/impostazioni' };
    const page = (await start({ administration }).inject('/dichiarazione-di-accessibilita')).body;
    expect(page).toContain('href="https://form.agid.gov.it/view/impostazioni" data-element="accessibility-link"');
    expect(page).toContain('href="mailto:urp@comune.esempio.it"');
    await app?.close();
    const overridden = (await start({ administration, accessibilityStatementUrl: 'https://form.agid.gov.it/view/opzione', contactEmail: 'accessibilita@comune.esempio.it' }).inject('/dichiarazione-di-accessibilita')).body;
    expect(overridden).toContain('href="https://form.agid.gov.it/view/opzione" data-element="accessibility-link"');
    expect(overridden).toContain('href="mailto:accessibilita@comune.esempio.it"');
  });

  it('answer 404 for the logo when its file is missing, and serve no logo route without the setting', async () => {
    expect((await start({ administration: { ...ADMINISTRATION, logoPath: '/nonexistent/logo.png' } }).inject('/static/pa/logo.png')).statusCode).toBe(404);
    await app?.close();
    expect((await start().inject('/static/pa/logo.png')).statusCode).toBe(404);
  });
});
