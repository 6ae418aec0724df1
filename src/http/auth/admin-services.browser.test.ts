import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage } from '../../../test/browser.ts';
import { newCard, newService, PUBLISH_NOW } from '../../../test/factories.ts';
import { expectNoAxeViolation, serveInBrowser, signInInBrowser } from './admin-browser.test-kit.ts';
import { openAdminApp } from './admin.test-kit.ts';

const OFFICE = 'quality-office@test.misura.invalid';

/** The service's profile edited in a real Chromium over a real port: errors beside their fields, then saved and public. */
describe('the services of the back office, in a browser', () => {
  const rig = serveInBrowser(async () => {
    const opened = await openAdminApp({}, ['quality-office']);
    const service = newService({ slug: 'anagrafe', name: 'Anagrafe', office: 'Servizi demografici' });
    await opened.context.actions.importCards([newCard({ service, year: 2026 })], PUBLISH_NOW);
    return opened;
  });

  const signIn = (page: Page, prefix = '') => signInInBrowser(page, rig.origin, OFFICE, prefix);

  it('edits a service: the refused form shows each error beside its field, the saved one reaches the public page', async () => {
    const page = await openPage(rig.browser);
    try {
      await signIn(page);
      await page.getByRole('link', { name: 'Servizi: recapiti, diffida, reclami e indennizzi' }).click();
      expect(await page.locator('h1').textContent()).toBe('Servizi');
      await expectNoAxeViolation(page);
      await page.getByRole('link', { name: 'Modifica il servizio Anagrafe' }).click();
      expect(await page.locator('h1').textContent()).toBe('Modifica il servizio: Anagrafe');
      expect(await page.locator('#profile-office-card').textContent()).toBe('Nella carta: Servizi demografici');
      await expectNoAxeViolation(page);

      await page.getByLabel('Indirizzo PEC per la diffida').fill('protocollo at pec');
      await page.getByLabel('Come e dove presentare un reclamo').fill('Con il modulo online o allo sportello URP');
      await page.getByLabel('Tempo di risposta ai reclami (giorni)').fill('30');
      await page.getByLabel('Importo dell’indennizzo (euro)').fill('25,505');
      await page.getByRole('button', { name: 'Salva' }).click();
      const pec = page.getByLabel('Indirizzo PEC per la diffida');
      expect(await pec.getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#profile-diffidaPec-error').textContent()).toContain('non è un indirizzo e-mail o PEC valido');
      expect(await page.locator('#profile-indemnityAmount-error').textContent()).toContain('importo in euro');
      // What was typed is still there, the right fields too.
      expect(await page.getByLabel('Come e dove presentare un reclamo').inputValue()).toBe('Con il modulo online o allo sportello URP');
      await expectNoAxeViolation(page);

      await pec.fill('protocollo@pec.comune.example.it');
      await page.getByLabel('Importo dell’indennizzo (euro)').fill('25,50');
      await page.getByRole('button', { name: 'Salva' }).click();
      expect(new URL(page.url()).pathname).toBe('/admin/servizi');
      expect(await page.getByRole('status').first().textContent()).toBe('Servizio «Anagrafe» salvato.');

      await page.goto(`${rig.origin}/servizi/anagrafe`);
      const complaints = page.locator('#complaints');
      expect(await complaints.textContent()).toContain('Con il modulo online o allo sportello URP');
      expect(await complaints.textContent()).toContain('€ 25,50');
      expect(await page.locator('#diffida-pec a').getAttribute('href')).toBe('mailto:protocollo@pec.comune.example.it');
      await expectNoAxeViolation(page);
    } finally {
      await page.context().close();
    }
  });

  it('in English, shows the refused form with its errors, and the page stays accessible', async () => {
    const page = await openPage(rig.browser);
    try {
      await signIn(page, '/en');
      await page.goto(`${rig.origin}/en/admin/servizi/modifica?servizio=anagrafe`);
      expect(await page.locator('h1').textContent()).toBe('Edit the service: Anagrafe');
      await expectNoAxeViolation(page);
      await page.getByLabel('Web page of the service').fill('www.comune.example.it');
      await page.getByRole('button', { name: 'Save' }).click();
      expect(await page.locator('#profile-webAddress-error').textContent()).toContain('not a valid web address');
      await expectNoAxeViolation(page);
      await page.goto(`${rig.origin}/en/servizi/anagrafe`);
      expect(await page.locator('#complaints').textContent()).toContain('within 30 days');
      await expectNoAxeViolation(page);
    } finally {
      await page.context().close();
    }
  });
});
