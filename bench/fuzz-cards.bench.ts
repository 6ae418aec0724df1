import { FUZZ_FORMATS, fuzzBases, mutate, randomFrom, readDamaged } from '../src/formats/card-fuzz.test-kit.ts';

/**
 * `npm run bench -- fuzz-cards`: a thousand damaged files per format (seed card 001 as text, CSV, Markdown, HTML, DOCX,
 * XLSX, ODT, ODS and PDF, then cut short, bytes flipped, inserted, removed or repeated), read by the importer. Every
 * one must end in cards or a UserError naming the file; the run fails on the first other outcome and prints how to
 * make it again. Settings: BENCH_FUZZ_CASES (per format, default 1000), BENCH_FUZZ_SEED (default 2026).
 */

const cases = Number(process.env.BENCH_FUZZ_CASES ?? 1000);
const seed = Number(process.env.BENCH_FUZZ_SEED ?? 2026);
const bases = await fuzzBases();
let crashes = 0;
console.log(`${cases} damaged files per format, seed ${seed}`);
console.log('format    cards  refused  crashed  ms/file');
for (const [index, format] of FUZZ_FORMATS.entries()) {
  // The undamaged file must read, or every damaged one is refused for the wrong reason.
  const base = await readDamaged(bases[format], `base.${format}`);
  if (base.kind !== 'cards') {
    crashes += 1;
    console.error(`  ${format}: the undamaged file does not read: ${JSON.stringify(base)}`);
    continue;
  }
  const random = randomFrom(seed * 100 + index);
  const counts = { cards: 0, refused: 0, crash: 0 };
  const started = performance.now();
  for (let n = 0; n < cases; n++) {
    const { how, bytes } = mutate(bases[format], random);
    const outcome = await readDamaged(bytes, `case-${n}.${format}`);
    counts[outcome.kind] += 1;
    if (outcome.kind === 'crash') {
      crashes += 1;
      console.error(`  ${format} case ${n} (${how}; BENCH_FUZZ_SEED=${seed}): ${outcome.error instanceof Error ? (outcome.error.stack ?? outcome.error.message) : String(outcome.error)}`);
    }
  }
  const perFile = (performance.now() - started) / cases;
  console.log(`${format.padEnd(9)} ${String(counts.cards).padStart(5)}  ${String(counts.refused).padStart(7)}  ${String(counts.crash).padStart(7)}  ${perFile.toFixed(1).padStart(7)}`);
}
console.log(crashes === 0 ? 'no crash: every damaged file gave cards or a clear error' : `${crashes} crashes`);
process.exitCode = crashes === 0 ? 0 : 1;
