import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createDialectContext } from '../../test/dialects.ts';
import { UserError } from '../domain/shared/errors.ts';
import { API_TOKEN_PREFIX, createApiToken, hashApiToken } from './create-api-token.action.ts';
import { listApiTokens } from './list-api-tokens.action.ts';
import { listAuditLog } from './list-audit-log.action.ts';
import { revokeApiToken } from './revoke-api-token.action.ts';
import { verifyApiToken } from './verify-api-token.action.ts';

describe('API tokens', () => {
  const ctx = createDialectContext('sqlite');
  afterEach(() => ctx.cleanup());
  afterAll(() => ctx.dispose());

  it('records who made and who revoked a token in the audit log, never the token nor its hash', async () => {
    const database = await ctx.openFresh();
    const steward = { kind: 'user', userId: 3, email: 'dati@comune.example', role: 'data-steward' } as const;
    const created = await createApiToken({ database }, { source: 'probe:portal', actor: steward });
    await revokeApiToken({ database }, created.id, steward);
    await revokeApiToken({ database }, created.id, steward);
    const records = await listAuditLog({ database });
    expect(records.map((r) => [r.actor, r.action, r.entityKey])).toEqual([
      ['user:dati@comune.example', 'token.create', String(created.id)],
      ['user:dati@comune.example', 'token.revoke', String(created.id)],
    ]);
    const text = JSON.stringify(records);
    expect(text).not.toContain(created.token);
    expect(text).not.toContain(hashApiToken(created.token));
  });

  it('creates a random token per source, verifies it, and refuses it once revoked', async () => {
    const database = await ctx.openFresh();
    let now = new Date('2026-03-10T11:00:00Z');
    const deps = { database, now: () => now };
    const created = await createApiToken(deps, { source: ' probe:portal ', label: 'portal probe' });
    const other = await createApiToken(deps, { source: 'contact-centre' });
    expect(created.token).toMatch(new RegExp(`^${API_TOKEN_PREFIX}[A-Za-z0-9_-]{43}$`));
    expect(other.token).not.toBe(created.token);
    expect(created).toMatchObject({ source: 'probe:portal', label: 'portal probe', createdAt: '2026-03-10T11:00:00.000Z' });

    expect(await verifyApiToken(deps, created.token)).toEqual({ id: created.id, source: 'probe:portal', label: 'portal probe' });
    expect(await verifyApiToken(deps, `${created.token}x`)).toBeNull();
    expect(await verifyApiToken(deps, '')).toBeNull();
    expect(await verifyApiToken(deps, 'x'.repeat(10_000))).toBeNull();

    // Neither the token nor its hash is ever listed; the last use is recorded.
    const listed = await listApiTokens(deps);
    expect(JSON.stringify(listed)).not.toContain(created.token);
    expect(JSON.stringify(listed)).not.toContain(hashApiToken(created.token));
    expect(listed.map((t) => [t.source, t.lastUsedAt, t.revokedAt])).toEqual([
      ['probe:portal', '2026-03-10T11:00:00.000Z', null],
      ['contact-centre', null, null],
    ]);

    now = new Date('2026-03-11T09:00:00Z');
    expect(await revokeApiToken(deps, created.id)).toEqual({ id: created.id, alreadyRevoked: false });
    expect(await revokeApiToken(deps, created.id)).toEqual({ id: created.id, alreadyRevoked: true });
    expect(await verifyApiToken(deps, created.token)).toBeNull();
    expect((await verifyApiToken(deps, other.token))?.source).toBe('contact-centre');
    expect((await listApiTokens(deps))[0]?.revokedAt).toBe('2026-03-11T09:00:00.000Z');
  });

  it('records the last use at most once a minute', async () => {
    const database = await ctx.openFresh();
    let now = new Date('2026-03-10T11:00:00Z');
    const deps = { database, now: () => now };
    const { token } = await createApiToken(deps, { source: 'probe' });
    await verifyApiToken(deps, token);
    now = new Date('2026-03-10T11:00:30Z');
    await verifyApiToken(deps, token);
    expect((await listApiTokens(deps))[0]?.lastUsedAt).toBe('2026-03-10T11:00:00.000Z');
    now = new Date('2026-03-10T11:01:00Z');
    await verifyApiToken(deps, token);
    expect((await listApiTokens(deps))[0]?.lastUsedAt).toBe('2026-03-10T11:01:00.000Z');
  });

  it.each([
    ['', 'field "source": a token needs the source'],
    ['a\u0007b', 'field "source": contains control characters'],
    ['x'.repeat(501), 'field "source": is 501 characters long'],
  ])('refuses the source %j', async (source, message) => {
    const database = await ctx.openFresh();
    await expect(createApiToken({ database }, { source })).rejects.toThrow(message);
  });

  it.each([
    [0, 'is not a token id'],
    [42, 'no token has id 42'],
  ])('refuses to revoke id %j', async (id, message) => {
    const database = await ctx.openFresh();
    const error = await revokeApiToken({ database }, id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toContain(message);
  });
});
