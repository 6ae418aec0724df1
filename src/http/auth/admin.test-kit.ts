import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { openContext, type AppContext } from '../../context.ts';
import type { Role } from '../../domain/accounts/role.ts';
import { buildApp, type AppOptions } from '../app.ts';

export const TEST_PASSWORD = 'a long enough password';

/** A real context over a fresh SQLite file, with a clock the test moves, and the app over it. */
export async function openAdminApp(options: AppOptions = {}, roles: readonly Role[] = [], beforeReady?: (app: FastifyInstance) => void): Promise<{
  app: FastifyInstance;
  context: AppContext;
  clock: { now: Date };
  /** The SQLite file, for tests that tamper with it behind the app's back. */
  url: string;
  close: () => Promise<void>;
}> {
  const url = join(mkdtempSync(join(tmpdir(), 'misura-admin-')), 'misura.db');
  const clock = { now: new Date('2026-12-04T09:00:00Z') };
  const context = await openContext({ MISURA_DB_URL: url }, () => clock.now);
  for (const role of roles) await context.actions.addAccount({ kind: 'system', name: 'test' }, { email: `${role}@test.misura.invalid`, role, password: TEST_PASSWORD });
  const app = buildApp(context.actions, { logger: false, rateLimitPerMinute: false, now: () => clock.now, ...options });
  beforeReady?.(app);
  await app.ready();
  return {
    app,
    context,
    clock,
    url,
    close: async () => {
      await app.close();
      await context.close();
    },
  };
}

/** A cookie jar for app.inject: keeps what Set-Cookie says, sends it back. */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  store(response: LightMyRequestResponse): void {
    for (const c of response.cookies) {
      if (c.value === '' || (c.expires !== undefined && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** GETs a page with the jar's cookies and keeps those it sets. */
export async function get(app: FastifyInstance, jar: CookieJar, url: string): Promise<LightMyRequestResponse> {
  const response = await app.inject({ method: 'GET', url, headers: { cookie: jar.header() } });
  jar.store(response);
  return response;
}

/** The CSRF token of the first form on a page. */
export function csrfOf(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (token === undefined) throw new Error('no CSRF token on the page');
  return token;
}

/** POSTs a form (url-encoded) with the jar's cookies and keeps those it sets. */
export async function post(app: FastifyInstance, jar: CookieJar, url: string, fields: Record<string, string>): Promise<LightMyRequestResponse> {
  const response = await app.inject({
    method: 'POST',
    url,
    headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });
  jar.store(response);
  return response;
}

/** Signs in through the form; returns the jar holding the session. */
export async function signIn(app: FastifyInstance, email: string, password = TEST_PASSWORD, prefix = ''): Promise<{ jar: CookieJar; response: LightMyRequestResponse }> {
  const jar = new CookieJar();
  const page = await get(app, jar, `${prefix}/admin/login`);
  const response = await post(app, jar, `${prefix}/admin/login`, { _csrf: csrfOf(page.body), email, password });
  return { jar, response };
}
