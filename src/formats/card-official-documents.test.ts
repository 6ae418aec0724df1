import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ImportedCard } from '../domain/cards/imported-card.ts';
import { writeCardDocx } from './card-docx.writer.ts';
import { readCardFile } from './card-file.importer.ts';
import { stampCardLayout, type CardLayout } from './card-layout.ts';
import { writeCardOdt } from './card-odt.writer.ts';
import { writeCardPdf } from './card-pdf.writer.ts';
import { readCardText } from './card-text.importer.ts';
import { writeCardXlsx } from './card-xlsx.writer.ts';
import { pdfText } from './pdf-text.test-kit.ts';

const SEEDS = new URL('../../seeds/', import.meta.url);
const NAMES = ['000_c79bcda3436e61a9.txt', '001_26d6f6251607aad7.txt', '002_36860386eee61ce2.txt', '003_c6188123ed35ccee.txt'];
const seeds = NAMES.map((name) => readCardText(readFileSync(new URL(name, SEEDS), 'utf8'), { file: name }));
const NOW = new Date('2026-12-04T10:30:00Z');
const ACT = 'Delibera di Giunta n. 12 del 3 febbraio 2026';

const WRITERS: [string, (layout: CardLayout) => Promise<Uint8Array>][] = [
  ['docx', writeCardDocx],
  ['xlsx', (layout) => writeCardXlsx(layout)],
  ['odt', writeCardOdt],
  ['pdf', (layout) => writeCardPdf(layout)],
];

function indicatorsOf(imported: ImportedCard) {
  return imported.card.indicators.map((i) => ({ dimension: i.dimension, subdimension: i.subdimension, description: i.description, formula: i.formula, target: i.target.text, additional: i.additional }));
}

describe('the official documents of a card', () => {
  it.each(WRITERS.flatMap(([format, write]) => NAMES.map((name, index) => [format, name, index, write] as const)))(
    'the exported %s of %s, with its act and stamp, imports back to the same card',
    async (format, _name, index, write) => {
      const seed = seeds[index]!;
      const bytes = await write(stampCardLayout({ ...seed, act: ACT }, NOW));
      const { cards } = await readCardFile(bytes, { file: `export-${index}.bin` });
      expect(cards).toHaveLength(1);
      const back = cards[0]!;
      expect(indicatorsOf(back)).toEqual(indicatorsOf(seed));
      expect(back.card.year).toBe(seed.card.year);
      expect(back.card.service.name).toBe(seed.card.service.name);
      if (format === 'pdf') {
        // A PDF has no blank line the reader could see: the act and the stamp run on into the last note.
        expect((back.card.ruleText ?? '').startsWith(seed.card.ruleText ?? '')).toBe(true);
        expect(back.card.notes.slice(0, seed.card.notes.length - 1)).toEqual(seed.card.notes.slice(0, -1));
      } else {
        expect(back.card.ruleText).toBe(seed.card.ruleText);
        // The card's own notes come back first, the "(*)" and "(&)" footnotes among them; the act and stamp follow.
        expect(back.card.notes.slice(0, seed.card.notes.length)).toEqual(seed.card.notes);
      }
    },
  );

  it.each(NAMES.map((name, index) => [name, index] as const))('the PDF of %s renders, and its text holds every indicator, the act and the stamp', async (_name, index) => {
    const seed = seeds[index]!;
    const layout = stampCardLayout({ ...seed, act: ACT }, NOW);
    const bytes = await writeCardPdf(layout);
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    const { pages, text } = await pdfText(bytes);
    expect(pages).toBeGreaterThan(0);
    const words = (s: string) => s.replace(/\s+/g, '');
    const flat = words(text);
    for (const indicator of seed.card.indicators) {
      expect(flat).toContain(words(indicator.target.text));
      expect(flat).toContain(words(indicator.description ?? ''));
    }
    expect(flat).toContain(words(`Atto di adozione: ${ACT}`));
    expect(flat).toContain(words('Documento generato da misura il 2026-12-04T10:30:00.000Z'));
    expect(flat).toContain(layout.stamp!.sha256);
    expect(text).toMatch(/Impronta SHA-256: [0-9a-f]{64} — calcolata su i dati della carta/);
  });

  it('stamps the same data with the same hash, and other data with another', () => {
    const seed = seeds[0]!;
    const first = stampCardLayout(seed, NOW).stamp!;
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(stampCardLayout(seed, new Date('2027-01-01T00:00:00Z')).stamp!.sha256).toBe(first.sha256);
    expect(stampCardLayout({ ...seed, act: ACT }, NOW).stamp!.sha256).not.toBe(first.sha256);
  });

  it('marks an additional dimension with (*) in the table and keeps the card notes that explain it', () => {
    const seed = seeds.find((s) => s.card.indicators.some((i) => i.additional && !['accessibilita', 'tempestivita', 'trasparenza', 'efficacia'].includes(i.dimensionKey)));
    expect(seed).toBeDefined();
    const layout = stampCardLayout(seed!, NOW);
    expect(layout.rows.some((row) => row[0]?.text.endsWith(' (*)'))).toBe(true);
    expect(layout.notes.some((note) => note.startsWith('(*)'))).toBe(true);
  });
});

describe('the XLSX of a card', () => {
  it('holds the act and the stamp on a sheet of their own, after the card', async () => {
    const { default: Excel } = await import('exceljs');
    const workbook = new Excel.Workbook();
    await workbook.xlsx.load((await writeCardXlsx(stampCardLayout({ ...seeds[1]!, act: ACT }, NOW))) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Carta dei servizi', 'Atto e impronta']);
    const lines = workbook.getWorksheet('Atto e impronta')!.getColumn(1).values.filter((v): v is string => typeof v === 'string');
    expect(lines[0]).toBe(`Atto di adozione: ${ACT}`);
    expect(lines[1]).toBe('Documento generato da misura il 2026-12-04T10:30:00.000Z (UTC).');
    expect(lines[2]).toMatch(/^Impronta SHA-256: [0-9a-f]{64} — calcolata su /);
  });
});
