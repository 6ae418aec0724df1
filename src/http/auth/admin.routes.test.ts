import { afterEach, describe, expect, it } from 'vitest';
import { CookieJar, csrfOf, get, openAdminApp, post, signIn, TEST_PASSWORD } from './admin.test-kit.ts';

type Opened = Awaited<ReturnType<typeof openAdminApp>>;
let opened: Opened | undefined;
afterEach(async () => {
  await opened?.close();
  opened = undefined;
});

describe('back office sign-in', () => {
  it('signs in with a database session in an HttpOnly SameSite=Lax cookie, shows /admin, and signs out', async () => {
    opened = await openAdminApp({}, ['quality-office']);
    const { app } = opened;
    const anonymous = await app.inject({ method: 'GET', url: '/admin' });
    expect(anonymous.statusCode).toBe(302);
    expect(anonymous.headers.location).toBe('/admin/login');
    expect((await app.inject({ method: 'GET', url: '/en/admin' })).headers.location).toBe('/en/admin/login');

    const { jar, response } = await signIn(app, 'Quality-Office@test.misura.invalid');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin');
    const cookie = response.cookies.find((c) => c.name === 'misura_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeUndefined();

    const dashboard = await get(app, jar, '/admin');
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.headers['cache-control']).toBe('no-store');
    expect(dashboard.body).toContain('quality-office@test.misura.invalid');
    expect(dashboard.body).toContain('Ufficio qualità');
    const english = await get(app, jar, '/en/admin');
    expect(english.body).toContain('Signed in as');
    // Signed in, the login page sends to the dashboard.
    expect((await get(app, jar, '/admin/login')).headers.location).toBe('/admin');

    const logout = await post(app, jar, '/admin/logout', { _csrf: csrfOf(dashboard.body) });
    expect(logout.statusCode).toBe(303);
    expect(logout.headers.location).toBe('/admin/login');
    expect(jar.cookies.has('misura_session')).toBe(false);
    // The session is gone from the database: the old cookie no longer works.
    const replay = await app.inject({ method: 'GET', url: '/admin', headers: { cookie: `misura_session=${cookie!.value}` } });
    expect(replay.statusCode).toBe(302);
  });

  it('answers the same "credenziali non valide" for a wrong password, an unknown email and a disabled account', async () => {
    opened = await openAdminApp({}, ['oiv', 'admin']);
    const { app, context } = opened;
    await context.actions.changeAccount({ kind: 'system', name: 'test' }, 'admin@test.misura.invalid', { kind: 'disable' });
    const bodies: string[] = [];
    for (const [email, password] of [
      ['oiv@test.misura.invalid', 'wrong password here'],
      ['nobody@test.misura.invalid', TEST_PASSWORD],
      ['admin@test.misura.invalid', TEST_PASSWORD],
      ['not an email', 'x'],
    ] as const) {
      const { response } = await signIn(app, email, password);
      expect(response.statusCode).toBe(401);
      expect(response.body).toContain('Credenziali non valide.');
      expect(response.cookies.some((c) => c.name === 'misura_session')).toBe(false);
      bodies.push(response.body.replace(/value="[^"]*"/g, ''));
    }
    expect(bodies[0]?.replace('oiv@test.misura.invalid', '')).toBe(bodies[2]?.replace('admin@test.misura.invalid', ''));
    const { response } = await signIn(app, 'oiv@test.misura.invalid', 'wrong password here', '/en');
    expect(response.body).toContain('Invalid credentials.');
  });

  it('refuses a form without its CSRF token', async () => {
    opened = await openAdminApp({}, ['admin']);
    const { app } = opened;
    const jar = new CookieJar();
    await get(app, jar, '/admin/login');
    const refused = await post(app, jar, '/admin/login', { email: 'admin@test.misura.invalid', password: TEST_PASSWORD });
    expect(refused.statusCode).toBe(403);
    expect(refused.cookies.some((c) => c.name === 'misura_session')).toBe(false);
    const forged = await post(app, jar, '/admin/login', { _csrf: 'forged', email: 'admin@test.misura.invalid', password: TEST_PASSWORD });
    expect(forged.statusCode).toBe(403);
    // Logout too.
    const { jar: signedIn } = await signIn(app, 'admin@test.misura.invalid');
    expect((await post(app, signedIn, '/admin/logout', {})).statusCode).toBe(403);
    expect((await get(app, signedIn, '/admin')).statusCode).toBe(200);
  });

  it('limits failed sign-ins per email and per address', async () => {
    opened = await openAdminApp({ admin: { loginLimits: { perIp: 5, perEmail: 2, windowMs: 60_000 } } }, ['admin', 'oiv']);
    const { app, clock } = opened;
    for (let i = 0; i < 2; i++) expect((await signIn(app, 'admin@test.misura.invalid', 'wrong password!!')).response.statusCode).toBe(401);
    // The right password is refused too while the email is blocked.
    const blocked = await signIn(app, 'admin@test.misura.invalid');
    expect(blocked.response.statusCode).toBe(429);
    expect(blocked.response.body).toContain('Troppi tentativi');
    for (let i = 0; i < 3; i++) await signIn(app, `x${i}@test.misura.invalid`, 'wrong password!!');
    // Five failures from this address: every email is refused from it.
    expect((await signIn(app, 'oiv@test.misura.invalid')).response.statusCode).toBe(429);
    clock.now = new Date(clock.now.getTime() + 61_000);
    expect((await signIn(app, 'admin@test.misura.invalid')).response.statusCode).toBe(303);
  });

  it('ends a session idle too long, and one past its absolute end however active', async () => {
    opened = await openAdminApp({}, ['oiv']);
    const { app, clock } = opened;
    const start = clock.now.getTime();
    const { jar } = await signIn(app, 'oiv@test.misura.invalid');
    clock.now = new Date(start + 29 * 60_000);
    expect((await get(app, jar, '/admin')).statusCode).toBe(200);
    clock.now = new Date(start + 29 * 60_000 + 31 * 60_000);
    expect((await get(app, jar, '/admin')).statusCode).toBe(302);

    const again = await signIn(app, 'oiv@test.misura.invalid');
    const from = clock.now.getTime();
    for (let minutes = 25; minutes < 12 * 60; minutes += 25) {
      clock.now = new Date(from + minutes * 60_000);
      expect((await get(app, again.jar, '/admin')).statusCode).toBe(200);
    }
    clock.now = new Date(from + 12 * 3_600_000);
    expect((await get(app, again.jar, '/admin')).statusCode).toBe(302);
  });

  it('uses a Secure __Host- cookie when secure', async () => {
    opened = await openAdminApp({ admin: { cookieSecure: true } }, ['admin']);
    const { app } = opened;
    const { jar, response } = await signIn(app, 'admin@test.misura.invalid');
    expect(response.cookies.find((c) => c.name === '__Host-misura_session')).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(response.cookies.some((c) => c.name === 'misura_session')).toBe(false);
    expect((await get(app, jar, '/admin')).statusCode).toBe(200);
  });
});
