import { describe, expect, it } from 'vitest';
import { PUBLISH_NOW } from '../../../test/factories.ts';
import { openPage } from '../../../test/browser.ts';
import { KIT_INDICATORS, kitCard, rows } from '../../actions/events.test-kit.ts';
import { expectNoAxeViolation, serveInBrowser, signInInBrowser } from './admin-browser.test-kit.ts';
import { openAdminApp } from './admin.test-kit.ts';

const HAND = KIT_INDICATORS.filter((kit) => kit.slug === 'interventi' || kit.slug === 'operatori');

/** Records a register entry and opens the drill-down down to its day, in a real Chromium, in both languages. */
describe('registers and the evaluation drill-down, in a browser', () => {
  const rig = serveInBrowser(async () => {
    const opened = await openAdminApp({}, ['data-steward', 'oiv']);
    const card = kitCard(2026, HAND);
    await opened.context.actions.importCards([{ organisation: null, card, doubts: [] }], PUBLISH_NOW);
    await opened.context.actions.applyMeasures({ measures: HAND.map((kit) => ({ service: card.service.slug, edition: '2026', indicator: kit.slug, measure: kit.measure })) });
    const entry = { kind: 'register.entry', at: '2026-11-03T12:00:00+01:00', attributes: { register: 'interventi', status: 'planned' } };
    await opened.context.actions.ingestEvents(rows({ ...entry, id: 'INT-1', subject: 'INT-1' }), { mode: 'all-or-nothing' });
    return opened;
  });

  it('lets the data steward record an entry that the drill-down then shows on its day', async () => {
    const page = await openPage(rig.browser);
    try {
      await signInInBrowser(page, rig.origin, 'data-steward@test.misura.invalid');
      await page.getByRole('link', { name: 'Registri e valori rilevati a mano' }).click();
      await expectNoAxeViolation(page);
      const form = page.locator('form', { hasText: 'Numero della voce' });
      await form.getByLabel('Data').fill('2026-11-04');
      await form.getByLabel('Numero della voce (es. INT-7)').fill('INT-2');
      await form.getByLabel('Campo «status»').fill('done');
      await form.getByRole('button', { name: 'Registra la voce' }).click();
      expect(await page.locator('#registers-done').textContent()).toContain('Voce registrata.');
      await expectNoAxeViolation(page);

      await page.locator('section', { hasText: 'Registro «interventi»' }).getByRole('link', { name: 'Valutazione nel dettaglio' }).click();
      expect(await page.locator('#drill-year').textContent()).toContain('50%');
      await expectNoAxeViolation(page);
      // November is folded away: December, the latest month, is open.
      await page.locator('#mese-2026-11 summary').click();
      await page.getByRole('link', { name: '4 novembre 2026', exact: true }).click();
      expect(await page.locator('#day-events').textContent()).toContain('interventi:INT-2');
      await expectNoAxeViolation(page);
      // The same session in English: the forms too.
      await page.goto(`${rig.origin}/en/admin/registri`);
      expect(await page.getByRole('button', { name: 'Record the entry' }).count()).toBe(2);
      await expectNoAxeViolation(page);
    } finally {
      await page.context().close();
    }
  }, 120_000);

  it('shows the OIV the same pages in English without a form, accessible', async () => {
    const page = await openPage(rig.browser);
    try {
      await signInInBrowser(page, rig.origin, 'oiv@test.misura.invalid', '/en');
      await page.getByRole('link', { name: 'Registers and values recorded by hand' }).click();
      expect(await page.locator('form[action="/en/admin/registri/aggiungi"]').count()).toBe(0);
      await expectNoAxeViolation(page);
      await page.goto(`${rig.origin}/en/admin`);
      await page.locator('#dashboard-indicators').getByRole('link').first().click();
      expect(await page.title()).toContain('Evaluation:');
      await expectNoAxeViolation(page);
      await page.locator('#mese-2026-11 summary').click();
      await page.getByRole('link', { name: '3 November 2026', exact: true }).click();
      expect(await page.locator('#giorno-heading').textContent()).toBe('Events of 3 November 2026');
      await expectNoAxeViolation(page);
    } finally {
      await page.context().close();
    }
  }, 120_000);
});
