import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createDialectContext } from '../../test/dialects.ts';
import { countEvents } from '../storage/repositories/event.repository.ts';
import { listSources } from '../storage/repositories/source.repository.ts';
import { KIT_INDICATORS, row, storeKit, T0 } from './events.test-kit.ts';
import { ingestEvents } from './ingest-events.action.ts';

const ratioOnly = KIT_INDICATORS.filter((kit) => kit.measure.kind === 'ratio');

/** A call of the contact centre; the same content whenever its number is given. */
const call = (line: number, n: number) =>
  row(line, { id: `c${n}`, source: 'cc', kind: 'call.received', at: new Date(Date.UTC(2026, 1, 2, 8) + n * 60_000).toISOString(), attributes: { answered: n % 4 !== 0 } });

// Several connections ingesting at once exist only on PostgreSQL: SQLite takes one writer at a time.
describe('ingesting the same events from several connections at once [postgres]', () => {
  const ctx = createDialectContext('postgres');
  afterEach(() => ctx.cleanup());
  afterAll(() => ctx.dispose());

  it('stores every event once and judges each copy a duplicate, even when another connection stores a key between the look-up and the insert', async () => {
    const url = await ctx.freshUrl();
    const seeded = await ctx.open(url);
    await storeKit(seeded, ratioOnly);
    // One key stored already sends every batch below down the path that reads stored keys before inserting.
    await ingestEvents({ database: seeded, now: () => T0 }, [call(1, 0)], { mode: 'partial' });
    const connections = [];
    for (let index = 0; index < 6; index += 1) connections.push(await ctx.open(url));
    const rounds = 4;
    const perRound = 200;
    const summaries = await Promise.all(
      connections.map(async (database) => {
        const mine = [];
        for (let round = 0; round < rounds; round += 1) {
          // Every connection sends the same new keys of the round, with the stored one first.
          const batch = [call(1, 0), ...Array.from({ length: perRound }, (_, index) => call(index + 2, 1 + round * perRound + index))];
          mine.push(await ingestEvents({ database, now: () => T0 }, batch, { mode: 'partial' }));
        }
        return mine;
      }),
    ).then((all) => all.flat());
    const unique = rounds * perRound;
    expect(summaries.reduce((sum, summary) => sum + summary.accepted, 0)).toBe(unique);
    expect(summaries.reduce((sum, summary) => sum + summary.duplicates, 0)).toBe(connections.length * rounds * (perRound + 1) - unique);
    expect(summaries.every((summary) => summary.corrected === 0 && summary.rejected.length === 0)).toBe(true);
    expect(await countEvents(seeded.db)).toBe(unique + 1);
    expect((await listSources(seeded.db)).map(({ name, eventCount }) => ({ name, eventCount }))).toEqual([{ name: 'cc', eventCount: unique + 1 }]);
  });

  it('stores every event once when two connections send the same new keys in opposite orders at the same moment', async () => {
    const url = await ctx.freshUrl();
    const seeded = await ctx.open(url);
    await storeKit(seeded, ratioOnly);
    const [forward, backward] = [await ctx.open(url), await ctx.open(url)];
    const rounds = 5;
    const perRound = 500;
    for (let round = 0; round < rounds; round += 1) {
      const batch = Array.from({ length: perRound }, (_, index) => call(index + 1, round * perRound + index));
      // Each locks the keys it inserts one after the other: one ends up waiting for a key the other holds, and the
      // other for one the first holds, until PostgreSQL rolls one back; that one runs again and finds every key stored.
      const summaries = await Promise.all([
        ingestEvents({ database: forward, now: () => T0 }, batch, { mode: 'partial' }),
        ingestEvents({ database: backward, now: () => T0 }, [...batch].reverse(), { mode: 'partial' }),
      ]);
      expect(summaries.map(({ accepted, duplicates }) => accepted + duplicates)).toEqual([perRound, perRound]);
      expect(summaries[0].accepted + summaries[1].accepted).toBe(perRound);
    }
    expect(await countEvents(seeded.db)).toBe(rounds * perRound);
    expect((await listSources(seeded.db)).map(({ name, eventCount }) => ({ name, eventCount }))).toEqual([{ name: 'cc', eventCount: rounds * perRound }]);
  });
});
