import { describe, expect, it } from 'vitest';
import { openPage } from '../../../test/browser.ts';
import { newCard, newService, PUBLISH_NOW } from '../../../test/factories.ts';
import { expectNoAxeViolation, serveInBrowser, signInInBrowser } from './admin-browser.test-kit.ts';
import { openAdminApp } from './admin.test-kit.ts';

const PUBLIC_PAGE = '/amministrazione-trasparente/servizi-erogati/class-action';

/** Record a ricorso and its sentence in a real Chromium, refused once for personal data, then read on the public page. */
describe('class action in a browser', () => {
  const rig = serveInBrowser(async () => {
    const opened = await openAdminApp({}, ['quality-office']);
    await opened.context.actions.importCards([newCard({ service: newService({ slug: 'anagrafe', name: 'Anagrafe' }), year: 2026 })], PUBLISH_NOW);
    return opened;
  });

  it('shows the empty public page in both languages without axe violations', async () => {
    const page = await openPage(rig.browser);
    try {
      for (const prefix of ['', '/en']) {
        await page.goto(`${rig.origin}${prefix}${PUBLIC_PAGE}`);
        expect(await page.locator('#class-action-none').textContent()).toContain(prefix === '' ? 'Nessun ricorso per l’efficienza notificato al 4 dicembre 2026' : 'No ricorso per l’efficienza notified as of 4 December 2026');
        await expectNoAxeViolation(page);
      }
    } finally {
      await page.context().close();
    }
  });

  it('records a ricorso, refuses a text with an e-mail address beside its field, adds the sentence, and the public page shows it, in Italian and English', async () => {
    const page = await openPage(rig.browser);
    try {
      await signInInBrowser(page, rig.origin, 'quality-office@test.misura.invalid');
      await page.getByRole('link', { name: /Class action: ricorsi per l’efficienza/ }).click();
      expect(await page.locator('h1').textContent()).toBe('Class action');
      await expectNoAxeViolation(page);

      await page.getByLabel('Servizio (facoltativo)').selectOption('anagrafe');
      await page.getByLabel('Autorità giudiziaria').fill('TAR Lazio');
      await page.getByLabel('Numero di ruolo generale (facoltativo)').fill('RG 1234/2026');
      await page.getByLabel('Data di deposito del ricorso').fill('2026-03-15');
      await page.getByLabel('Oggetto, in una frase').fill('Tempi di rilascio dei certificati anagrafici');
      await page.getByRole('button', { name: 'Registra il ricorso' }).click();
      expect(await page.getByRole('status').first().textContent()).toContain('Ricorso registrato');

      await page.locator('#pubblicazione-caseId').selectOption({ index: 1 });
      await page.getByLabel('Tipo di pubblicazione').selectOption('sentence');
      await page.getByLabel('Data', { exact: true }).fill('2026-11-20');
      await page.getByLabel('Testo pubblicato').fill('Il TAR accoglie il ricorso. Per informazioni: ricorrente@example.org');
      await page.getByRole('button', { name: 'Aggiungi la pubblicazione' }).click();
      const error = page.locator('#pubblicazione-text-error');
      expect(await error.textContent()).toContain('contiene un indirizzo e-mail («ricorrente@example.org»)');
      expect(await page.getByLabel('Testo pubblicato').getAttribute('aria-invalid')).toBe('true');
      await expectNoAxeViolation(page);

      await page.getByLabel('Testo pubblicato').fill('Il TAR accoglie il ricorso.');
      await page.getByRole('button', { name: 'Aggiungi la pubblicazione' }).click();
      expect(await page.getByRole('status').first().textContent()).toContain('Pubblicazione aggiunta');
      await expectNoAxeViolation(page);

      await page.getByRole('link', { name: 'Vedi la pagina pubblica' }).click();
      expect(await page.getByRole('heading', { name: 'Ricorso RG 1234/2026, TAR Lazio' }).count()).toBe(1);
      expect(await page.locator('main').textContent()).toContain('Il TAR accoglie il ricorso.');
      await expectNoAxeViolation(page);
      await page.goto(`${rig.origin}/en${PUBLIC_PAGE}`);
      expect(await page.locator('main').textContent()).toContain('Sentence — 20 November 2026');
      await expectNoAxeViolation(page);
      await page.goto(`${rig.origin}/en/admin/class-action`);
      expect(await page.getByRole('heading', { name: 'Record a ricorso' }).count()).toBe(1);
      await expectNoAxeViolation(page);
    } finally {
      await page.context().close();
    }
  });
});
