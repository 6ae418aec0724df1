import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/dialects.ts';
import { findAccountByEmail, findAccountById, insertAccount, listAccounts, updateAccount } from './account.repository.ts';
import { deleteAccountSessions, deleteExpiredSessions, deleteSession, findSession, insertSession, touchSession } from './session.repository.ts';

const AT = '2026-12-01T10:00:00.000Z';

describeEachDialect('account and session repositories', (ctx) => {
  it('stores accounts by lower-cased email, refuses a duplicate, updates role, password and disabling', async () => {
    const { db } = await ctx.openFresh();
    const anna = await insertAccount(db, { email: 'anna@comune.example', passwordHash: 'scrypt$x', role: 'quality-office', at: AT });
    await insertAccount(db, { email: 'bruno@comune.example', passwordHash: 'scrypt$y', role: 'oiv', at: AT });
    expect(anna).toEqual({ id: anna.id, email: 'anna@comune.example', role: 'quality-office', disabledAt: null, createdAt: AT, updatedAt: AT });
    await expect(insertAccount(db, { email: 'anna@comune.example', passwordHash: 'z', role: 'admin', at: AT })).rejects.toThrow();
    expect((await findAccountByEmail(db, 'anna@comune.example'))?.passwordHash).toBe('scrypt$x');
    expect(await findAccountByEmail(db, 'nobody@comune.example')).toBeUndefined();

    const later = '2026-12-02T10:00:00.000Z';
    expect(await updateAccount(db, anna.id, { role: 'admin', passwordHash: 'scrypt$new', disabledAt: later, at: later })).toBe(true);
    expect(await updateAccount(db, 99999, { role: 'admin', at: later })).toBe(false);
    expect(await findAccountById(db, anna.id)).toEqual({ ...anna, role: 'admin', disabledAt: later, updatedAt: later });
    expect((await findAccountByEmail(db, 'anna@comune.example'))?.passwordHash).toBe('scrypt$new');
    expect((await listAccounts(db)).map((a) => a.email)).toEqual(['anna@comune.example', 'bruno@comune.example']);
  });

  it('stores sessions, touches, expires and ends them', async () => {
    const { db } = await ctx.openFresh();
    const anna = await insertAccount(db, { email: 'anna@comune.example', passwordHash: 'h', role: 'admin', at: AT });
    const base = { accountId: anna.id, createdAt: AT, expiresAt: '2026-12-01T22:00:00.000Z', lastSeenAt: AT };
    await insertSession(db, { id: 'a'.repeat(64), ...base });
    await insertSession(db, { id: 'b'.repeat(64), ...base });
    await insertSession(db, { id: 'c'.repeat(64), ...base, expiresAt: '2026-12-01T11:00:00.000Z' });
    await touchSession(db, 'a'.repeat(64), '2026-12-01T12:00:00.000Z');
    expect(await findSession(db, 'a'.repeat(64))).toEqual({ id: 'a'.repeat(64), ...base, lastSeenAt: '2026-12-01T12:00:00.000Z' });
    // At 12:30 with 30 minutes idle allowed: c is past its end, b idle since 10:00; a stays.
    expect(await deleteExpiredSessions(db, '2026-12-01T12:30:00.000Z', '2026-12-01T12:00:00.000Z')).toBe(2);
    expect(await findSession(db, 'b'.repeat(64))).toBeUndefined();
    await insertSession(db, { id: 'd'.repeat(64), ...base });
    await deleteSession(db, 'd'.repeat(64));
    expect(await findSession(db, 'd'.repeat(64))).toBeUndefined();
    expect(await deleteAccountSessions(db, anna.id)).toBe(1);
    expect(await findSession(db, 'a'.repeat(64))).toBeUndefined();
  });
});
