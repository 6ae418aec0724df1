import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { describeAxeViolations, launchChromium } from '../../../test/browser.ts';
import { TEST_PASSWORD } from './admin.test-kit.ts';

/** Signs in through the back office's form in a real browser, in Italian or (prefix "/en") English. */
export async function signInInBrowser(page: Page, origin: string, email: string, prefix = ''): Promise<void> {
  await page.goto(`${origin}${prefix}/admin/login`);
  await page.getByLabel(prefix === '' ? 'Indirizzo email' : 'Email address').fill(email);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: prefix === '' ? 'Accedi' : 'Sign in' }).click();
}

/** Fails with axe's own list when the page has any WCAG 2.1 AA violation. */
export async function expectNoAxeViolation(page: Page): Promise<void> {
  const violations = await describeAxeViolations(page);
  expect(violations, `axe violations on ${page.url()}:\n${violations}`).toBe('');
}

/** An app on a real port and a real Chromium, for the tests of one describe block. */
export interface BrowserRig<App> {
  readonly browser: Browser;
  readonly opened: App;
  /** "http://127.0.0.1:<port>". */
  readonly origin: string;
}

/**
 * Opens the app `open` returns (seeded as the block needs) on a free port and launches Chromium before the block's
 * tests, and closes both after them. Call it inside `describe`; read the rig's fields inside tests.
 */
export function serveInBrowser<App extends { app: FastifyInstance; close(): Promise<void> }>(open: () => Promise<App>): BrowserRig<App> {
  let browser: Browser | undefined;
  let opened: App | undefined;
  let origin: string | undefined;
  beforeAll(async () => {
    opened = await open();
    await opened.app.listen({ host: '127.0.0.1', port: 0 });
    origin = `http://127.0.0.1:${(opened.app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await opened?.close();
  });
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the browser rig's ${what} is read before its beforeAll ran`);
    return value;
  };
  return {
    get browser() {
      return ready(browser, 'browser');
    },
    get opened() {
      return ready(opened, 'app');
    },
    get origin() {
      return ready(origin, 'origin');
    },
  };
}
