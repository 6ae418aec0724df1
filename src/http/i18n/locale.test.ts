import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { it as italian } from './it.ts';
import { localePath, splitLocale, type Locale } from './locale.ts';

describe('locale URLs', () => {
  it.each<[string, Locale, string]>([
    ['/', 'it', '/'],
    ['/servizi/x', 'it', '/servizi/x'],
    ['/en', 'en', '/'],
    ['/en/', 'en', '/'],
    ['/en?x=1', 'en', '/?x=1'],
    ['/en/servizi/x?anno=2026', 'en', '/servizi/x?anno=2026'],
    ['/english', 'it', '/english'],
  ])('reads %s as locale %s and path %s', (url, locale, path) => {
    expect(splitLocale(url)).toEqual({ locale, path });
  });

  it.each<[Locale, string, string]>([
    ['it', '/', '/'],
    ['it', '/servizi', '/servizi'],
    ['en', '/', '/en'],
    ['en', '/servizi?anno=2026', '/en/servizi?anno=2026'],
  ])('puts %s path %s at %s', (locale, path, url) => {
    expect(localePath(locale, path)).toBe(url);
  });
});

describe('catalogues', () => {
  it('keeps the legal terms in Italian in English', () => {
    expect(en.transparency).toBe('Amministrazione trasparente');
    expect(en.chartTargetSeries).toBe('Valore programmato');
    expect(en.diffidaTitle).toContain('diffida');
  });

  it('words every status as the law-facing text says', () => {
    expect(Object.values(italian.statuses)).toEqual(['rispettato', 'non rispettato', 'a rischio', 'sotto il valore programmato (ancora recuperabile)', 'dati assenti']);
  });
});
