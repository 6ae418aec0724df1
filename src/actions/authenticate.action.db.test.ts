import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.ts';
import { verifyAuditLog } from './verify-audit-log.action.ts';
import { addAccount } from './add-account.action.ts';
import { authenticate, endSession, resolveSession } from './authenticate.action.ts';
import { changeAccount } from './change-account.action.ts';

const PASSWORD = 'a long enough password';
const ACTOR = { kind: 'cli', name: 'root' } as const;

describeEachDialect('sign-in and sessions', (ctx) => {
  it('shares sessions between two instances on one database, and ends them on disable', async () => {
    const url = await ctx.freshUrl();
    const first = await ctx.open(url);
    const second = await ctx.open(url);
    const now = () => new Date('2026-12-04T09:00:00Z');
    await addAccount({ database: first, now }, ACTOR, { email: 'Anna@Comune.example', role: 'data-steward', password: PASSWORD });

    // Signed in on one instance, known on the other.
    const opened = await authenticate({ database: first, now }, { provider: 'local', email: 'anna@comune.example', password: PASSWORD });
    expect(opened?.account.email).toBe('anna@comune.example');
    const resolved = await resolveSession({ database: second, now }, opened!.token);
    expect(resolved?.actor).toEqual({ kind: 'user', userId: opened!.account.id, email: 'anna@comune.example', role: 'data-steward' });
    expect(await authenticate({ database: second, now }, { provider: 'local', email: 'anna@comune.example', password: 'wrong password!!' })).toBeNull();

    // Signed out on the second: gone on the first.
    await endSession({ database: second }, opened!.token);
    expect(await resolveSession({ database: first, now }, opened!.token)).toBeNull();

    // Disabled: the open session ends and no new one opens.
    const again = await authenticate({ database: first, now }, { provider: 'local', email: 'anna@comune.example', password: PASSWORD });
    await changeAccount({ database: second, now }, ACTOR, 'anna@comune.example', { kind: 'disable' });
    expect(await resolveSession({ database: first, now }, again!.token)).toBeNull();
    expect(await authenticate({ database: first, now }, { provider: 'local', email: 'anna@comune.example', password: PASSWORD })).toBeNull();

    expect(await verifyAuditLog({ database: first })).toMatchObject({ ok: true, rows: 2 });
  });
});
