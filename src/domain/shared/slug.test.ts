import { describe, expect, it } from 'vitest';
import { slugify } from './slug.ts';

describe('slugify', () => {
  it.each([
    ['Accessibilità', 'accessibilita'],
    ["Tempestività di acquisizione dell'informazione", 'tempestivita-di-acquisizione-dell-informazione'],
    ['  CENTRO DI CONTATTO ', 'centro-di-contatto'],
    ['***', 'x'],
    ["Servizi Lavoro portale per l'accesso unico ai servizi digitali del Ministero", 'servizi-lavoro-portale-per-l-accesso-unico-ai-servizi'],
    ['a'.repeat(80), 'a'.repeat(60)],
  ])('turns %j into %j', (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });
});
