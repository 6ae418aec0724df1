import { describe, expect, it } from 'vitest';
import { FUZZ_FORMATS, fuzzBases, mutate, randomFrom, readDamaged } from './card-fuzz.test-kit.ts';

// A short run for every test run: a few hundred damaged files in all; bench/fuzz-cards.bench.ts runs a thousand per format.
const CASES: Record<(typeof FUZZ_FORMATS)[number], number> = { text: 60, csv: 50, markdown: 50, html: 50, docx: 40, xlsx: 30, odt: 40, ods: 30, pdf: 12 };
const bases = await fuzzBases();

describe('the importer on damaged files', () => {
  // A reader that fails on the undamaged file would make every damaged one a refusal, and the run prove nothing.
  it.each(FUZZ_FORMATS)('reads the undamaged %s file the damaged ones come from', async (format) => {
    expect(await readDamaged(bases[format], `base.${format}`)).toEqual({ kind: 'cards', count: 1 });
  });

  it.each(FUZZ_FORMATS)('answers every damaged %s file with cards or a UserError naming the file', async (format) => {
    const random = randomFrom(20_260_000 + FUZZ_FORMATS.indexOf(format));
    const crashes: string[] = [];
    for (let n = 0; n < CASES[format]; n++) {
      const { how, bytes } = mutate(bases[format], random);
      const outcome = await readDamaged(bytes, `case-${n}.${format}`);
      if (outcome.kind === 'crash') crashes.push(`case ${n} (${how}): ${outcome.error instanceof Error ? (outcome.error.stack ?? outcome.error.message) : String(outcome.error)}`);
    }
    expect(crashes).toEqual([]);
  });
});
