import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/dialects.ts';
import { findActiveApiTokenByHash, insertApiToken, listApiTokens, revokeApiToken, touchApiToken } from './api-token.repository.ts';

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

describeEachDialect('api token repository', (ctx) => {
  it('stores tokens by hash, finds active ones, records their use and revokes them once', async () => {
    const { db } = await ctx.openFresh();
    const first = await insertApiToken(db, { source: 'probe', tokenHash: HASH_A, label: 'portal probe', createdAt: '2026-03-01T10:00:00.000Z' });
    const second = await insertApiToken(db, { source: 'contact-centre', tokenHash: HASH_B, label: null, createdAt: '2026-03-02T10:00:00.000Z' });
    expect(first).toEqual({ id: first.id, source: 'probe', label: 'portal probe', createdAt: '2026-03-01T10:00:00.000Z', lastUsedAt: null, revokedAt: null });
    expect(second.id).toBeGreaterThan(first.id);

    expect((await findActiveApiTokenByHash(db, HASH_A))?.source).toBe('probe');
    expect(await findActiveApiTokenByHash(db, 'c'.repeat(64))).toBeUndefined();

    await touchApiToken(db, first.id, '2026-03-03T08:00:00.000Z');
    expect(await revokeApiToken(db, first.id, '2026-03-04T08:00:00.000Z')).toBe('revoked');
    expect(await revokeApiToken(db, first.id, '2026-03-05T08:00:00.000Z')).toBe('already-revoked');
    expect(await revokeApiToken(db, 9999, '2026-03-05T08:00:00.000Z')).toBe('unknown');
    expect(await findActiveApiTokenByHash(db, HASH_A)).toBeUndefined();

    expect(await listApiTokens(db)).toEqual([
      { id: first.id, source: 'probe', label: 'portal probe', createdAt: '2026-03-01T10:00:00.000Z', lastUsedAt: '2026-03-03T08:00:00.000Z', revokedAt: '2026-03-04T08:00:00.000Z' },
      { id: second.id, source: 'contact-centre', label: null, createdAt: '2026-03-02T10:00:00.000Z', lastUsedAt: null, revokedAt: null },
    ]);
  });

  it('refuses a second token with the same hash', async () => {
    const { db } = await ctx.openFresh();
    await insertApiToken(db, { source: 'probe', tokenHash: HASH_A, label: null, createdAt: '2026-03-01T10:00:00.000Z' });
    await expect(insertApiToken(db, { source: 'other', tokenHash: HASH_A, label: null, createdAt: '2026-03-01T10:00:00.000Z' })).rejects.toThrow();
  });
});
