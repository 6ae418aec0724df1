import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage } from '../../../test/browser.ts';
import { newCard, newService, PUBLISH_NOW } from '../../../test/factories.ts';
import { expectNoAxeViolation, serveInBrowser, signInInBrowser } from './admin-browser.test-kit.ts';
import { openAdminApp } from './admin.test-kit.ts';

const OFFICE = 'quality-office@test.misura.invalid';
const PAGE = '/amministrazione-trasparente/servizi-erogati/costi-contabilizzati';

/** Costs recorded in a real Chromium over a real port, then read on the public page; axe on every page, both languages. */
describe('costi contabilizzati, in a browser', () => {
  const rig = serveInBrowser(async () => {
    const opened = await openAdminApp({}, ['quality-office']);
    await opened.context.actions.importCards([newCard({ service: newService({ slug: 'anagrafe', name: 'Anagrafe' }), year: 2026 })], PUBLISH_NOW);
    return opened;
  });

  const signIn = (page: Page, prefix = '') => signInInBrowser(page, rig.origin, OFFICE, prefix);

  it('records a year: the refused form shows each error beside its field, the saved year reaches the public page', async () => {
    const page = await openPage(rig.browser);
    try {
      await signIn(page);
      await page.getByRole('link', { name: 'Costi contabilizzati dei servizi' }).click();
      expect(await page.locator('h1').textContent()).toBe('Costi contabilizzati');
      await expectNoAxeViolation(page);

      await page.getByLabel('Servizio').selectOption('anagrafe');
      await page.getByLabel('Anno').fill('2025');
      await page.getByLabel('Costi effettivamente sostenuti (euro)').fill('1.250.000,50');
      await page.getByLabel('Costi imputati al personale (euro)').fill('trecentomila');
      await page.getByRole('button', { name: 'Salva i costi' }).click();
      const staff = page.getByLabel('Costi imputati al personale (euro)');
      expect(await staff.getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#cost-staff-error').textContent()).toContain('non è un importo in euro');
      expect(await page.getByLabel('Costi effettivamente sostenuti (euro)').inputValue()).toBe('1.250.000,50');
      await expectNoAxeViolation(page);

      await staff.fill('€ 300.000');
      await page.getByLabel('Fonte dei dati (facoltativa)').fill('controllo di gestione');
      await page.getByRole('button', { name: 'Salva i costi' }).click();
      expect(await page.getByRole('status').first().textContent()).toBe('Costi 2025 del servizio «Anagrafe» salvati.');
      await expectNoAxeViolation(page);

      await page.goto(`${rig.origin}${PAGE}`);
      expect(await page.locator('h1').textContent()).toBe('Costi contabilizzati');
      expect((await page.locator('#costi-anagrafe-tabella').textContent())?.replace(/\s/g, ' ')).toContain('1.550.000,50 €');
      expect(await page.getByRole('img', { name: /Grafico dei costi contabilizzati per anno del servizio Anagrafe/ }).count()).toBe(1);
      await expectNoAxeViolation(page);
      await page.getByRole('link', { name: 'Scarica i costi di tutti i servizi (CSV, dati aperti)' }).waitFor();
      await page.goto(`${rig.origin}/opendata`);
      expect(await page.locator('#dataset-costi').textContent()).toContain('Costi contabilizzati dei servizi');
      await expectNoAxeViolation(page);
    } finally {
      await page.context().close();
    }
  });

  it('in English, the back-office page and the public page stay accessible', async () => {
    const page = await openPage(rig.browser);
    try {
      await signIn(page, '/en');
      await page.goto(`${rig.origin}/en/admin/costi?servizio=anagrafe&anno=2025`);
      expect(await page.getByLabel('Costs actually incurred (euro)').inputValue()).toBe('1250000,50');
      await expectNoAxeViolation(page);
      await page.getByLabel('Year').fill('1999');
      await page.getByRole('button', { name: 'Save the costs' }).click();
      expect(await page.locator('#cost-year-error').textContent()).toContain('give a year from 2001');
      await expectNoAxeViolation(page);
      await page.goto(`${rig.origin}/en${PAGE}`);
      expect(await page.locator('#costi-anagrafe-tabella').textContent()).toContain('€1,550,000.50');
      await expectNoAxeViolation(page);
    } finally {
      await page.context().close();
    }
  });
});
