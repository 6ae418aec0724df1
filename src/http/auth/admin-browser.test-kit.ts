import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { describeAxeViolations } from '../../../test/browser.ts';
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
