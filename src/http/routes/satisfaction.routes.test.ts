import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCard, newService, PUBLISH_NOW } from '../../../test/factories.ts';
import { CookieJar, get, openAdminApp, post, signIn } from '../auth/admin.test-kit.ts';

const ONLINE = '/amministrazione-trasparente/servizi-erogati/servizi-in-rete';

function tokenOf(html: string): string {
  const token = /name="token" value="([^"]+)"/.exec(html)?.[1];
  if (token === undefined) throw new Error('no vote token on the page');
  return token;
}

/** A vote sent from an address, as the form would send it. */
async function send(app: FastifyInstance, url: string, fields: Record<string, string>, address = '198.51.100.1') {
  return app.inject({ method: 'POST', url, remoteAddress: address, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ channel: 'web', reason: '', sito: '', ...fields }).toString() });
}

async function freshToken(app: FastifyInstance, url: string): Promise<string> {
  const page = await app.inject(url);
  expect(page.statusCode).toBe(200);
  return tokenOf(page.body);
}

describe('"Mettiamoci la faccia" over HTTP', () => {
  let opened: Awaited<ReturnType<typeof openAdminApp>>;
  beforeAll(async () => {
    opened = await openAdminApp({ satisfaction: { perHour: 12 }, baseUrl: 'https://trasparenza.example.gov.it' }, ['quality-office', 'data-steward']);
    await opened.context.actions.importCards([newCard({ service: newService({ slug: 'anagrafe', name: 'Anagrafe' }), year: 2026 })], PUBLISH_NOW);
    await opened.context.actions.importCards([newCard({ service: newService({ slug: 'tributi', name: 'Tributi' }), year: 2026 })], PUBLISH_NOW);
  });
  afterAll(async () => opened.close());

  it('offers the three faces on the service page without a token, to confirm on the form\'s own page with one', async () => {
    const { app } = opened;
    const service = await app.inject('/servizi/anagrafe');
    expect(service.body).toContain('action="/servizi/anagrafe/soddisfazione/verifica"');
    expect(service.body).toContain('<legend>Come giudica il servizio?</legend>');
    for (const label of ['Soddisfatto', 'Né soddisfatto né insoddisfatto', 'Insoddisfatto']) expect(service.body).toContain(label);
    expect(service.body).not.toContain('name="token"');
    // The service page stays a shared, cached answer.
    expect(service.headers.etag).toBeDefined();

    const checking = await post(app, new CookieJar(), '/servizi/anagrafe/soddisfazione/verifica', { face: 'neutral', channel: 'web', reason: 'Così così' });
    expect(checking.statusCode).toBe(200);
    expect(checking.body).toContain('value="neutral" checked');
    expect(checking.body).toContain('Così così');
    tokenOf(checking.body);
    expect(checking.headers.etag).toBeUndefined();
    expect((await app.inject('/en/servizi/anagrafe/soddisfazione')).body).toContain('How do you rate the service?');
  });

  it('counts a vote, thanks the voter, and publishes it on Servizi in rete without its reason; the same client again today counts once', async () => {
    const { app } = opened;
    const before = await app.inject(ONLINE);
    expect(before.body).toContain('Nessun voto al 4 dicembre 2026.');

    const token = await freshToken(app, '/servizi/anagrafe/soddisfazione');
    const sent = await send(app, '/servizi/anagrafe/soddisfazione', { token, face: 'positive', reason: 'Mi chiamo Mario Rossi, tutto bene' });
    expect([sent.statusCode, sent.headers.location]).toEqual([303, '/servizi/anagrafe/soddisfazione/grazie?esito=counted']);
    const thanks = await app.inject(sent.headers.location as string);
    expect(thanks.body).toContain('Il suo giudizio è stato registrato');

    const again = await send(app, '/servizi/anagrafe/soddisfazione', { token: await freshToken(app, '/servizi/anagrafe/soddisfazione'), face: 'negative' });
    expect(again.headers.location).toBe('/servizi/anagrafe/soddisfazione/grazie?esito=repeat');
    expect((await app.inject(again.headers.location as string)).body).toContain('oggi aveva già espresso un giudizio');

    const online = await app.inject(ONLINE);
    const table = /<table class="table card-table" id="soddisfazione-anagrafe-tabella">[\s\S]*?<\/table>/.exec(online.body)?.[0] ?? '';
    expect(table).toContain('Sito web');
    expect(table.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')).toContain('Sito web 1 0 0 1 100%');
    expect(online.body).toContain('Nessun voto al 4 dicembre 2026.'); // Tributi
    expect(online.body).not.toContain('Mario Rossi');
    expect((await app.inject(`/en${ONLINE}`)).body).toContain('No votes as of 4 December 2026.');
  });

  it('refuses, with a clear message and a new form, a vote without a token, with a forged, expired or used one, or with the trap filled in', async () => {
    const { app, clock } = opened;
    const url = '/servizi/tributi/soddisfazione';
    const expect4xx = async (fields: Record<string, string>, status: number, message: string) => {
      const response = await send(app, url, { face: 'positive', ...fields }, '198.51.100.7');
      expect(response.statusCode).toBe(status);
      expect(response.body).toContain(message);
      // A fresh token, so the person can confirm at once.
      tokenOf(response.body);
    };
    await expect4xx({}, 403, 'arrivato senza il suo codice di controllo');
    await expect4xx({ token: 'forged' }, 403, 'non è valido');
    const token = await freshToken(app, url);
    await expect4xx({ token, sito: 'https://spam.example' }, 400, 'non sembra inviato da una persona');
    const saved = clock.now;
    clock.now = new Date(saved.getTime() + 3 * 3600_000);
    await expect4xx({ token }, 403, 'Il modulo è scaduto');
    clock.now = saved;
    expect((await send(app, url, { token, face: 'negative' }, '198.51.100.7')).statusCode).toBe(303);
    await expect4xx({ token }, 403, 'già stato usato');
    const online = await app.inject(ONLINE);
    const table = /id="soddisfazione-tributi-tabella">[\s\S]*?<\/table>/.exec(online.body)?.[0] ?? '';
    expect(table.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')).toContain('Sito web 0 0 1 1 0%');
  });

  it('answers 422 naming the field for a bad face, channel or reason, keeping what was typed', async () => {
    const { app } = opened;
    const url = '/servizi/tributi/soddisfazione';
    const cases: [Record<string, string>, string, string][] = [
      [{ face: 'felice' }, 'face', 'Scelga una delle tre faccine.'],
      [{ face: 'positive', channel: 'fax' }, 'channel', 'Scelga il canale tra quelli proposti.'],
      [{ face: 'negative', reason: 'lungo '.repeat(100) }, 'reason', 'Il motivo può avere al massimo 500 caratteri'],
    ];
    for (const [fields, field, message] of cases) {
      const response = await send(app, url, { token: await freshToken(app, url), ...fields }, '198.51.100.8');
      expect(response.statusCode, field).toBe(422);
      expect(response.body).toContain(message);
    }
    const english = await send(app, `/en${url}`, { token: await freshToken(app, `/en${url}`), face: 'felice' }, '198.51.100.8');
    expect([english.statusCode, english.body.includes('Choose one of the three faces.')]).toEqual([422, true]);
    expect((await send(app, '/servizi/sconosciuto/soddisfazione', { face: 'positive' })).statusCode).toBe(404);
  });

  it('serves the widget framable by any site (or the configured ones) while every other page still refuses framing', async () => {
    const { app } = opened;
    const widget = await app.inject('/widget/soddisfazione/anagrafe?canale=sportello');
    expect(widget.statusCode).toBe(200);
    const csp = widget.headers['content-security-policy'] as string;
    expect(csp).toContain('frame-ancestors *');
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("form-action 'self'");
    expect(widget.headers['x-frame-options']).toBeUndefined();
    expect(widget.headers['cache-control']).toBe('no-store');
    expect(widget.body).not.toMatch(/<script|style=/);
    expect(widget.body).toContain('action="/widget/soddisfazione/anagrafe"');

    const home = await app.inject('/');
    expect(home.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(home.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect((await app.inject('/servizi/anagrafe')).headers['content-security-policy']).toContain("frame-ancestors 'none'");

    // The widget's vote needs no cookie at all: a third-party frame may not send ours.
    const sent = await send(app, '/widget/soddisfazione/anagrafe', { token: tokenOf(widget.body), face: 'positive', channel: 'sportello' }, '198.51.100.20');
    expect([sent.statusCode, sent.headers.location]).toEqual([303, '/widget/soddisfazione/anagrafe/grazie?esito=counted&canale=sportello']);
    const thanks = await app.inject(sent.headers.location as string);
    expect(thanks.headers['content-security-policy']).toContain('frame-ancestors *');
    expect(thanks.body).toContain('Il suo giudizio è stato registrato');

    const limited = await openAdminApp({ satisfaction: { widgetOrigins: ['https://www.comune.example'] } });
    try {
      const framed = await limited.app.inject('/widget/soddisfazione/anagrafe');
      expect(framed.headers['content-security-policy']).toContain("frame-ancestors 'self' https://www.comune.example");
    } finally {
      await limited.close();
    }
  });

  it('limits how many votes one address may send in an hour, counted over the page, the widget and both languages', async () => {
    const { app } = opened;
    const urls = ['/widget/soddisfazione/tributi', '/servizi/tributi/soddisfazione', '/en/widget/soddisfazione/anagrafe'];
    const statuses: number[] = [];
    for (let i = 0; i < 13; i++) statuses.push((await send(app, urls[i % 3] ?? '', { face: 'positive' }, '198.51.100.99')).statusCode);
    expect(statuses.slice(0, 12).every((status) => status === 403)).toBe(true);
    expect(statuses[12]).toBe(429);
    const url = '/widget/soddisfazione/tributi';
    expect((await send(app, url, { face: 'positive' }, '198.51.100.99')).body).toContain('Troppi giudizi');
  });

  it('shows the quality office the reasons and the embed code on the configured base URL, never the Host header; not the data steward', async () => {
    const { app } = opened;
    const office = await signIn(app, 'quality-office@test.misura.invalid');
    const page = await app.inject({ url: '/admin/soddisfazione', headers: { cookie: office.jar.header(), host: 'attacker.example' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Mi chiamo Mario Rossi, tutto bene');
    // The textarea shows the tag as text (escaped in the HTML, the tag itself once the browser reads it).
    expect(page.body).toContain('&lt;iframe src=&#34;https://trasparenza.example.gov.it/widget/soddisfazione/anagrafe?canale=web&#34; title=&#34;Giudizio sul servizio Anagrafe (Mettiamoci la faccia)&#34;');
    expect(page.body).not.toContain('attacker.example');
    expect((await get(app, office.jar, '/admin')).body).toContain('href="/admin/soddisfazione"');
    const steward = await signIn(app, 'data-steward@test.misura.invalid');
    expect((await get(app, steward.jar, '/admin/soddisfazione')).statusCode).toBe(403);
  });

  it('publishes the counts as open data (CSV, in the DCAT-AP_IT catalogue and on /opendata), never a reason', async () => {
    const { app } = opened;
    const csv = await app.inject('/opendata/soddisfazione.csv');
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.trim().split(/\r?\n/);
    expect(lines[0]).toBe('year,service,channel,positive,neutral,negative,total,positive_share');
    expect(lines).toContain('2026,anagrafe,web,1,0,0,1,100');
    expect(lines).toContain('2026,tributi,web,0,0,1,1,0');
    expect(csv.body).not.toContain('Mario');
    const catalogue = await app.inject('/opendata/catalogo.jsonld');
    expect(catalogue.body).toContain('https://trasparenza.example.gov.it/opendata/soddisfazione.csv');
    expect(catalogue.body).toContain('Giudizi degli utenti sui servizi (Mettiamoci la faccia)');
    expect((await app.inject('/opendata')).body).toContain('id="dataset-soddisfazione"');
  });
});
