import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeAxeViolations,
  focusedElement,
  focusRelativeTo,
  openPage,
  useBrowserAndSite,
  type FocusedElement,
  type PageGlobals,
} from '../../test/browser.ts';
import { readConfig } from '../config/config.ts';
import { en } from './i18n/en.ts';
import { it as itMessages } from './i18n/it.ts';
import { CARTA_DEI_SERVIZI, CLASS_ACTION, SERVIZI_EROGATI, SERVIZI_IN_RETE } from './pages/transparency-paths.ts';

/** Where the service-page screenshot is kept for people reviewing the site's look. */
const SCREENSHOT = fileURLToPath(new URL('../../docs/screenshots/service-page.png', import.meta.url));

/** The most Tab presses one step of the keyboard walk may take before the test gives up. */
const MAX_TABS = 80;

/**
 * The public site in a real Chromium over a real HTTP port, on the demo built through the real actions: the seed
 * cards, seeds/measures.yaml and generated events from January 1st to March 5th, so pages show values and charts.
 */
describe('the public site in a browser', () => {
  // The privacy notice's settings, so that its page shows the contacts as a production install does.
  const administration = readConfig({
    MISURA_PA_EMAIL: 'urp@comune.example.it',
    MISURA_PA_PEC: 'protocollo@pec.comune.example.it',
    MISURA_PRIVACY_CONTROLLER: 'Comune di Esempio, piazza del Municipio 1',
    MISURA_DPO_EMAIL: 'rpd@comune.example.it',
  }).administration;
  const env = useBrowserAndSite({ now: new Date('2026-03-06T10:00:00Z'), demo: { seed: 1 }, administration });

  interface SitePaths {
    service: string;
    edition: string;
    indicator: string;
  }
  let sitePaths: Promise<SitePaths> | undefined;

  /** Site paths of a service page, an edition page and an indicator page, read once from the service page itself. */
  function discoverPaths(): Promise<SitePaths> {
    sitePaths ??= (async () => {
      const site = env.site();
      const service = `/servizi/${site.serviceSlugs[0]!}`;
      const page = await openPage(env.browser());
      try {
        await page.goto(site.url(service));
        const edition = await page.locator(`main a[href^="${service}/"]:not([href*="/indicatori/"])`).first().getAttribute('href');
        const indicator = await page.locator(`main a[href^="${service}/indicatori/"]`).first().getAttribute('href');
        if (edition === null || !/^\/servizi\/[a-z0-9-]+\/(\d{4}|undated)$/.test(edition)) throw new Error(`no edition link on ${service}: ${edition}`);
        if (indicator === null || !/^\/servizi\/[a-z0-9-]+\/indicatori\/[a-z0-9-]+$/.test(indicator)) throw new Error(`no indicator link on ${service}: ${indicator}`);
        return { service, edition, indicator };
      } finally {
        await page.context().close();
      }
    })();
    return sitePaths;
  }

  describe('meets WCAG 2.1 A and AA (axe, no rule disabled, no region excluded)', () => {
    const pageTypes: [string, (paths: SitePaths) => string][] = [
      ['home', () => '/'],
      ['services list', () => '/servizi'],
      ['transparency index', () => SERVIZI_EROGATI],
      ['carta dei servizi', () => CARTA_DEI_SERVIZI],
      ['class action', () => CLASS_ACTION],
      ['servizi in rete', () => SERVIZI_IN_RETE],
      ['service page', (p) => p.service],
      ['edition page', (p) => p.edition],
      ['indicator page', (p) => p.indicator],
      ['accessibility statement', () => '/dichiarazione-di-accessibilita'],
      ['legal notes', () => '/note-legali'],
      ['privacy notice', () => '/privacy'],
      ['404 page', () => '/pagina-che-non-esiste'],
    ];
    const cases = pageTypes.flatMap(([name, path]) => [
      { name, path, lang: 'it', prefix: '' },
      { name, path, lang: 'en', prefix: '/en' },
    ]);

    // One page for all, one after the other: axe is CPU-bound, and a new browser context costs more than a page.
    let page: Page;
    beforeAll(async () => {
      page = await openPage(env.browser());
    });
    afterAll(() => page.context().close());

    it.for(cases)('the $name ($lang) has none', async ({ name, path, lang, prefix }) => {
      const sitePath = path(await discoverPaths());
      const response = await page.goto(env.site().url(prefix === '' ? sitePath : sitePath === '/' ? prefix : `${prefix}${sitePath}`));
      expect(response?.status()).toBe(name === '404 page' ? 404 : 200);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      if (name === 'indicator page') {
        expect(await page.locator('main svg.chart[role="img"][aria-label]').count(), 'the chart').toBe(1);
        expect(await page.locator('main table caption').count(), 'the data table').toBe(1);
      }
      const violations = await describeAxeViolations(page);
      expect(violations, `axe violations on ${page.url()}:\n${violations}`).toBe('');
    });
  });

  describe('with the keyboard alone', () => {
    /** Presses Tab until `wanted` holds for the focused element, checking that every element on the way is visible. */
    async function tabUntil(
      page: Page,
      what: string,
      wanted: (el: FocusedElement) => boolean | Promise<boolean>,
      key: 'Tab' | 'Shift+Tab' = 'Tab',
    ): Promise<FocusedElement> {
      const seen: string[] = [];
      for (let presses = 1; presses <= MAX_TABS; presses += 1) {
        await page.keyboard.press(key);
        const el = await focusedElement(page);
        expect(el, `focus lost after ${presses} × ${key} on ${page.url()} (seen: ${seen.join(' | ')})`).not.toBeNull();
        seen.push(`${el!.tag} "${el!.text.slice(0, 40)}" ${el!.href ?? ''}`);
        expect(el!.visible, `focused element not visible on ${page.url()}: ${seen.at(-1)}`).toBe(true);
        expect(el!.focusIndicated, `no visible focus indicator on ${page.url()}: ${seen.at(-1)}`).toBe(true);
        if (await wanted(el!)) return el!;
      }
      throw new Error(`${what} not reached with ${MAX_TABS} × ${key} on ${page.url()}; focus went through: ${seen.join(' | ')}`);
    }

    it('goes from the home page to an indicator chart and its table with Tab and Enter', async () => {
      const site = env.site();
      const page = await openPage(env.browser());
      try {
        await page.goto(site.url('/'));

        await page.keyboard.press('Tab');
        const skip = await focusedElement(page);
        expect(skip, 'the first Tab reaches the skip link').toMatchObject({ tag: 'a', href: '#main-content', text: itMessages.skipToContent, visible: true });

        // The skip link works: the next Tab lands in the main content, past the header; then walk to a service.
        await Promise.all([page.waitForURL(/#main-content$/), page.keyboard.press('Enter')]);
        const isService = (el: FocusedElement) => el.tag === 'a' && /^\/servizi\/[a-z0-9-]+$/.test(el.href ?? '');
        const first = await tabUntil(page, 'the main content', () => true);
        expect(await focusRelativeTo(page, 'main'), `the Tab after the skip link focuses ${first.text}`).toBe('inside');
        const service = isService(first) ? first : await tabUntil(page, 'a service link', isService);
        await Promise.all([page.waitForURL(site.url(service.href!)), page.keyboard.press('Enter')]);
        expect(await page.locator('h1').textContent()).toBe(service.text);

        const indicator = await tabUntil(page, 'an indicator link', (el) => el.tag === 'a' && /\/indicatori\/[a-z0-9-]+$/.test(el.href ?? ''));
        await Promise.all([page.waitForURL(site.url(indicator.href!)), page.keyboard.press('Enter')]);
        expect(await page.locator('h1').textContent()).toBe(indicator.text);

        // The chart is an image, not a control: Tab goes past it and its table to the download of the same data.
        const chart = page.locator('main section figure svg.chart[role="img"]');
        const table = page.locator('main section figure + .table-responsive table');
        const download = await tabUntil(
          page,
          'the first control after the chart and its table',
          async () => (await focusRelativeTo(page, 'main figure + .table-responsive')) === 'after',
        );
        expect(download.href, 'the control right after the table downloads its data').toMatch(/\/dati\.csv\?anno=\d{4}$/);
        expect(await chart.count(), 'the indicator page shows one chart').toBe(1);
        expect(await chart.getAttribute('aria-label')).toMatch(/\S/);
        expect(await chart.isVisible()).toBe(true);
        expect(await table.locator('caption').textContent()).toMatch(/\S/);
        expect(await table.locator('tbody tr').count(), 'one row per period').toBeGreaterThan(0);
        expect(await table.isVisible()).toBe(true);

        // And back: Shift+Tab returns to the control before the chart, never stopping inside it.
        await tabUntil(page, 'the control before the chart', () => true, 'Shift+Tab');
        const precedesChart = (await focusRelativeTo(page, 'main figure')) === 'before';
        expect(precedesChart, 'Shift+Tab from the download goes back before the chart, with no stop inside it').toBe(true);
      } finally {
        await page.context().close();
      }
    });
  });

  describe('the language switch', () => {
    it('turns a page from Italian to English and back, keeping a readable address', async () => {
      const site = env.site();
      const { service } = await discoverPaths();
      const page = await openPage(env.browser());
      try {
        await page.goto(site.url(service));
        const italianTitle = await page.locator('h1').textContent();
        expect(await page.getAttribute('html', 'lang')).toBe('it');
        expect(await page.locator('nav.site-nav').getAttribute('aria-label')).toBe(itMessages.mainNavLabel);
        expect(await page.locator('.skiplinks a').first().textContent()).toBe(itMessages.skipToContent);
        expect(await page.locator('#about-heading').textContent()).toBe(itMessages.serviceAbout);

        const toEnglish = page.getByRole('link', { name: `${en.langShort} (${en.langName})` });
        await Promise.all([page.waitForURL(site.url(`/en${service}`)), toEnglish.click()]);
        expect(await page.getAttribute('html', 'lang')).toBe('en');
        expect(await page.locator('nav.site-nav').getAttribute('aria-label')).toBe(en.mainNavLabel);
        expect(await page.locator('.skiplinks a').first().textContent()).toBe(en.skipToContent);
        expect(await page.locator('#about-heading').textContent()).toBe(en.serviceAbout);
        // The service's own name comes from the Italian card: it stays, marked as Italian.
        expect(await page.locator('h1').textContent()).toBe(italianTitle);
        expect(await page.getAttribute('h1', 'lang')).toBe('it');
        expect(new URL(page.url()).pathname).toMatch(/^\/en\/servizi\/[a-z0-9-]+$/);
        expect(new URL(page.url()).search).toBe('');

        const toItalian = page.getByRole('link', { name: `${itMessages.langShort} (${itMessages.langName})` });
        await Promise.all([page.waitForURL(site.url(service)), toItalian.click()]);
        expect(await page.getAttribute('html', 'lang')).toBe('it');
        expect(await page.locator('nav.site-nav').getAttribute('aria-label')).toBe(itMessages.mainNavLabel);
        expect(await page.locator('#about-heading').textContent()).toBe(itMessages.serviceAbout);
        expect(await page.getAttribute('h1', 'lang')).toBeNull();
      } finally {
        await page.context().close();
      }
    });
  });

  describe('the service page as people see it', () => {
    it('is captured full-page at 1280 pixels wide in docs/screenshots/service-page.png', async () => {
      const site = env.site();
      const { service } = await discoverPaths();
      const page = await openPage(env.browser(), { width: 1280, height: 800 });
      try {
        await page.goto(site.url(service));
        const { fontLoaded, scrollWidth } = await page.evaluate(async () => {
          const { document } = globalThis as unknown as PageGlobals;
          await document.fonts.ready;
          return { fontLoaded: document.fonts.check('16px "Titillium Web"'), scrollWidth: document.documentElement.scrollWidth };
        });
        expect(fontLoaded, 'the site font is loaded').toBe(true);
        // Nothing sticks out sideways: a horizontal scrollbar at desktop width means a broken layout.
        expect(scrollWidth).toBeLessThanOrEqual(1280);
        expect(await page.locator('main table.card-table tbody tr').count()).toBeGreaterThan(0);
        if (site.measured) expect(await page.locator('main table.card-table .status:not(.status-no-data)').count()).toBeGreaterThan(0);
        mkdirSync(dirname(SCREENSHOT), { recursive: true });
        const png = await page.screenshot({ path: SCREENSHOT, fullPage: true });
        expect(png.readUInt32BE(16), 'PNG width').toBe(1280);
      } finally {
        await page.context().close();
      }
    });

    it('reflows at 320 pixels wide: nothing but a data table scrolls sideways (WCAG 1.4.10)', async () => {
      const site = env.site();
      const { service, indicator } = await discoverPaths();
      const page = await openPage(env.browser(), { width: 320, height: 640 });
      try {
        for (const path of ['/', service, indicator, `/en${service}`]) {
          await page.goto(site.url(path));
          const overflow = await page.evaluate(() => {
            const { document } = globalThis as unknown as PageGlobals;
            return document.documentElement.scrollWidth;
          });
          expect(overflow, `page width at 320 px on ${path}`).toBeLessThanOrEqual(320);
          // The language switch and the main navigation stay on screen and apart from the brand.
          for (const selector of ['.lang-switch a[hreflang="en"]', '.site-nav a[href$="/servizi"]']) {
            const box = await page.locator(selector).boundingBox();
            expect(box, `${selector} on ${path}`).not.toBeNull();
            expect(box!.x + box!.width, `${selector} inside the screen on ${path}`).toBeLessThanOrEqual(320);
          }
          const brand = await page.locator('.it-header-center-wrapper .it-brand-title').boundingBox();
          const nav = await page.locator('.site-nav').boundingBox();
          expect(nav!.y, `the navigation sits below the brand on ${path}`).toBeGreaterThanOrEqual(brand!.y + brand!.height);
        }
      } finally {
        await page.context().close();
      }
    });
  });
});
