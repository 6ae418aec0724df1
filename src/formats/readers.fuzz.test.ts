import { describe, expect, it } from 'vitest';
import { READER_TARGETS, runFuzzTarget } from './fuzz.test-kit.ts';

/** A fixed seed, so every run tries the same cases; `npm run bench -- fuzz-events` tries many more, from any seed. */
const SEED = 20_261_203;
const CASES: Record<string, number> = { ndjson: 250, csv: 150, xlsx: 20, card: 100 };

describe('the readers, fed hostile input, only ever give events or errors that say where', () => {
  it.each(READER_TARGETS.map((target) => [target.name, target] as const))('%s', async (name, target) => {
    const failures = await runFuzzTarget(target, SEED, CASES[name] ?? 100);
    expect(failures).toEqual([]);
  });
});
