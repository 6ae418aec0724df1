import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage } from '../../../test/browser.ts';
import { expectNoAxeViolation, serveInBrowser, signInInBrowser } from './admin-browser.test-kit.ts';
import { newCard, newIndicator, newService } from '../../../test/factories.ts';
import { UNSTATED_DIMENSION } from '../../domain/cards/dimension.ts';
import { SEED_DIR } from '../../cli/demo.command.ts';
import { CookieJar, csrfOf, get, openAdminApp, post, signIn as signInJar } from './admin.test-kit.ts';

const SEED = '002_36860386eee61ce2.txt';

/** Upload → review → fix → save → approve, in a real Chromium over a real port, and the editor of a draft. */
describe('card upload and review in the back office, in a browser', () => {
  const rig = serveInBrowser(async () => {
    const opened = await openAdminApp({}, ['quality-office', 'data-steward']);
    return opened;
  });

  const signIn = (page: Page, email: string, prefix = '') => signInInBrowser(page, rig.origin, email, prefix);

  it('uploads seed card 002, shows the doubtful cell beside its input, saves the fix as a draft, approves and publishes it', async () => {
    const page = await openPage(rig.browser);
    try {
      await signIn(page, 'quality-office@test.misura.invalid');
      await page.getByRole('link', { name: /Carica una carta/ }).click();
      await expectNoAxeViolation(page);
      await page.getByLabel('File della carta').setInputFiles(join(SEED_DIR, SEED));
      await page.getByRole('button', { name: 'Leggi il file' }).click();
      expect(await page.locator('h1').textContent()).toBe('Revisione della carta');
      // Nothing is saved while the person reviews.
      expect(await rig.opened.context.actions.listEditions()).toEqual([]);
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
      await page.goto(`${rig.origin}/admin/edizioni`);

      await page.getByLabel('Atto di adozione (tipo, numero e data)').fill('Decreto direttoriale n. 2 del 15/01/2016');
      await page.getByRole('button', { name: 'Approva' }).click();
      await page.getByRole('button', { name: 'Pubblica l’edizione 2016' }).click();
      const [card] = await rig.opened.context.actions.listCards();
      expect(card?.lifecycle.status).toBe('published');
      expect(card?.indicators.map((i) => i.description).join(' ')).toContain('Esaustività della prestazione erogata');
    } finally {
      await page.context().close();
    }
  });

  it('in English, refuses a file that is not a card with the reason, and the page stays accessible', async () => {
    const page = await openPage(rig.browser);
    try {
      await signIn(page, 'quality-office@test.misura.invalid', '/en');
      await page.goto(`${rig.origin}/en/admin/carte/carica`);
      await page.getByLabel('Charter file').setInputFiles({ name: 'note.txt', mimeType: 'text/plain', buffer: Buffer.from('Una nota qualsiasi, senza tabella.\n') });
      await page.getByRole('button', { name: 'Read the file' }).click();
      expect(await page.locator('#upload-refused').textContent()).toContain('note.txt');
      await expectNoAxeViolation(page);
    } finally {
      await page.context().close();
    }
  });

  it('edits a measure and a note of a draft in the editor, saves, and sees them; the editor, refused or not, stays accessible in both languages', async () => {
    const imported = newCard();
    const service = imported.card.service.slug;
    await rig.opened.context.actions.importCards([imported], { actor: { kind: 'cli', name: 'test' } });
    const page = await openPage(rig.browser);
    try {
      await signIn(page, 'quality-office@test.misura.invalid');
      await page.goto(`${rig.origin}/admin/carte/modifica?service=${service}&edition=2021`);
      const measure = page.locator('#m-1');
      expect(await measure.inputValue()).toMatch(/^# - service: /);
      await expectNoAxeViolation(page);

      // A wrong operator first: refused beside its indicator, the typed text kept.
      const entry = (op: string) => `- service: ${service}\n  edition: "2021"\n  indicator: accessibilita-multicanale-1\n  measure:\n    kind: ratio\n    total:\n      kind: call.received\n    good:\n      - attribute: answered\n        op: "${op}"\n        value: true\n`;
      await measure.fill(entry('~'));
      await page.getByLabel('Note della carta').fill('(*) Dimensione ulteriore.\n\n(&) Mai peggiore dell’anno prima.');
      await page.getByRole('button', { name: 'Salva come bozza' }).click();
      expect(await page.locator('#m-1-refused').textContent()).toMatch(/Misura rifiutata \(campo «measure\.good\[0\]\.op», riga 10\)/);
      expect(await page.locator('#m-1').inputValue()).toBe(entry('~'));
      expect(await page.getByLabel('Note della carta').inputValue()).toContain('Mai peggiore dell’anno prima.');
      expect((await rig.opened.context.actions.exportMeasures()).measures.filter((m) => m.service === service)).toEqual([]);
      await expectNoAxeViolation(page);

      await page.locator('#m-1').fill(entry('='));
      await page.getByRole('button', { name: 'Salva come bozza' }).click();
      expect(new URL(page.url()).pathname).toBe('/admin/edizioni');
      await page.goto(`${rig.origin}/admin/carte/modifica?service=${service}&edition=2021`);
      // Shown back as `measures export` prints it (which writes the operator unquoted).
      expect(await page.locator('#m-1').inputValue()).toBe(entry('=').replace('op: "="', 'op: ='));
      expect(await page.getByLabel('Note della carta').inputValue()).toBe('(*) Dimensione ulteriore.\n\n(&) Mai peggiore dell’anno prima.');
      expect((await rig.opened.context.actions.exportMeasures()).measures.filter((m) => m.service === service).map((m) => m.indicator)).toEqual(['accessibilita-multicanale-1']);

      await page.goto(`${rig.origin}/en/admin/carte/modifica?service=${service}&edition=2021`);
      expect(await page.getByLabel('Charter notes').inputValue()).toContain('(&) Mai peggiore');
      await expectNoAxeViolation(page);
      await page.locator('#m-2').fill('measures: [');
      await page.getByRole('button', { name: 'Save as draft' }).click();
      expect(await page.locator('#m-2-refused').textContent()).toMatch(/Measure refused \(line \d\): not valid YAML/);
      await expectNoAxeViolation(page);
    } finally {
      await page.context().close();
    }
  });

  it('shows a row whose card states no dimension as an empty input with why beside it, accessible; the dimension typed is saved', async () => {
    const imported = newCard({
      service: newService({ name: 'Statistica comunale', slug: 'statistica-comunale' }),
      indicators: [newIndicator({ position: 1, dimension: UNSTATED_DIMENSION.label, dimensionKey: UNSTATED_DIMENSION.key }), newIndicator({ position: 2 })],
    });
    await rig.opened.context.actions.importCards([imported], { actor: { kind: 'cli', name: 'test' } });
    const page = await openPage(rig.browser);
    try {
      await signIn(page, 'quality-office@test.misura.invalid');
      await page.goto(`${rig.origin}/admin/carte/modifica?service=statistica-comunale&edition=2021`);
      const dimension = page.locator('#c0-1-dimension');
      expect(await dimension.inputValue()).toBe('');
      expect(await page.locator(`#${await dimension.getAttribute('aria-describedby')}`).textContent()).toContain('has no dimension');
      await expectNoAxeViolation(page);
      await dimension.fill('Tempestività');
      await page.getByRole('button', { name: 'Salva come bozza' }).click();
      expect(new URL(page.url()).pathname).toBe('/admin/edizioni');
      const [draft] = await rig.opened.context.actions.listCards({ statuses: ['draft'], service: 'statistica-comunale' });
      expect(draft?.indicators.map((i) => i.dimensionKey)).toEqual(['tempestivita', 'accessibilita']);
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
