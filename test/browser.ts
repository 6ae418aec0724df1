import { PUBLISH_NOW } from './factories.ts';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { buildDemo } from '../src/actions/build-demo.action.ts';
import { checkDatabase } from '../src/actions/check-database.action.ts';
import { getReport } from '../src/actions/get-report.action.ts';
import { importCards } from '../src/actions/import-cards.action.ts';
import { listCards } from '../src/actions/list-cards.action.ts';
import { listOrganisations } from '../src/actions/list-organisations.action.ts';
import { listServices } from '../src/actions/list-services.action.ts';
import { SEED_DIR } from '../src/cli/demo.command.ts';
import { readCardText } from '../src/formats/card-text.importer.ts';
import { buildApp, type AppOptions } from '../src/http/app.ts';
import type { SiteActions } from '../src/http/site-actions.ts';
import { openDatabase } from '../src/storage/database.ts';

/**
 * Browser-test kit: one Debian Chromium per test file (never a downloaded browser) and the public site on a real
 * 127.0.0.1 port over a fresh SQLite database filled through the real actions.
 */

/** Debian's package; scripts/provision-test-tools.mjs installs it when missing. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The WCAG 2.1 A and AA rule sets; none is disabled, no region excluded. */
export const WCAG_21_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Starts the system's Chromium headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** The site as the tests reach it. */
export interface SiteUnderTest {
  /** "http://127.0.0.1:<port>". */
  origin: string;
  /** The year the pages call "this year" (the pinned clock's). */
  year: number;
  /** Real service slugs, in listing order. */
  serviceSlugs: string[];
  /** True when measured values were ingested (pages show charts and statuses); false when cards only. */
  measured: boolean;
  /** An absolute URL for a site path. */
  url(path: string): string;
  close(): Promise<void>;
}

export interface StartSiteOptions {
  /** The pinned clock; the pages' "this year" is its year. */
  now: Date;
  /**
   * Measured values: the demo (seed cards, seeds/measures.yaml and a generated stretch of events, through the real
   * actions) from January 1st of `now`'s year to the day before `now`. Without it, the seed cards only.
   */
  demo?: { seed: number };
  /** The administration's settings (MISURA_PA_*, privacy); none by default. */
  administration?: AppOptions['administration'];
}

/**
 * Fills a fresh SQLite database in a temp folder with the seed cards (and the demo's measured values when asked)
 * and serves the site on a free 127.0.0.1 port.
 */
export async function startSeedSite(options: StartSiteOptions): Promise<SiteUnderTest> {
  const folder = mkdtempSync(join(tmpdir(), 'misura-browser-'));
  const database = await openDatabase(join(folder, 'misura.db'));
  try {
    const now = () => options.now;
    const year = options.now.getUTCFullYear();
    if (options.demo === undefined) {
      const files = readdirSync(SEED_DIR).filter((f) => f.endsWith('.txt')).sort();
      await importCards({ database }, files.map((file) => readCardText(readFileSync(join(SEED_DIR, file), 'utf8'), { file })), PUBLISH_NOW);
    } else {
      const lastDate = new Date(options.now.getTime() - 86_400_000).toISOString().slice(0, 10);
      if (!lastDate.startsWith(String(year))) throw new Error(`the demo needs a clock after January 1st, got ${options.now.toISOString()}`);
      await buildDemo({ database, now }, { seed: options.demo.seed, year, lastDate, seedDir: SEED_DIR });
    }
    const measured = options.demo !== undefined;
    const deps = { database, now };
    const actions: SiteActions = {
      listOrganisations: () => listOrganisations(deps),
      listServices: () => listServices(deps),
      listCards: (filter) => listCards(deps, filter),
      getReport: (query) => getReport(deps, query),
      checkDatabase: () => checkDatabase(deps),
    };
    const serviceSlugs = (await actions.listServices()).map((s) => s.service.slug);
    const app = buildApp(actions, { logger: false, now, rateLimitPerMinute: false, ...(options.administration === undefined ? {} : { administration: options.administration }) });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    return {
      origin,
      year,
      serviceSlugs,
      measured,
      url: (path) => new URL(path, origin).toString(),
      close: async () => {
        await app.close();
        await database.close();
        rmSync(folder, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await database.close();
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}

/** Registers beforeAll/afterAll for a file: one Chromium and one site, shared by its tests. */
export function useBrowserAndSite(options: StartSiteOptions): { browser(): Browser; site(): SiteUnderTest } {
  let browser: Browser | undefined;
  let site: SiteUnderTest | undefined;
  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), startSeedSite(options)]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), site?.close()]);
  });
  return {
    browser: () => browser ?? fail('Chromium is not running'),
    site: () => site ?? fail('the site is not running'),
  };
}

