import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../domain/accounts/role.ts';
import { LOCALES, prefixOf } from '../i18n/locale.ts';
import { CookieJar, csrfOf, get, openAdminApp, post, signIn } from './admin.test-kit.ts';
import { admits, isAdminPath, ROUTE_ACCESS, type RouteAccess } from './route-access.ts';

/**
 * The role × route test, generated from ROUTE_ACCESS: every role and the anonymous visitor, on every route of the table
 * in every language, gets what the table says: 200 (or the route's own redirect) when admitted, a 302/303 to the
 * sign-in page when anonymous, 403 for a signed-in account of another role.
 */
type Opened = Awaited<ReturnType<typeof openAdminApp>>;
let opened: Opened;
const routes: Array<{ method: string; url: string }> = [];

beforeAll(async () => {
  // Generous sign-in limits: this test makes many failed sign-ins on purpose (the limits have their own test).
  opened = await openAdminApp({ admin: { loginLimits: { perIp: 1000, perEmail: 1000, windowMs: 60_000 } } }, ROLES, (app) => {
    // Every route the app registers under /admin, as it registers it.
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) if (method !== 'HEAD' && isAdminPath(route.url.replace(/^\/en(?=\/|$)/, ''))) routes.push({ method, url: route.url });
    });
  });
});
afterAll(async () => opened.close());

/** What a request to the route answers, as the role (undefined: anonymous) sends it in a language. */
async function attempt(route: RouteAccess, role: Role | undefined, prefix: string): Promise<{ status: number; location: string | undefined }> {
  const { app } = opened;
  const jar = role === undefined ? new CookieJar() : (await signIn(app, `${role}@test.misura.invalid`)).jar;
  const url = `${prefix}${route.path}`;
  if (route.method === 'GET') {
    const response = await get(app, jar, url);
    return { status: response.statusCode, location: response.headers.location };
  }
  // A form: with a valid CSRF token from the sign-in page, so only the route table can refuse it.
  const page = await get(app, jar, `${prefix}/admin/login`);
  const token = page.statusCode === 200 ? csrfOf(page.body) : csrfOf((await get(app, jar, `${prefix}/admin`)).body);
  const response = await post(app, jar, url, { _csrf: token, email: 'nobody@test.misura.invalid', password: 'not the password' });
  return { status: response.statusCode, location: response.headers.location };
}

describe('route table', () => {
  it('lists every /admin route the app serves, in every language', () => {
    const listed = LOCALES.flatMap((locale) => ROUTE_ACCESS.map((r) => `${r.method} ${prefixOf(locale)}${r.path}`)).sort();
    expect(routes.map((r) => `${r.method} ${r.url}`).sort()).toEqual(listed);
  });

  for (const locale of LOCALES) {
    const prefix = prefixOf(locale);
    for (const route of ROUTE_ACCESS) {
      for (const role of [undefined, ...ROLES]) {
        const who = role ?? 'anonymous';
        const allowed = admits(route.access, role);
        it(`${route.method} ${prefix}${route.path} as ${who}: ${allowed ? 'admitted' : role === undefined ? 'sent to sign in' : '403'}`, async () => {
          const { status, location } = await attempt(route, role, prefix);
          if (!allowed && role === undefined) {
            expect(status).toBe(route.kind === 'page' ? 302 : 303);
            expect(location).toBe(`${prefix}/admin/login`);
          } else if (!allowed) {
            expect(status).toBe(403);
          } else if (route.kind === 'page') {
            // A signed-in account on the sign-in page is sent on to the dashboard.
            if (route.path === '/admin/login' && role !== undefined) expect([status, location]).toEqual([302, `${prefix}/admin`]);
            // A diffida's card asked for without a number: there is none to show.
            else if (route.path === '/admin/diffide/scheda') expect(status).toBe(404);
            else expect(status).toBe(200);
          } else {
            // Admitted forms do their work: the sign-in with wrong credentials answers 401, logout redirects, and the
            // forms of editions and cards, sent here without a service or a file, answer their page again with 422
            // saying what is missing.
            const refusesEmpty = ['/admin/edizioni/', '/admin/carte/', '/admin/flussi/', '/admin/servizi/', '/admin/registri/', '/admin/diffide/', '/admin/costi/', '/admin/class-action/'].some((prefix) => route.path.startsWith(prefix));
            const expected = route.path === '/admin/login' ? 401 : refusesEmpty ? 422 : 303;
            expect(status).toBe(expected);
          }
        });
      }
    }
  }

  it('answers 404 to a path under /admin that no route serves, for every role', async () => {
    const { app } = opened;
    for (const role of ROLES) {
      const { jar } = await signIn(app, `${role}@test.misura.invalid`);
      expect((await get(app, jar, '/admin/not-a-route')).statusCode).toBe(404);
    }
  });
});

describe('a route under /admin missing from the table', () => {
  it('is refused to everyone, signed in or not, wherever it was registered', async () => {
    const other = await openAdminApp({}, ROLES, (app) => {
      // As a careless plugin would add it: outside the back office's scope, not in ROUTE_ACCESS.
      app.get('/admin/unlisted', () => Promise.resolve('should never be seen'));
    });
    try {
      expect((await other.app.inject({ method: 'GET', url: '/admin/unlisted' })).statusCode).toBe(403);
      for (const role of ROLES) {
        const { jar } = await signIn(other.app, `${role}@test.misura.invalid`);
        const response = await get(other.app, jar, '/admin/unlisted');
        expect(response.statusCode).toBe(403);
        expect(response.body).not.toContain('should never be seen');
      }
    } finally {
      await other.close();
    }
  });
});
