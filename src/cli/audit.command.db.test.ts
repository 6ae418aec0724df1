import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.ts';
// The test writes audit rows as the actions will, and then tampers with them as an intruder with database access would.
// eslint-disable-next-line no-restricted-imports
import { appendAuditRecord } from '../storage/repositories/audit-log.repository.ts';
// eslint-disable-next-line no-restricted-imports
import type { Database } from '../storage/database.ts';
import { createBufferIo } from './cli-io.ts';
import { runCli } from './main.ts';

async function misura(url: string, ...args: string[]) {
  const io = createBufferIo({ MISURA_DB_URL: url });
  const code = await runCli(['node', 'misura', ...args], io);
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
}

/** Five changes by three actors, as the back office, the CLI and a feed would record them. */
async function recordChanges(database: Database): Promise<void> {
  const changes = [
    { actor: { kind: 'cli', name: 'root' } as const, action: 'card.import', entityType: 'edition', entityKey: 'centro-di-contatto/2026', before: null, after: { status: 'draft' } },
    { actor: { kind: 'user', userId: 1, email: 'anna@comune.example', role: 'quality-office' } as const, action: 'edition.approve', entityType: 'edition', entityKey: 'centro-di-contatto/2026', before: { status: 'draft' }, after: { status: 'approved' } },
    { actor: { kind: 'user', userId: 1, email: 'anna@comune.example', role: 'quality-office' } as const, action: 'edition.publish', entityType: 'edition', entityKey: 'centro-di-contatto/2026', before: { status: 'approved' }, after: { status: 'published' } },
    { actor: { kind: 'cli', name: 'root' } as const, action: 'token.create', entityType: 'source', entityKey: 'portal', before: null, after: { label: 'sonda' } },
    { actor: { kind: 'user', userId: 2, email: 'oiv@comune.example', role: 'admin' } as const, action: 'user.add', entityType: 'user', entityKey: 'oiv@comune.example', before: null, after: { role: 'oiv' } },
  ];
  for (const [index, { actor, ...change }] of changes.entries()) {
    await database.db.transaction().execute((trx) => appendAuditRecord(trx, actor, change, `2026-12-0${index + 1}T10:00:00.000Z`));
  }
}

describeEachDialect('misura audit', (ctx) => {
  it('verifies a log that holds, lists it filtered, and exports it as CSV with the hashes', async () => {
    const url = await ctx.freshUrl();
    await recordChanges(await ctx.open(url));

    const verified = await misura(url, 'audit', 'verify');
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/^The audit log holds: 5 rows checked, chain head [0-9a-f]{64}\.$/);

    const listed = await misura(url, 'audit', 'list', '--actor', 'user:', '--action', 'edition.');
    expect(listed.stdout.split('\n').map((line) => line.trim().split(/\s+/).slice(0, 4).join(' '))).toEqual([
      '2 2026-12-02T10:00:00.000Z user:anna@comune.example edition.approve',
      '3 2026-12-03T10:00:00.000Z user:anna@comune.example edition.publish',
    ]);
    const out = join(mkdtempSync(join(tmpdir(), 'misura-audit-')), 'audit.csv');
    expect((await misura(url, 'audit', 'list', '--from', '2026-12-04', '--csv', '--out', out)).stdout).toBe(`2 records written to ${out}`);
    const csv = readFileSync(out, 'utf8').split('\r\n');
    expect(csv[0]).toBe('id,at,actor,actor_kind,action,entity_type,entity_key,before,after,prev_hash,hash');
    expect(csv[1]).toMatch(/^4,2026-12-04T10:00:00.000Z,cli:root,cli,token.create,source,portal,,"{""label"":""sonda""}",[0-9a-f]{64},[0-9a-f]{64}$/);
    const json = JSON.parse((await misura(url, 'audit', 'list', '--entity', 'oiv@comune.example', '--json')).stdout) as { records: { id: number }[] };
    expect(json.records.map((record) => record.id)).toEqual([5]);
  });

  it.each([
    ['a row edited', (db: Database['db']) => db.updateTable('audit_log').set({ after_json: '{"status":"draft"}' }).where('id', '=', 3).execute(), /row 3: /],
    ['an actor rewritten', (db: Database['db']) => db.updateTable('audit_log').set({ actor: 'cli:someone-else' }).where('id', '=', 2).execute(), /row 2: /],
    ['a row deleted', (db: Database['db']) => db.deleteFrom('audit_log').where('id', '=', 2).execute(), /row 2 is missing/],
    ['the last row deleted', (db: Database['db']) => db.deleteFrom('audit_log').where('id', '=', 5).execute(), /row 5: /],
    [
      'two rows swapped',
      async (db: Database['db']) => {
        await db.updateTable('audit_log').set({ id: 99 }).where('id', '=', 3).execute();
        await db.updateTable('audit_log').set({ id: 3 }).where('id', '=', 4).execute();
        await db.updateTable('audit_log').set({ id: 4 }).where('id', '=', 99).execute();
      },
      /row 3: /,
    ],
  ])('fails with exit code 1 and names the row when %s', async (_what, tamper, named) => {
    const url = await ctx.freshUrl();
    const database = await ctx.open(url);
    await recordChanges(database);
    await tamper(database.db);
    const verified = await misura(url, 'audit', 'verify');
    expect(verified.code).toBe(1);
    expect(verified.stderr).toMatch(/^misura: the audit log does not hold: /);
    expect(verified.stderr).toMatch(named);
    const json = JSON.parse((await misura(url, 'audit', 'verify', '--json')).stdout) as { ok: boolean };
    expect(json.ok).toBe(false);
  });
});
