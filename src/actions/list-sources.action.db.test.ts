import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.ts';
import { rows } from './events.test-kit.ts';
import { ingestEvents } from './ingest-events.action.ts';
import { listSources } from './list-sources.action.ts';

describeEachDialect('listing sources', (ctx) => {
  it('shows each source with its last event and the seconds since, so a silent feed stands out', async () => {
    const database = await ctx.openFresh();
    const sent = new Date('2026-03-10T12:00:00Z');
    await ingestEvents(
      { database, now: () => sent },
      rows(
        { id: '1', source: 'probe', kind: 'check.http', at: '2026-03-10T11:59:00Z' },
        { id: '2', source: 'contact-centre', kind: 'call.received', at: '2026-03-08T12:00:00Z' },
        { id: '3', source: 'contact-centre', kind: 'call.received', at: '2026-03-07T12:00:00Z' },
      ),
      { mode: 'all-or-nothing' },
    );
    const listing = await listSources({ database, now: () => new Date('2026-03-10T13:00:00Z') });
    expect(listing).toEqual([
      { name: 'contact-centre', lastEventAt: '2026-03-08T12:00:00.000Z', secondsSinceLastEvent: 2 * 86_400 + 3_600, lastReceivedAt: sent.toISOString(), secondsSinceLastReceived: 3_600, eventCount: 2 },
      { name: 'probe', lastEventAt: '2026-03-10T11:59:00.000Z', secondsSinceLastEvent: 3_660, lastReceivedAt: sent.toISOString(), secondsSinceLastReceived: 3_600, eventCount: 1 },
    ]);
  });

  it('lists nothing before any event arrives', async () => {
    const database = await ctx.openFresh();
    expect(await listSources({ database })).toEqual([]);
  });
});
