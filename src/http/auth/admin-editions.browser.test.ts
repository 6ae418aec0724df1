import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage } from '../../../test/browser.ts';
import { expectNoAxeViolation, serveInBrowser, signInInBrowser } from './admin-browser.test-kit.ts';
import { SEED_DIR } from '../../cli/demo.command.ts';
import type { ImportedCard } from '../../domain/cards/imported-card.ts';
import { readCardText } from '../../formats/card-text.importer.ts';
import { openAdminApp } from './admin.test-kit.ts';

const SEED = '002_36860386eee61ce2.txt';

/** The yearly cycle of a card in a real Chromium: approve and publish a draft, refuse a worse next year until justified, read the public diff. */
describe('editions in the back office, in a browser', () => {
  let seed: ImportedCard;

  const rig = serveInBrowser(async () => {
    const opened = await openAdminApp({}, ['quality-office', 'oiv']);
    seed = readCardText(readFileSync(join(SEED_DIR, SEED), 'utf8'), { file: SEED });
    // The draft, as `misura import` (or the upload) leaves it.
    await opened.context.actions.importCards([seed], { actor: { kind: 'cli', name: 'test' } });
    return opened;
  });

  const signIn = (page: Page, email: string, prefix = '') => signInInBrowser(page, rig.origin, email, prefix);

  it('approves and publishes the draft, then refuses a worse next year until it is justified; the public diff shows why', async () => {
    const slug = seed.card.service.slug;
    const year = seed.card.year!;
    const page = await openPage(rig.browser);
    try {
      await signIn(page, 'quality-office@test.misura.invalid');
      await page.getByRole('link', { name: 'Edizioni delle carte: approvazione e pubblicazione' }).click();
      await expectNoAxeViolation(page);
      await page.getByLabel('Atto di adozione (tipo, numero e data)').fill('Decreto direttoriale n. 5 del 10/01/2020');
      await page.getByRole('button', { name: 'Approva' }).click();
      expect(await page.getByRole('status').first().textContent()).toContain('Edizione approvata.');
      await page.getByRole('button', { name: `Pubblica l’edizione ${year}` }).click();
      expect(await page.getByRole('status').first().textContent()).toContain('Edizione pubblicata.');
      await expectNoAxeViolation(page);

      // Next year: started from the form, then its new text (one target worse) imported as the quality office would.
      await page.getByLabel('Anno').fill(String(year + 1));
      await page.getByRole('button', { name: /Avvia la bozza/ }).click();
      expect(await page.getByRole('status').first().textContent()).toContain('Nuova edizione avviata');
      const [first, ...rest] = seed.card.indicators;
      const worse = { ...first!, target: { ...first!.target, text: '50%', value: 50 } };
      await rig.opened.context.actions.importCards([{ ...seed, card: { ...seed.card, year: year + 1, indicators: [worse, ...rest] } }], { actor: { kind: 'cli', name: 'test' } });

      await page.reload();
      const next = page.locator('section', { has: page.getByRole('heading', { name: new RegExp(`Edizione ${year + 1}: bozza`) }) });
      await next.getByLabel('Atto di adozione (tipo, numero e data)').fill('Decreto direttoriale n. 9 del 10/01/2021');
      await next.getByRole('button', { name: 'Approva' }).click();
      expect(await page.locator('#edition-refused').textContent()).toContain(`${first!.slug}: "${first!.target.text}" → "50%"`);
      await expectNoAxeViolation(page);
      // What was typed is kept; the reason goes in the box the rule asks for.
      const refused = page.locator('section', { has: page.getByRole('heading', { name: new RegExp(`Edizione ${year + 1}: bozza`) }) });
      expect(await refused.getByLabel('Atto di adozione (tipo, numero e data)').inputValue()).toBe('Decreto direttoriale n. 9 del 10/01/2021');
      await refused.getByLabel(`Motivazione per ${first!.slug}`).fill('Migrazione del portale a una nuova piattaforma');
      await refused.getByRole('button', { name: 'Approva' }).click();
      expect(await page.getByRole('status').first().textContent()).toContain('Edizione approvata.');
      await page.getByRole('button', { name: `Pubblica l’edizione ${year + 1}` }).click();

      await page.goto(`${rig.origin}/servizi/${slug}`);
      await page.getByRole('link', { name: `Cosa cambia rispetto all’edizione ${year}` }).click();
      expect(new URL(page.url()).pathname).toBe(`/servizi/${slug}/${year + 1}/confronto`);
      const main = await page.locator('main').textContent();
      expect(main).toContain('standard peggiorato');
      expect(main).toContain('Migrazione del portale a una nuova piattaforma');
      await expectNoAxeViolation(page);
    } finally {
      await page.context().close();
    }
  });

  it('shows the OIV the editions in English with no form to change them, and the audit log, with no axe violation', async () => {
    const page = await openPage(rig.browser);
    try {
      await signIn(page, 'oiv@test.misura.invalid', '/en');
      await page.goto(`${rig.origin}/en/admin/edizioni`);
      expect(await page.locator('h1').textContent()).toBe('Editions of the charters');
      expect(await page.locator('main form').count()).toBe(0);
      await expectNoAxeViolation(page);
      await page.goto(`${rig.origin}/en/admin`);
      await page.getByRole('link', { name: 'Log of changes (audit)' }).click();
      expect(await page.locator('#audit-chain').textContent()).toMatch(/^The chain holds: \d+ rows verified\.$/);
      expect(await page.locator('#audit-rows tbody tr').count()).toBeGreaterThan(3);
      await expectNoAxeViolation(page);
      await page.goto(`${rig.origin}/en/admin/flussi`);
      expect(await page.locator('h1').textContent()).toBe('Data feeds and tokens');
      await expectNoAxeViolation(page);
    } finally {
      await page.context().close();
    }
  });
});
