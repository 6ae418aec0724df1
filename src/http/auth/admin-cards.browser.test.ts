import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage } from '../../../test/browser.ts';
import { expectNoAxeViolation, signInInBrowser } from './admin-browser.test-kit.ts';
import { SEED_DIR } from '../../cli/demo.command.ts';
import { CookieJar, csrfOf, get, openAdminApp, post, signIn as signInJar } from './admin.test-kit.ts';

const SEED = '002_36860386eee61ce2.txt';

/** Upload → review → fix → save → approve, in a real Chromium over a real port, and the editor of a draft. */
describe('card upload and review in the back office, in a browser', () => {
  let browser: Browser;
  let opened: Awaited<ReturnType<typeof openAdminApp>>;
  let origin: string;

  beforeAll(async () => {
    opened = await openAdminApp({}, ['quality-office', 'data-steward']);
    await opened.app.listen({ host: '127.0.0.1', port: 0 });
    origin = `http://127.0.0.1:${(opened.app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await opened?.close();
  });

  const signIn = (page: Page, email: string, prefix = '') => signInInBrowser(page, origin, email, prefix);

  it('uploads seed card 002, shows the doubtful cell beside its input, saves the fix as a draft, approves and publishes it', async () => {
    const page = await openPage(browser);
    try {
      await signIn(page, 'quality-office@test.misura.invalid');
      await page.getByRole('link', { name: /Carica una carta/ }).click();
      await expectNoAxeViolation(page);
      await page.getByLabel('File della carta').setInputFiles(join(SEED_DIR, SEED));
      await page.getByRole('button', { name: 'Leggi il file' }).click();
      expect(await page.locator('h1').textContent()).toBe('Revisione della carta');
      // Nothing is saved while the person reviews.
      expect(await opened.context.actions.listEditions()).toEqual([]);
      const doubt = page.locator('.doubtful-cell', { hasText: 'Esaustività' });
      expect(await doubt.count()).toBe(1);
      const cell = page.locator(`[aria-describedby="${await doubt.getAttribute('id')}"]`);
      expect(await cell.inputValue()).toContain('Esautività');
      await expectNoAxeViolation(page);

      await cell.fill((await cell.inputValue()).replace('Esautività', 'Esaustività'));
      await page.getByRole('button', { name: 'Salva come bozza' }).click();
      expect(new URL(page.url()).pathname).toBe('/admin/edizioni');
      expect(await page.getByRole('status').first().textContent()).toContain('Carta salvata come bozza.');

      // The editor of the draft shows the corrected cell, and no doubt about it any more.
      await page.getByRole('link', { name: 'Modifica la bozza 2016' }).click();
      expect(await page.locator('h1').textContent()).toBe('Modifica della bozza');
      expect(await page.locator('.doubtful-cell', { hasText: 'Esaustività' }).count()).toBe(0);
      await expectNoAxeViolation(page);
      await page.goto(`${origin}/admin/edizioni`);

      await page.getByLabel('Atto di adozione (tipo, numero e data)').fill('Decreto direttoriale n. 2 del 15/01/2016');
      await page.getByRole('button', { name: 'Approva' }).click();
      await page.getByRole('button', { name: 'Pubblica l’edizione 2016' }).click();
      const [card] = await opened.context.actions.listCards();
      expect(card?.lifecycle.status).toBe('published');
      expect(card?.indicators.map((i) => i.description).join(' ')).toContain('Esaustività della prestazione erogata');
    } finally {
      await page.context().close();
    }
  });

  it('in English, refuses a file that is not a card with the reason, and the page stays accessible', async () => {
    const page = await openPage(browser);
    try {
      await signIn(page, 'quality-office@test.misura.invalid', '/en');
      await page.goto(`${origin}/en/admin/carte/carica`);
      await page.getByLabel('Charter file').setInputFiles({ name: 'note.txt', mimeType: 'text/plain', buffer: Buffer.from('Una nota qualsiasi, senza tabella.\n') });
      await page.getByRole('button', { name: 'Read the file' }).click();
      expect(await page.locator('#upload-refused').textContent()).toContain('note.txt');
      await expectNoAxeViolation(page);
    } finally {
      await page.context().close();
    }
  });
});

describe('the card review form', () => {
  it('refuses a form whose cards came back damaged, saying so, and saves nothing', async () => {
    const opened = await openAdminApp({}, ['quality-office']);
    try {
      const { jar } = await signInJar(opened.app, 'quality-office@test.misura.invalid');
      const token = csrfOf((await get(opened.app, jar, '/admin/carte/carica')).body);
      const response = await post(opened.app, jar, '/admin/carte/salva', { _csrf: token, cards: '[{"card":{"service":{}}}]' });
      expect(response.statusCode).toBe(422);
      expect(response.body).toContain('the review form came back damaged');
      expect(await opened.context.actions.listEditions()).toEqual([]);
      const anonymous = await post(opened.app, new CookieJar(), '/admin/carte/salva', { _csrf: token, cards: '[]' });
      expect(anonymous.statusCode).toBe(303);
    } finally {
      await opened.close();
    }
  });
});
