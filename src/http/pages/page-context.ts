import type { Messages } from '../i18n/it.ts';
import type { Locale } from '../i18n/locale.ts';

/** What every page needs besides its own data: language, text, where it is, and the site's settings. */
export interface PageContext {
  locale: Locale;
  messages: Messages;
  /** The request path without the locale prefix, query string kept: the language switch links to it. */
  path: string;
  /** The administration's name (or the product's, when there is none or several). */
  siteName: string;
  /** The official accessibility statement on form.agid.gov.it, when configured. */
  accessibilityStatementUrl: string | null;
  /** Where users write about accessibility problems, when configured. */
  contactEmail: string | null;
  /** Results are being brought up to date (after a restart or a bulk ingestion): the layout says so. */
  catchingUp?: boolean;
  /** The administration's logo (MISURA_PA_LOGO), served by the site; the Italian emblem without one. */
  logoUrl?: string | null;
}

/** Data text comes from Italian cards: on English pages it is marked lang="it" for screen readers. */
export function dataLang(ctx: PageContext): 'it' | undefined {
  return ctx.locale === 'it' ? undefined : 'it';
}
