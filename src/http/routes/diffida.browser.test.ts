import { describe, expect, it } from 'vitest';
import { openPage } from '../../../test/browser.ts';
import { expectNoAxeViolation, serveInBrowser, signInInBrowser } from '../auth/admin-browser.test-kit.ts';
import { openDiffidaApp } from './diffida.test-kit.ts';

/** Send a diffida → receipt → the back-office queue with its deadline → outcome, in a real Chromium, mails at a test SMTP server. */
describe('the diffida in a browser', () => {
  const rig = serveInBrowser(async () => {
    const opened = await openDiffidaApp();
    return opened;
  });

  it('is sent from an indicator page without JavaScript, confirmed, receipted, queued with its deadline, and answered; the claimant gets each mail', async () => {
    const context = await rig.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    try {
      await page.goto(`${rig.origin}/servizi/anagrafe/indicatori/tempestivita`);
      await page.getByLabel('Fatti (obbligatorio)').fill('Il certificato richiesto il 2 novembre è arrivato dopo 40 giorni.');
      await page.getByLabel('Nome e cognome (obbligatorio)').fill('Maria Rossi');
      await page.getByLabel('E-mail per le comunicazioni (obbligatorio)').fill('maria.rossi@example.org');
      // Bootstrap Italia draws the box over the input with its label: ticked from the keyboard, as many do.
      await page.getByLabel(/Acconsento al trattamento/).focus();
      await page.keyboard.press('Space');
      await page.getByRole('button', { name: 'Continua' }).click();

      expect(await page.locator('h1').textContent()).toBe('Diffida per il servizio Anagrafe');
      expect(await page.getByLabel('Standard non rispettato').inputValue()).toBe('tempestivita');
      expect(await page.getByLabel('Nome e cognome (obbligatorio)').inputValue()).toBe('Maria Rossi');
      await page.getByRole('button', { name: 'Invia la diffida' }).click();

      expect(await page.locator('h1').textContent()).toBe('Diffida D-2026-0001 registrata');
      const receipt = await page.locator('#diffida-receipt').textContent();
      for (const text of ['D-2026-0001', 'demografici@pec.comune.example', '4 marzo 2027', 'dal 5 marzo 2027 al 4 marzo 2028']) expect(receipt).toContain(text);
      const [mail] = await rig.opened.smtp.waitFor(2);
      expect([mail?.to, mail?.subject]).toEqual([['maria.rossi@example.org'], 'Diffida D-2026-0001 ricevuta — Anagrafe']);
    } finally {
      await context.close();
    }

    // axe runs in the page: the pages the citizen saw, again with JavaScript on.
    const office = await openPage(rig.browser);
    office.setDefaultTimeout(15_000);
    try {
      for (const path of ['/servizi/anagrafe', '/servizi/anagrafe/indicatori/tempestivita', '/servizi/anagrafe/diffida?indicatore=tempestivita', '/servizi/anagrafe/diffida/ricevuta?numero=D-2026-0001']) {
        await office.goto(`${rig.origin}${path}`);
        await expectNoAxeViolation(office);
      }
      await signInInBrowser(office, rig.origin, 'quality-office@test.misura.invalid');
      await office.getByRole('link', { name: 'Diffide: scadenze ed esiti' }).click();
      const row = office.locator('#diffide tbody tr', { hasText: 'D-2026-0001' });
      expect(await row.textContent()).toContain('4 marzo 2027');
      expect(await row.locator('td').nth(3).textContent()).toBe('90');
      await expectNoAxeViolation(office);
      await office.getByRole('link', { name: 'D-2026-0001' }).first().click();
      await expectNoAxeViolation(office);
      await office.getByLabel('Passo').selectOption('outcome');
      await office.getByLabel('Esito', { exact: true }).selectOption('remedied');
      await office.getByLabel('Misure adottate').fill('Un operatore in più allo sportello.');
      await office.getByRole('button', { name: 'Registra' }).click();
      expect(await office.getByRole('status').first().textContent()).toContain('Passo registrato');
      expect(await office.locator('#diffida-card').textContent()).toContain('accolta: cause rimosse');
      await expectNoAxeViolation(office);
      const mails = await rig.opened.smtp.waitFor(3);
      expect(mails.at(-1)?.subject).toBe('Diffida D-2026-0001: esito registrato');
    } finally {
      await office.context().close();
    }
  }, 120_000);

  it('in English: the form, a refusal, the receipt and the queue with an overdue diffida have no axe violation', async () => {
    const page = await openPage(rig.browser);
    page.setDefaultTimeout(15_000);
    try {
      await page.goto(`${rig.origin}/en/servizi/anagrafe/diffida`);
      await expectNoAxeViolation(page);
      await page.getByLabel('Facts (required)').fill('Forty days for a certificate.');
      await page.getByLabel('Name and surname (required)').fill('John Smith');
      await page.getByLabel('E-mail for replies (required)').fill('john@example.org');
      await page.getByRole('button', { name: 'Send the diffida' }).click();
      expect(await page.getByRole('alert').textContent()).toContain('Consent to the processing of personal data is needed');
      await expectNoAxeViolation(page);
      await page.getByLabel(/I consent to the processing/).focus();
      await page.keyboard.press('Space');
      await page.getByRole('button', { name: 'Send the diffida' }).click();
      expect(await page.locator('h1').textContent()).toMatch(/^Diffida D-2026-\d{4} registered$/);
      await expectNoAxeViolation(page);

      rig.opened.clock.now = new Date('2027-03-10T09:00:00Z');
      await signInInBrowser(page, rig.origin, 'oiv@test.misura.invalid', '/en');
      await page.goto(`${rig.origin}/en/admin/diffide`);
      expect(await page.locator('#diffide tr.diffida-overdue').count()).toBeGreaterThan(0);
      expect(await page.locator('#diffide').textContent()).toContain('Overdue');
      await expectNoAxeViolation(page);
    } finally {
      rig.opened.clock.now = new Date('2026-12-04T09:00:00Z');
      await page.context().close();
    }
  }, 120_000);
});