/**
 * A page in its own browser context (axe needs one; pages of a file stay isolated), 1280 wide, Italian locale,
 * reduced motion so scrolling and transitions finish at once.
 */
export async function openPage(browser: Browser, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'it-IT', reducedMotion: 'reduce' });
  return context.newPage();
}

function fail(message: string): never {
  throw new Error(message);
}

/** Runs axe with the WCAG 2.1 A/AA rules on the loaded page; returns the violations as readable lines ("" when none). */
export async function describeAxeViolations(page: Page): Promise<string> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA_TAGS).setLegacyMode(true).analyze();
  return results.violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    ${n.target.join(' ')}${n.failureSummary === undefined ? '' : ` — ${n.failureSummary.replace(/\s+/g, ' ')}`}`);
      return [`  ${v.id} (${v.impact ?? 'no impact'}): ${v.help}`, ...nodes].join('\n');
    })
    .join('\n');
}

/** What the keyboard focus is on, for step-by-step assertions. */
export interface FocusedElement {
  tag: string;
  text: string;
  href: string | null;
  /** Rendered with a size, not hidden, and inside the viewport after the browser scrolled it into view. */
  visible: boolean;
  /** Something shows where the focus is: an outline, a box shadow or a changed background. */
  focusIndicated: boolean;
}

/**
 * The few DOM shapes the in-page functions use. The project compiles without the DOM library (server code must not
 * see `document`), so in-page code reaches the browser's globals through `globalThis as unknown as PageGlobals`.
 */
export interface PageElement {
  tagName: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { top: number; right: number; bottom: number; left: number; width: number; height: number };
  compareDocumentPosition(other: PageElement): number;
  closest(selector: string): PageElement | null;
}
export interface PageGlobals {
  document: {
    activeElement: PageElement | null;
    body: PageElement | null;
    documentElement: PageElement & { scrollWidth: number };
    querySelector(selector: string): PageElement | null;
    fonts: { ready: Promise<unknown>; check(font: string): boolean };
  };
  innerWidth: number;
  innerHeight: number;
  getComputedStyle(element: PageElement): { visibility: string; display: string; opacity: string; outlineStyle: string; outlineWidth: string; boxShadow: string };
}

/** Node.compareDocumentPosition bits. */
export const DOCUMENT_POSITION_PRECEDING = 2;
export const DOCUMENT_POSITION_FOLLOWING = 4;

/** Describes document.activeElement (null when nothing but the body has the focus). */
export function focusedElement(page: Page): Promise<FocusedElement | null> {
  return page.evaluate(() => {
    const window = globalThis as unknown as PageGlobals;
    const { document, innerWidth, innerHeight } = window;
    const el = document.activeElement;
    if (el === null || el === document.body) return null;
    const rect = el.getBoundingClientRect();
    const style = window.getComputedStyle(el);
    const visible =
      rect.width > 1 && rect.height > 1 && style.visibility !== 'hidden' && style.display !== 'none' && Number(style.opacity) > 0 &&
      rect.bottom > 0 && rect.right > 0 && rect.top < innerHeight && rect.left < innerWidth;
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none';
    return {
      tag: el.tagName.toLowerCase(),
      text: (el.textContent ?? '').replace(/\s+/g, ' ').trim(),
      href: el.getAttribute('href'),
      visible,
      focusIndicated: outline || shadow,
    };
  });
}

/** Where the focused element sits relative to the first element matching `selector`: before, inside, after, or none. */
export function focusRelativeTo(page: Page, selector: string): Promise<'before' | 'inside' | 'after' | 'none'> {
  return page.evaluate(
    ({ selector, preceding, following }) => {
      const { document } = globalThis as unknown as PageGlobals;
      const anchor = document.querySelector(selector);
      const focused = document.activeElement;
      if (anchor === null || focused === null || focused === document.body) return 'none';
      if (focused.closest(selector) === anchor) return 'inside';
      const position = anchor.compareDocumentPosition(focused);
      if ((position & following) !== 0) return 'after';
      return (position & preceding) !== 0 ? 'before' : 'none';
    },
    { selector, preceding: DOCUMENT_POSITION_PRECEDING, following: DOCUMENT_POSITION_FOLLOWING },
  );
}
