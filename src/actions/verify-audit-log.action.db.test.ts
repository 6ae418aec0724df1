import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.ts';
import type { Actor } from '../domain/accounts/actor.ts';
import type { Database } from '../storage/database.ts';
import { appendAuditRecord, readAuditPage } from '../storage/repositories/audit-log.repository.ts';
import { verifyAuditLog } from './verify-audit-log.action.ts';

const anna: Actor = { kind: 'user', userId: 1, email: 'anna@comune.example', role: 'quality-office' };

async function appendChanges(database: Database, count: number, actor: Actor = anna): Promise<void> {
  for (let n = 1; n <= count; n += 1) {
    await database.db.transaction().execute((trx) =>
      appendAuditRecord(trx, actor, { action: 'edition.approve', entityType: 'edition', entityKey: `servizio/${2020 + n}`, before: { status: 'draft' }, after: { status: 'approved', n } }, `2026-12-03T10:00:0${n % 10}.000Z`),
    );
  }
}

describeEachDialect('the audit log', (ctx) => {
  it('verifies an empty log and one of many rows', async () => {
    const database = await ctx.openFresh();
    expect(await verifyAuditLog({ database })).toMatchObject({ ok: true, rows: 0 });
    await appendChanges(database, 7);
    expect(await verifyAuditLog({ database })).toMatchObject({ ok: true, rows: 7 });
  });

  it('keeps who, when, what, before and after, and filters by actor, action prefix and entity', async () => {
    const database = await ctx.openFresh();
    await appendChanges(database, 2);
    await appendChanges(database, 1, { kind: 'cli', name: 'root' });
    const [first] = await readAuditPage(database.db, 0, 10);
    expect(first).toMatchObject({ id: 1, actor: 'user:anna@comune.example', actorKind: 'user', action: 'edition.approve', entityKey: 'servizio/2021', beforeJson: '{"status":"draft"}', afterJson: '{"n":1,"status":"approved"}' });
    expect((await readAuditPage(database.db, 0, 10, { actor: 'cli:' })).map((r) => r.id)).toEqual([3]);
    expect((await readAuditPage(database.db, 0, 10, { action: 'edition.' })).length).toBe(3);
    expect((await readAuditPage(database.db, 0, 10, { action: 'edition' })).length).toBe(0);
    expect((await readAuditPage(database.db, 0, 10, { entityType: 'edition', entityKey: 'servizio/2022' })).map((r) => r.id)).toEqual([2]);
  });

  it('forgets the record of a change whose transaction rolls back', async () => {
    const database = await ctx.openFresh();
    await appendChanges(database, 1);
    await expect(
      database.db.transaction().execute(async (trx) => {
        await appendAuditRecord(trx, anna, { action: 'user.add', entityType: 'user', entityKey: 'x@y.example', before: null, after: { role: 'oiv' } }, '2026-12-03T11:00:00.000Z');
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await appendChanges(database, 1);
    expect(await verifyAuditLog({ database })).toMatchObject({ ok: true, rows: 2 });
  });

  it.each([
    ['an edited value', sql`update audit_log set after_json = '{"n":3,"status":"published"}' where id = 3`, 3],
    ['an edited actor', sql`update audit_log set actor = 'user:someone@else.example' where id = 2`, 2],
    ['a deleted row', sql`delete from audit_log where id = 4`, 5],
    ['the last row deleted', sql`delete from audit_log where id = 6`, 6],
    ['two rows swapped', [sql`update audit_log set id = -2 where id = 2`, sql`update audit_log set id = 2 where id = 3`, sql`update audit_log set id = 3 where id = -2`], 2],
  ])('names the row after %s in the database', async (_what, tamper, id) => {
    const database = await ctx.openFresh();
    await appendChanges(database, 6);
    for (const statement of Array.isArray(tamper) ? tamper : [tamper]) await statement.execute(database.db);
    const result = await verifyAuditLog({ database });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem.id).toBe(id);
  });

  it('chains appends made at the same time by separate connections, without a fork', async () => {
    const url = await ctx.freshUrl();
    const first = await ctx.open(url);
    // Two PostgreSQL sessions really run at once. Two SQLite connections in one process would only block each other's
    // thread (better-sqlite3 waits synchronously), so there the appends share one connection, as one server does.
    const second = ctx.dialect === 'postgres' ? await ctx.open(url) : first;
    await Promise.all(Array.from({ length: 12 }, (_, n) => appendChanges(n % 2 === 0 ? first : second, 1)));
    const result = await verifyAuditLog({ database: first });
    expect(result).toMatchObject({ ok: true, rows: 12 });
  });
});
