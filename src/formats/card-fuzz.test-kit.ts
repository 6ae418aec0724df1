import { readFileSync } from 'node:fs';
import { UserError } from '../domain/shared/errors.ts';
import { buildCsv, buildDocx, buildHtml, buildMarkdown, buildOds, buildOdt, buildPdf, buildXlsx, layoutCard } from './card-documents.test-kit.ts';
import { readCardFile } from './card-file.importer.ts';
import { readCardText } from './card-text.importer.ts';

// Damaged card files for the importer: a seed card in each format, then cut short, with bytes flipped, inserted,
// removed or repeated, by a seeded generator so a failing case can be run again. The importer must answer each one
// with cards or a UserError, never anything else.

/** A small, fast, seeded generator (mulberry32). */
export function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type FuzzFormat = 'text' | 'csv' | 'markdown' | 'html' | 'docx' | 'xlsx' | 'odt' | 'ods' | 'pdf';
export const FUZZ_FORMATS: readonly FuzzFormat[] = ['text', 'csv', 'markdown', 'html', 'docx', 'xlsx', 'odt', 'ods', 'pdf'];

/** Seed card 001 (HTML fragments, a Note column, footnotes) in each format. */
export async function fuzzBases(): Promise<Record<FuzzFormat, Uint8Array>> {
  const name = '001_26d6f6251607aad7.txt';
  const text = readFileSync(new URL(`../../seeds/${name}`, import.meta.url), 'utf8');
  const layout = layoutCard(readCardText(text, { file: name }));
  const encode = (s: string) => new TextEncoder().encode(s);
  return {
    text: encode(text),
    csv: encode(buildCsv(layout)),
    markdown: encode(buildMarkdown(layout)),
    html: encode(buildHtml(layout)),
    docx: await buildDocx(layout),
    xlsx: await buildXlsx(layout),
    odt: await buildOdt(layout),
    ods: await buildOds(layout),
    pdf: await buildPdf(layout),
  };
}

/** One damaged copy of the bytes: what was done to it, for the failure message, and the bytes. */
export function mutate(bytes: Uint8Array, random: () => number): { how: string; bytes: Uint8Array } {
  const at = () => Math.floor(random() * bytes.length);
  const kind = Math.floor(random() * 6);
  switch (kind) {
    case 0: {
      const cut = at();
      return { how: `cut at ${cut}`, bytes: bytes.slice(0, cut) };
    }
    case 1: {
      const out = bytes.slice();
      const flips = 1 + Math.floor(random() * 8);
      for (let i = 0; i < flips; i++) out[at()] = Math.floor(random() * 256);
      return { how: `${flips} bytes changed`, bytes: out };
    }
    case 2: {
      const where = at();
      const length = 1 + Math.floor(random() * 64);
      const noise = Uint8Array.from({ length }, () => Math.floor(random() * 256));
      return { how: `${length} bytes inserted at ${where}`, bytes: concat(bytes.subarray(0, where), noise, bytes.subarray(where)) };
    }
    case 3: {
      const where = at();
      const length = 1 + Math.floor(random() * 512);
      return { how: `${length} bytes removed at ${where}`, bytes: concat(bytes.subarray(0, where), bytes.subarray(where + length)) };
    }
    case 4: {
      const where = at();
      const length = 1 + Math.floor(random() * 512);
      return { how: `${length} bytes repeated at ${where}`, bytes: concat(bytes.subarray(0, where + length), bytes.subarray(where)) };
    }
    default: {
      // A text-level damage: tabs, quotes, pipes and markup where they do not belong.
      const out = bytes.slice();
      const marks = [0x09, 0x22, 0x7c, 0x3c, 0x3e, 0x0a, 0x3b, 0x2c];
      for (let i = 0; i < 16; i++) out[at()] = marks[Math.floor(random() * marks.length)] ?? 0x09;
      return { how: 'separators scattered', bytes: out };
    }
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** What reading one damaged file gave. */
export type FuzzOutcome = { kind: 'cards'; count: number } | { kind: 'refused'; message: string } | { kind: 'crash'; error: unknown };

export async function readDamaged(bytes: Uint8Array, file: string): Promise<FuzzOutcome> {
  try {
    const { cards } = await readCardFile(bytes, { file });
    return { kind: 'cards', count: cards.length };
  } catch (error) {
    if (error instanceof UserError && error.message.startsWith(file)) return { kind: 'refused', message: error.message };
    return { kind: 'crash', error };
  }
}
