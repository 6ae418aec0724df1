import { describe, expect, it } from 'vitest';
import { DEFAULT_HTTP_TIMEOUTS, readConfig } from './config.ts';

describe('the configuration', () => {
  it('has defaults for the window of events and the HTTP timeouts', () => {
    const config = readConfig({});
    expect(config.events).toEqual({});
    expect(config.http).toEqual(DEFAULT_HTTP_TIMEOUTS);
  });

  it('reads the window of events and the timeouts (seconds) from the environment', () => {
    const config = readConfig({
      MISURA_EVENTS_FROM: '2019-01-01',
      MISURA_EVENTS_UNTIL_DAYS_AHEAD: '3',
      MISURA_HTTP_REQUEST_TIMEOUT: '2.5',
      MISURA_HTTP_HEADERS_TIMEOUT: '5',
      MISURA_HTTP_KEEP_ALIVE_TIMEOUT: '10',
    });
    expect(config.events).toEqual({ from: '2019-01-01', daysAhead: 3 });
    // The headers timeout never exceeds the request's.
    expect(config.http).toEqual({ requestMs: 2500, headersMs: 2500, keepAliveMs: 10_000 });
  });

  it('reads the session settings, with defaults', () => {
    expect(readConfig({}).sessions).toEqual({ idleMinutes: 30, absoluteHours: 12, cookieSecure: 'auto' });
    expect(readConfig({ MISURA_SESSION_IDLE_MINUTES: '15', MISURA_SESSION_MAX_HOURS: '8', MISURA_COOKIE_SECURE: 'TRUE' }).sessions).toEqual({
      idleMinutes: 15,
      absoluteHours: 8,
      cookieSecure: true,
    });
    expect(readConfig({ MISURA_COOKIE_SECURE: 'false' }).sessions.cookieSecure).toBe(false);
  });

  it('runs the built-in probes inside the server unless MISURA_PROBES says off', () => {
    expect(readConfig({}).probes).toBe(true);
    expect(readConfig({ MISURA_PROBES: 'OFF' }).probes).toBe(false);
    expect(readConfig({ MISURA_PROBES: 'on' }).probes).toBe(true);
  });

  it.each([
    ['MISURA_PROBES', 'sometimes', /MISURA_PROBES must be "on" or "off", got "sometimes"/],
    ['MISURA_EVENTS_FROM', '2000-12-31', /MISURA_EVENTS_FROM must be a date written YYYY-MM-DD, not before 2001-01-01/],
    ['MISURA_EVENTS_FROM', '2021-02-30', /MISURA_EVENTS_FROM must be a date/],
    ['MISURA_EVENTS_UNTIL_DAYS_AHEAD', '-1', /MISURA_EVENTS_UNTIL_DAYS_AHEAD must be a whole number of days from 0 to 366/],
    ['MISURA_EVENTS_UNTIL_DAYS_AHEAD', '1000', /from 0 to 366/],
    ['MISURA_HTTP_REQUEST_TIMEOUT', '0', /MISURA_HTTP_REQUEST_TIMEOUT must be a number of seconds above 0/],
    ['MISURA_HTTP_HEADERS_TIMEOUT', 'soon', /MISURA_HTTP_HEADERS_TIMEOUT must be a number of seconds/],
    ['MISURA_SESSION_IDLE_MINUTES', '0', /MISURA_SESSION_IDLE_MINUTES must be a whole number from 1 to 1440/],
    ['MISURA_SESSION_MAX_HOURS', '1.5', /MISURA_SESSION_MAX_HOURS must be a whole number/],
    ['MISURA_COOKIE_SECURE', 'yes', /MISURA_COOKIE_SECURE must be auto, true or false/],
  ])('refuses %s=%s, naming it', (name, value, message) => {
    expect(() => readConfig({ [name]: value })).toThrow(message);
  });

  it('sends no e-mail without an SMTP host, and reads the SMTP settings with their defaults', () => {
    expect(readConfig({}).smtp).toBeNull();
    expect(readConfig({ MISURA_SMTP_HOST: 'smtp.comune.example', MISURA_SMTP_FROM: 'Comune <noreply@comune.example>' }).smtp).toEqual({
      host: 'smtp.comune.example', port: 587, secure: false, user: null, password: null, from: 'Comune <noreply@comune.example>',
    });
    expect(readConfig({ MISURA_SMTP_HOST: 'smtp.comune.example', MISURA_SMTP_SECURE: 'true', MISURA_SMTP_USER: 'misura', MISURA_SMTP_PASSWORD: 'secret', MISURA_SMTP_FROM: 'noreply@comune.example' }).smtp)
      .toMatchObject({ port: 465, secure: true, user: 'misura', password: 'secret' });
  });

  it.each([
    [{ MISURA_SMTP_HOST: 'smtp.comune.example' }, /MISURA_SMTP_FROM must be the sender's address/],
    [{ MISURA_SMTP_HOST: 'h', MISURA_SMTP_FROM: 'a@b.it', MISURA_SMTP_PORT: '70000' }, /MISURA_SMTP_PORT must be a port number/],
    [{ MISURA_SMTP_HOST: 'h', MISURA_SMTP_FROM: 'a@b.it', MISURA_SMTP_SECURE: 'yes' }, /MISURA_SMTP_SECURE must be true or false/],
    [{ MISURA_SMTP_HOST: 'h', MISURA_SMTP_FROM: 'a@b.it', MISURA_SMTP_USER: 'u' }, /MISURA_SMTP_USER and MISURA_SMTP_PASSWORD go together/],
  ])('refuses SMTP settings that cannot work: %j', (env, message) => {
    expect(() => readConfig(env)).toThrow(message);
  });
});
