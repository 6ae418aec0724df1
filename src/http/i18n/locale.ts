import { en } from './en.ts';
import { it, type Messages } from './it.ts';

export type Locale = 'it' | 'en';

/** Italian first: it is the default and has no URL prefix. */
export const LOCALES: readonly Locale[] = ['it', 'en'];

const catalogues: Record<Locale, Messages> = { it, en };

/** The UI text of a locale. */
export function messagesOf(locale: Locale): Messages {
  return catalogues[locale];
}

/** The URL prefix of a locale: none for Italian, "/en" for English. */
export function prefixOf(locale: Locale): string {
  return locale === 'it' ? '' : `/${locale}`;
}

/** A site path ("/servizi/x") in a locale ("/en/servizi/x"); the same page keeps the same path in every language. */
export function localePath(locale: Locale, path: string): string {
  const prefix = prefixOf(locale);
  if (prefix === '') return path;
  return path === '/' ? prefix : `${prefix}${path}`;
}

/** Splits a request URL into its locale and the path without the locale prefix (query string kept). */
export function splitLocale(url: string): { locale: Locale; path: string } {
  for (const locale of LOCALES) {
    const prefix = prefixOf(locale);
    if (prefix === '') continue;
    if (url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`)) {
      const rest = url.slice(prefix.length);
      return { locale, path: rest === '' || rest.startsWith('?') ? `/${rest}` : rest };
    }
  }
  return { locale: 'it', path: url === '' ? '/' : url };
}

/** BCP 47 tag for number and date formatting. */
export function intlTagOf(locale: Locale): string {
  return locale === 'it' ? 'it-IT' : 'en-GB';
}
