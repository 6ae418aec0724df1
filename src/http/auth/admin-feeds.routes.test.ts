import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfOf, get, openAdminApp, post, signIn } from './admin.test-kit.ts';

describe('sources and tokens in the back office', () => {
  let opened: Awaited<ReturnType<typeof openAdminApp>>;
  beforeAll(async () => {
    opened = await openAdminApp({}, ['data-steward', 'oiv', 'quality-office']);
  });
  afterAll(async () => opened.close());

  it('lets the data steward create a token, shown once, that the API then takes, and revoke it', async () => {
    const { jar } = await signIn(opened.app, 'data-steward@test.misura.invalid');
    const page = await get(opened.app, jar, '/admin/flussi');
    expect(page.body).toContain('Nessun token.');
    const created = await post(opened.app, jar, '/admin/flussi/token', { _csrf: csrfOf(page.body), source: 'probe:portale', label: 'sonda del portale' });
    expect(created.statusCode).toBe(200);
    const token = /<code id="new-token">([^<]+)<\/code>/.exec(created.body)?.[1] ?? '';
    expect(token).toMatch(/^msr_/);
    expect(await opened.context.actions.verifyApiToken(token)).toMatchObject({ source: 'probe:portale' });
    // Never again: the list shows the token's number, source and use only.
    const listed = await get(opened.app, jar, '/admin/flussi');
    expect(listed.body).not.toContain(token);
    expect(listed.body).toContain('sonda del portale');

    const revoked = await post(opened.app, jar, '/admin/flussi/revoca', { _csrf: csrfOf(listed.body), id: '1' });
    expect([revoked.statusCode, revoked.headers.location]).toEqual([303, '/admin/flussi?fatto=revoked']);
    expect(await opened.context.actions.verifyApiToken(token)).toBeNull();
    const audit = await opened.context.actions.listAuditLog({ action: 'token.' });
    expect(audit.map((r) => [r.actor, r.action])).toEqual([
      ['user:data-steward@test.misura.invalid', 'token.create'],
      ['user:data-steward@test.misura.invalid', 'token.revoke'],
    ]);
  });

  it('says why a token is refused, and shows the OIV the page without forms', async () => {
    const { jar } = await signIn(opened.app, 'data-steward@test.misura.invalid');
    const page = await get(opened.app, jar, '/admin/flussi');
    const refused = await post(opened.app, jar, '/admin/flussi/token', { _csrf: csrfOf(page.body), source: '  ' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('a token needs the source whose events it sends');
    const oiv = await signIn(opened.app, 'oiv@test.misura.invalid');
    const read = await get(opened.app, oiv.jar, '/admin/flussi');
    expect(read.statusCode).toBe(200);
    expect(read.body).not.toContain('/admin/flussi/token');
    const office = await signIn(opened.app, 'quality-office@test.misura.invalid');
    expect((await get(opened.app, office.jar, '/admin/flussi')).statusCode).toBe(403);
  });
});
