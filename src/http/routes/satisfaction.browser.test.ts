import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage } from '../../../test/browser.ts';
import { newCard, newService, PUBLISH_NOW } from '../../../test/factories.ts';
import { expectNoAxeViolation, signInInBrowser } from '../auth/admin-browser.test-kit.ts';
import { openAdminApp } from '../auth/admin.test-kit.ts';

const ONLINE = '/amministrazione-trasparente/servizi-erogati/servizi-in-rete';

/** Picks a face by its words: the radio itself is drawn by its label (Bootstrap Italia), so the label is what a person clicks. */
async function chooseFace(scope: Pick<Page, 'getByText'>, words: string): Promise<void> {
  await scope.getByText(words, { exact: true }).click();
}

/**
 * "Mettiamoci la faccia" in a real Chromium over real ports: a vote from the service page (confirmed on the form's
 * page), a vote inside the widget framed by a page of another site (localhost vs 127.0.0.1: another origin and another
 * site, so our cookies would not even be sent), both on Servizi in rete; axe on every new page in both languages.
 */
describe('satisfaction votes, in a browser', () => {
  let browser: Browser;
  let opened: Awaited<ReturnType<typeof openAdminApp>>;
  let origin: string;
  let otherSite: Server;
  let otherOrigin: string;

  beforeAll(async () => {
    opened = await openAdminApp({}, ['quality-office']);
    await opened.context.actions.importCards([newCard({ service: newService({ slug: 'anagrafe', name: 'Anagrafe' }), year: 2026 })], PUBLISH_NOW);
    await opened.context.actions.importCards([newCard({ service: newService({ slug: 'tributi', name: 'Tributi' }), year: 2026 })], PUBLISH_NOW);
    await opened.app.listen({ host: '127.0.0.1', port: 0 });
    origin = `http://127.0.0.1:${(opened.app.server.address() as AddressInfo).port}`;
    // The administration's own site, elsewhere, pasting the one tag the back office shows.
    otherSite = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(
        `<!doctype html><html lang="it"><head><meta charset="utf-8"><title>Comune di Esempio</title></head><body><main><h1>Tributi</h1>` +
          `<iframe src="${origin}/widget/soddisfazione/tributi?canale=sportello" title="Giudizio sul servizio Tributi (Mettiamoci la faccia)" width="100%" height="640"></iframe>` +
          `</main></body></html>`,
      );
    });
    await new Promise<void>((resolve) => otherSite.listen(0, '127.0.0.1', resolve));
    otherOrigin = `http://localhost:${(otherSite.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => otherSite?.close(resolve));
    await opened?.close();
  });

  it('votes from the service page, confirms, is thanked, and the vote shows on Servizi in rete', async () => {
    const page = await openPage(browser);
    try {
      await page.goto(`${origin}/servizi/anagrafe`);
      const box = page.locator('#soddisfazione');
      expect(await box.getByRole('group', { name: 'Come giudica il servizio?' }).count()).toBe(1);
      await expectNoAxeViolation(page);
      await chooseFace(box, 'Insoddisfatto');
      await box.getByLabel('Canale che ha usato').selectOption('web');
      await box.getByLabel('Motivo (facoltativo)').fill('Il modulo online non si salvava');
      await box.getByRole('button', { name: 'Continua' }).click();

      expect(await page.locator('h1').textContent()).toBe('Il suo giudizio sul servizio Anagrafe');
      expect(await page.getByRole('radio', { name: 'Insoddisfatto', exact: true }).isChecked()).toBe(true);
      expect(await page.getByLabel('Motivo (facoltativo)').inputValue()).toBe('Il modulo online non si salvava');
      await expectNoAxeViolation(page);
      await page.getByRole('button', { name: 'Invia il giudizio' }).click();

      expect(await page.locator('h1').textContent()).toBe('Grazie per il suo giudizio');
      expect(await page.getByRole('status').textContent()).toContain('Il suo giudizio è stato registrato');
      await expectNoAxeViolation(page);

      await page.getByRole('link', { name: 'Vedi i risultati in «Servizi in rete»' }).click();
      const table = page.locator('#soddisfazione-anagrafe-tabella');
      expect((await table.textContent())?.replace(/\s+/g, ' ')).toContain('Sito web0011');
      expect(await page.content()).not.toContain('non si salvava');
      await expectNoAxeViolation(page);
    } finally {
      await page.context().close();
    }
  }, 60_000);

  it('votes inside the widget framed by another site, without any cookie of ours', async () => {
    const page = await openPage(browser);
    try {
      await page.goto(otherOrigin);
      const frame = page.frameLocator('iframe');
      await frame.getByRole('heading', { name: 'Giudica il servizio Tributi' }).waitFor();
      expect(await frame.getByLabel('Canale che ha usato').inputValue()).toBe('sportello');
      await chooseFace(frame, 'Soddisfatto');
      await frame.getByRole('button', { name: 'Invia il giudizio' }).click();
      expect(await frame.getByRole('status').textContent()).toContain('Il suo giudizio è stato registrato');
      expect(await page.context().cookies(origin)).toEqual([]);

      await page.goto(`${origin}${ONLINE}`);
      expect((await page.locator('#soddisfazione-tributi-tabella').textContent())?.replace(/\s+/g, ' ')).toContain('Sportello1001100%');
    } finally {
      await page.context().close();
    }
  }, 60_000);

  it('in Italian and English, the widget, its thanks, the form\'s page, Servizi in rete and the back office have no axe violation', async () => {
    const page = await openPage(browser);
    try {
      for (const prefix of ['', '/en']) {
        await page.goto(`${origin}${prefix}/widget/soddisfazione/anagrafe?canale=web`);
        await expectNoAxeViolation(page);
        await page.goto(`${origin}${prefix}/widget/soddisfazione/anagrafe/grazie?esito=repeat&canale=web`);
        await expectNoAxeViolation(page);
        await page.goto(`${origin}${prefix}/servizi/tributi/soddisfazione`);
        await expectNoAxeViolation(page);
        await page.goto(`${origin}${prefix}/servizi/tributi`);
        await expectNoAxeViolation(page);
        await page.goto(`${origin}${prefix}${ONLINE}`);
        await expectNoAxeViolation(page);
        await page.goto(`${origin}${prefix}/opendata`);
        expect(await page.locator('#dataset-soddisfazione').count()).toBe(1);
        await expectNoAxeViolation(page);
      }
      // A refused vote (the same client, the same day, channel and service: a repeat, said politely; a bad reason: 422).
      await page.goto(`${origin}/en/servizi/anagrafe/soddisfazione`);
      await chooseFace(page, 'Neither satisfied nor dissatisfied');
      await page.getByLabel('Channel you used').selectOption('web');
      await page.getByRole('button', { name: 'Send your vote' }).click();
      expect(await page.getByRole('status').textContent()).toContain('you had already voted on this service and channel today');
      await expectNoAxeViolation(page);

      await signInInBrowser(page, origin, 'quality-office@test.misura.invalid');
      for (const prefix of ['', '/en']) {
        await page.goto(`${origin}${prefix}/admin/soddisfazione`);
        expect(await page.locator('#satisfaction-reasons').textContent()).toContain('Il modulo online non si salvava');
        await expectNoAxeViolation(page);
      }
    } finally {
      await page.context().close();
    }
  }, 180_000);
});
