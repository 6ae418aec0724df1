import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/dialects.ts';
import { listSources, recordSourceActivity } from './source.repository.ts';

describeEachDialect('source repository', (ctx) => {
  it('creates sources, keeps the latest instants and adds new events to the count', async () => {
    const { db } = await ctx.openFresh();
    await recordSourceActivity(db, [
      { name: 'probe', latestEventAt: '2026-03-02T10:00:00.000Z', receivedAt: '2026-03-02T10:01:00.000Z', newEvents: 5 },
      { name: 'cc', latestEventAt: '2026-03-01T10:00:00.000Z', receivedAt: '2026-03-02T10:01:00.000Z', newEvents: 1 },
    ]);
    // A late batch of old events: the last event time stays, the arrival time moves.
    await recordSourceActivity(db, [{ name: 'probe', latestEventAt: '2026-02-01T10:00:00.000Z', receivedAt: '2026-03-03T08:00:00.000Z', newEvents: 2 }]);
    expect(await listSources(db)).toEqual([
      { name: 'cc', lastEventAt: '2026-03-01T10:00:00.000Z', lastReceivedAt: '2026-03-02T10:01:00.000Z', eventCount: 1 },
      { name: 'probe', lastEventAt: '2026-03-02T10:00:00.000Z', lastReceivedAt: '2026-03-03T08:00:00.000Z', eventCount: 7 },
    ]);
    await recordSourceActivity(db, []);
    expect(await listSources(db)).toHaveLength(2);
  });

  it('adds up every count and creates a new source once when several connections record at the same time', async () => {
    const url = await ctx.freshUrl();
    const connections = [];
    for (let index = 0; index < 4; index += 1) connections.push(await ctx.open(url));
    const rounds = 25;
    // Every connection sends the same new source and one of its own, round after round, all at once.
    await Promise.all(
      connections.map(async ({ db }, index) => {
        for (let round = 0; round < rounds; round += 1) {
          const at = new Date(Date.UTC(2026, 2, 1, index, round)).toISOString();
          await recordSourceActivity(db, [
            { name: 'shared', latestEventAt: at, receivedAt: at, newEvents: 3 },
            { name: `own-${index}`, latestEventAt: at, receivedAt: at, newEvents: 1 },
          ]);
        }
      }),
    );
    const sources = await listSources(connections[0]!.db);
    expect(sources.map(({ name, eventCount }) => ({ name, eventCount }))).toEqual([
      ...connections.map((_, index) => ({ name: `own-${index}`, eventCount: rounds })),
      { name: 'shared', eventCount: 3 * rounds * connections.length },
    ]);
    // The latest instant any of them sent, whatever order the writes landed in.
    const latest = new Date(Date.UTC(2026, 2, 1, connections.length - 1, rounds - 1)).toISOString();
    expect(sources.find((source) => source.name === 'shared')).toMatchObject({ lastEventAt: latest, lastReceivedAt: latest });
  });
});
