import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/dialects.ts';
import { newService } from '../../../test/factories.ts';
import { saveOrganisation } from './organisation.repository.ts';
import { countVotes, findDaySalt, findLatestVoteDay, findVoteDaySpan, findOrMakeDaySalt, forgetTokenUsesBefore, insertVoteIfFirst, listVoteReasons, useTokenNonce, type VoteToStore } from './satisfaction.repository.ts';
import { saveService } from './service.repository.ts';

const T1 = '2026-03-02T09:00:00.000Z';

describeEachDialect('satisfaction repository', (ctx) => {
  it('stores one vote per client, service, channel and day, and counts them by service, channel, month and face', async () => {
    const { db } = await ctx.openFresh();
    const org = await saveOrganisation(db, { slug: 'pa', name: 'PA' });
    const id = await saveService(db, org.id, newService({ slug: 'anagrafe' }), T1);
    const vote: VoteToStore = { serviceId: id, channel: 'web', face: 'positive', reason: null, votedAt: T1, votedOn: '2026-03-02', clientKey: 'k1', eventId: 'e1' };
    expect(await insertVoteIfFirst(db, vote)).toBe(true);
    expect(await insertVoteIfFirst(db, { ...vote, face: 'negative', eventId: 'e2' })).toBe(false);
    expect(await insertVoteIfFirst(db, { ...vote, channel: 'sportello', face: 'negative', reason: 'Attesa lunga', eventId: 'e3' })).toBe(true);
    expect(await insertVoteIfFirst(db, { ...vote, votedOn: '2026-04-01', votedAt: '2026-04-01T08:00:00.000Z', eventId: 'e4' })).toBe(true);
    expect(await insertVoteIfFirst(db, { ...vote, clientKey: 'k2', eventId: 'e5' })).toBe(true);

    const rows = await countVotes(db, '2026-01-01', '2026-12-31');
    expect(rows.sort((a, b) => `${a.channel}${a.month}`.localeCompare(`${b.channel}${b.month}`))).toEqual([
      { service: 'anagrafe', channel: 'sportello', month: '2026-03', face: 'negative', count: 1 },
      { service: 'anagrafe', channel: 'web', month: '2026-03', face: 'positive', count: 2 },
      { service: 'anagrafe', channel: 'web', month: '2026-04', face: 'positive', count: 1 },
    ]);
    expect(await countVotes(db, '2025-01-01', '2025-12-31')).toEqual([]);
    expect(await findLatestVoteDay(db)).toBe('2026-04-01');
    expect(await findVoteDaySpan(db)).toEqual({ first: '2026-03-02', last: '2026-04-01' });
    expect(await listVoteReasons(db, '2026-01-01', '2026-12-31', 10)).toEqual([{ service: 'anagrafe', channel: 'sportello', face: 'negative', reason: 'Attesa lunga', votedAt: T1 }]);
  });

  it('keeps the first salt of a day and deletes those older than asked; a nonce is used once', async () => {
    const { db } = await ctx.openFresh();
    expect(await findLatestVoteDay(db)).toBeNull();
    const old = await findOrMakeDaySalt(db, '2026-03-01', () => 'salt-1', '2026-02-28');
    expect(old).toBe('salt-1');
    expect(await findOrMakeDaySalt(db, '2026-03-01', () => 'salt-other', '2026-02-28')).toBe('salt-1');
    expect(await findOrMakeDaySalt(db, '2026-03-03', () => 'salt-3', '2026-03-02')).toBe('salt-3');
    expect(await findDaySalt(db, '2026-03-01')).toBeUndefined();

    expect(await useTokenNonce(db, 'n1', T1)).toBe(true);
    expect(await useTokenNonce(db, 'n1', T1)).toBe(false);
    await forgetTokenUsesBefore(db, '2026-03-03T00:00:00.000Z');
    expect(await useTokenNonce(db, 'n1', T1)).toBe(true);
  });
});
