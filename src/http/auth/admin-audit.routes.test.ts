import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCard } from '../../../test/factories.ts';
import { get, openAdminApp, signIn } from './admin.test-kit.ts';
import { auditFilterOf } from './admin-audit.routes.ts';

describe('the audit log in the back office', () => {
  let opened: Awaited<ReturnType<typeof openAdminApp>>;

  beforeAll(async () => {
    opened = await openAdminApp({}, ['oiv', 'quality-office']);
    const imported = newCard();
    await opened.context.actions.importCards([imported], { actor: { kind: 'user', userId: 2, email: 'quality-office@test.misura.invalid', role: 'quality-office' } });
    await opened.context.actions.approveEdition({ kind: 'cli', name: 'qualita' }, { service: imported.card.service.slug, edition: '2021', act: 'Decreto n. 1' });
  });
  afterAll(async () => opened.close());

  it('shows the OIV that the chain holds, the rows newest first, and filters them by action prefix and day', async () => {
    const { jar } = await signIn(opened.app, 'oiv@test.misura.invalid');
    const page = await get(opened.app, jar, '/admin/registro');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/La catena è integra: 4 righe verificate/);
    const actions = [...page.body.matchAll(/<td>(account\.add|edition\.[a-z]+)<\/td>/g)].map((match) => match[1]);
    expect(actions).toEqual(['edition.approve', 'edition.import', 'account.add', 'account.add']);

    const filtered = await get(opened.app, jar, '/admin/registro?action=edition.&from=2026-12-04&to=2026-12-04');
    expect([...filtered.body.matchAll(/<td>(account\.add|edition\.[a-z]+)<\/td>/g)].map((match) => match[1])).toEqual(['edition.approve', 'edition.import']);
    expect(filtered.body).toContain('href="/admin/registro.csv?action=edition.&from=2026-12-04&to=2026-12-04"');
    const none = await get(opened.app, jar, '/admin/registro?from=2027-01-01');
    expect(none.body).toContain('Nessuna modifica registrata con questi filtri.');
  });

  it('exports the filtered rows as CSV with both hashes', async () => {
    const { jar } = await signIn(opened.app, 'oiv@test.misura.invalid');
    const csv = await get(opened.app, jar, '/admin/registro.csv?action=edition.');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.body.trim().split(/\r?\n/);
    expect(lines[0]).toBe('id,at,actor,actor_kind,action,entity_type,entity_key,before,after,prev_hash,hash');
    expect(lines.slice(1).map((line) => line.split(',')[4])).toEqual(['edition.import', 'edition.approve']);
  });

  it('refuses the log to the quality office, whose changes it records', async () => {
    const { jar } = await signIn(opened.app, 'quality-office@test.misura.invalid');
    expect((await get(opened.app, jar, '/admin/registro')).statusCode).toBe(403);
    expect((await get(opened.app, jar, '/admin/registro.csv')).statusCode).toBe(403);
  });

  it('says which row breaks the chain when one was edited in the database', async () => {
    const file = new Database(opened.url);
    file.prepare("update audit_log set actor = 'cli:qualcun-altro' where id = 3").run();
    file.close();
    const { jar } = await signIn(opened.app, 'oiv@test.misura.invalid');
    expect((await get(opened.app, jar, '/admin/registro')).body).toMatch(/La catena NON è integra dalla riga 3/);
  });

  it('reads days as whole UTC days and ignores a day that does not exist', () => {
    expect(auditFilterOf({ actor: ' user: ', from: '2026-12-01', to: '2026-02-30' })).toEqual({ actor: 'user:', from: '2026-12-01T00:00:00.000Z' });
  });
});
