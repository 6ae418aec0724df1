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
});
