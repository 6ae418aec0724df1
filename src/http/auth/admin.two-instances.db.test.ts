import { describe, expect, it } from 'vitest';
import { useInstancesOnPostgres } from '../../../test/instances.ts';
import { newCard } from '../../../test/factories.ts';
import { buildApp } from '../app.ts';
import { CookieJar, csrfOf, get, post, signIn, TEST_PASSWORD } from './admin.test-kit.ts';

const NOW = new Date('2026-12-04T09:00:00Z');

/** The back office of two `misura serve` instances on one PostgreSQL database: one session store, one set of editions. */
describe('the back office on two instances sharing PostgreSQL', () => {
  const { ctx, open } = useInstancesOnPostgres();

  const openInstance = async (url: string) => {
    const context = await open({ MISURA_DB_URL: url }, () => NOW);
    const app = buildApp(context.actions, { logger: false, now: () => NOW, rateLimitPerMinute: false });
    await app.ready();
    return { context, app };
  };

  it('keeps a session signed in on one instance valid on the other, ends it on both at logout, and shows one instance\'s approval on the other', async () => {
    const url = await ctx.freshUrl();
    const first = await openInstance(url);
    const second = await openInstance(url);
    try {
      await first.context.actions.addAccount({ kind: 'system', name: 'test' }, { email: 'qualita@test.misura.invalid', role: 'quality-office', password: TEST_PASSWORD });
      const imported = newCard();
      await first.context.actions.importCards([imported], { actor: { kind: 'cli', name: 'test' } });

      const { jar } = await signIn(first.app, 'qualita@test.misura.invalid');
      // The CSRF secret travels in a cookie too, so a form of one instance posts to the other.
      const editions = await get(second.app, jar, '/admin/edizioni');
      expect(editions.statusCode).toBe(200);
      const approved = await post(second.app, jar, '/admin/edizioni/approva', { _csrf: csrfOf(editions.body), service: imported.card.service.slug, edition: '2021', act: 'Decreto n. 1' });
      expect([approved.statusCode, approved.headers.location]).toEqual([303, '/admin/edizioni?fatto=approved']);
      expect((await get(first.app, jar, '/admin/edizioni')).body).toMatch(/Edizione 2021: approvata/);
      const [listed] = await first.context.actions.listEditions();
      expect([listed?.status, listed?.approvedBy]).toEqual(['approved', 'user:qualita@test.misura.invalid']);

      const dashboard = await get(first.app, jar, '/admin');
      // The browser forgets its cookie at logout; a copy kept aside (a stolen one) must be refused by the other instance.
      const kept = new CookieJar();
      for (const [name, value] of jar.cookies) kept.cookies.set(name, value);
      await post(first.app, jar, '/admin/logout', { _csrf: csrfOf(dashboard.body) });
      const after = await get(second.app, kept, '/admin');
      expect([after.statusCode, after.headers.location]).toEqual([302, '/admin/login']);
    } finally {
      await first.app.close();
      await second.app.close();
    }
  });
});
