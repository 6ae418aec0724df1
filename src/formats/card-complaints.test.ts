import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ComplaintTerms } from '../domain/services/service-profile.ts';
import { writeCardDocx } from './card-docx.writer.ts';
import { readCardFile } from './card-file.importer.ts';
import { complaintLines, stampCardLayout } from './card-layout.ts';
import { writeCardPdf } from './card-pdf.writer.ts';
import { readCardText } from './card-text.importer.ts';
import { pdfText } from './pdf-text.test-kit.ts';

const NAME = '000_c79bcda3436e61a9.txt';
const seed = readCardText(readFileSync(new URL(`../../seeds/${NAME}`, import.meta.url), 'utf8'), { file: NAME });
const NOW = new Date('2026-12-04T10:30:00Z');
const TERMS: ComplaintTerms = {
  how: 'Modulo online sul portale\no PEC a protocollo@pec.example.it',
  responseDays: 30,
  indemnity: { amountCents: 2550, conditions: 'Se la risposta arriva oltre i 30 giorni' },
};

describe('complaints and indemnity in a card document', () => {
  it('are written as paragraphs: how, response time, amount and conditions', () => {
    expect(complaintLines(TERMS)).toEqual([
      'Reclami e indennizzi',
      'Come e dove presentare un reclamo: Modulo online sul portale o PEC a protocollo@pec.example.it',
      'Tempo di risposta ai reclami: entro 30 giorni',
      'Indennizzo: € 25,50; condizioni: Se la risposta arriva oltre i 30 giorni',
    ]);
  });

  it('say "Indennizzo non previsto" when no indemnity is stated', () => {
    expect(complaintLines({ how: null, responseDays: null, indemnity: null })).toEqual(['Reclami e indennizzi', 'Indennizzo non previsto.']);
  });

  it('come before the act in the DOCX, which still imports back to the same indicators', async () => {
    const bytes = await writeCardDocx(stampCardLayout({ ...seed, act: 'Delibera n. 1', complaints: TERMS }, NOW));
    const { cards } = await readCardFile(bytes, { file: 'carta.docx' });
    const back = cards[0]!;
    expect(back.card.indicators.map((i) => i.description)).toEqual(seed.card.indicators.map((i) => i.description));
    // The card's notes come back first; the closing paragraphs follow as one more note.
    expect(back.card.notes.slice(0, seed.card.notes.length)).toEqual(seed.card.notes);
    const tail = back.card.notes.slice(seed.card.notes.length).join('; ');
    expect(tail).toContain([...complaintLines(TERMS), 'Atto di adozione: Delibera n. 1'].join('; '));
  });

  it('are in the PDF\'s text, and in what its hash covers', async () => {
    const layout = stampCardLayout({ ...seed, complaints: TERMS }, NOW);
    const { text } = await pdfText(await writeCardPdf(layout));
    const flat = text.replace(/\s+/g, '');
    for (const line of complaintLines(TERMS)) expect(flat).toContain(line.replace(/\s+/g, ''));
    expect(layout.stamp?.sha256).not.toBe(stampCardLayout(seed, NOW).stamp?.sha256);
  });
});
