import { PUBLISH_NOW } from '../../../test/factories.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeAxeViolations, openPage } from '../../../test/browser.ts';
import { SEED_DIR } from '../../cli/demo.command.ts';
import { readCardText } from '../../formats/card-text.importer.ts';
import { serveInBrowser } from './admin-browser.test-kit.ts';
import { openAdminApp, TEST_PASSWORD } from './admin.test-kit.ts';

/** The back office in a real Chromium over a real port: sign in, the dashboard lists the seed services, sign out; axe on both pages. */
describe('the back office in a browser', () => {
  const rig = serveInBrowser(async () => {
    const opened = await openAdminApp({}, ['quality-office']);
    const files = readdirSync(SEED_DIR).filter((f) => f.endsWith('.txt')).sort();
    await opened.context.actions.importCards(files.map((file) => readCardText(readFileSync(join(SEED_DIR, file), 'utf8'), { file })), PUBLISH_NOW);
    return opened;
  });

  it.for([
    { lang: 'it', prefix: '', signedInAs: 'Accesso effettuato come', logout: 'Esci', submit: 'Accedi' },
    { lang: 'en', prefix: '/en', signedInAs: 'Signed in as', logout: 'Sign out', submit: 'Sign in' },
  ])('signs in and out ($lang), with no axe violation on the login page and the dashboard', async ({ lang, prefix, signedInAs, logout, submit }) => {
    const page = await openPage(rig.browser);
    try {
      // Anonymous: /admin sends to the sign-in page.
      await page.goto(`${rig.origin}${prefix}/admin`);
      expect(new URL(page.url()).pathname).toBe(`${prefix}/admin/login`);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await describeAxeViolations(page)).toBe('');

      // A wrong password: the uniform error, and the page stays accessible.
      await page.getByLabel(lang === 'it' ? 'Indirizzo email' : 'Email address').fill('quality-office@test.misura.invalid');
      await page.getByLabel('Password').fill('not the password at all');
      await page.getByRole('button', { name: submit }).click();
      expect(await page.locator('#login-error').textContent()).toBe(lang === 'it' ? 'Credenziali non valide.' : 'Invalid credentials.');
      expect(await describeAxeViolations(page)).toBe('');

      await page.getByLabel('Password').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: submit }).click();
      expect(new URL(page.url()).pathname).toBe(prefix === '' ? '/admin' : `${prefix}/admin`);
      expect(await page.locator('main').textContent()).toContain(signedInAs);
      expect(await page.locator('#admin-services li').count()).toBe(4);
      const violations = await describeAxeViolations(page);
      expect(violations, `axe violations on ${page.url()}:\n${violations}`).toBe('');

      await page.getByRole('button', { name: logout }).click();
      expect(new URL(page.url()).pathname).toBe(`${prefix}/admin/login`);
      await page.goto(`${rig.origin}${prefix}/admin`);
      expect(new URL(page.url()).pathname).toBe(`${prefix}/admin/login`);
    } finally {
      await page.context().close();
    }
  });
});
