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

  it('leaves the administration unset by default, with the default retention of logs and diffide', () => {
    expect(readConfig({}).administration).toEqual({
      name: null, ipaCode: null, baseUrl: null, email: null, pec: null, logoPath: null, accessibilityUrl: null,
      privacy: { controller: null, dpoEmail: null, logRetentionDays: 90, diffidaRetentionYears: 5 },
    });
  });

  it('reads the administration, its base URL without a trailing slash, and the privacy settings', () => {
    const config = readConfig({
      MISURA_PA_NAME: ' Ministero del Lavoro e delle Politiche Sociali ',
      MISURA_PA_IPA: 'm_lps',
      MISURA_BASE_URL: 'https://trasparenza.example.gov.it/misura/',
      MISURA_PA_EMAIL: 'urp@lavoro.gov.it',
      MISURA_PA_PEC: 'protocollo@pec.lavoro.gov.it',
      MISURA_PA_LOGO: '/srv/misura/logo.svg',
      MISURA_ACCESSIBILITY_URL: 'https://form.agid.gov.it/view/abc',
      MISURA_PRIVACY_CONTROLLER: 'Ministero del Lavoro, via Veneto 56, Roma',
      MISURA_DPO_EMAIL: 'rpd@lavoro.gov.it',
      MISURA_LOG_RETENTION_DAYS: '30',
      MISURA_DIFFIDA_RETENTION_YEARS: '10',
    });
    expect(config.administration).toEqual({
      name: 'Ministero del Lavoro e delle Politiche Sociali',
      ipaCode: 'm_lps',
      baseUrl: 'https://trasparenza.example.gov.it/misura',
      email: 'urp@lavoro.gov.it',
      pec: 'protocollo@pec.lavoro.gov.it',
      logoPath: '/srv/misura/logo.svg',
      accessibilityUrl: 'https://form.agid.gov.it/view/abc',
      privacy: { controller: 'Ministero del Lavoro, via Veneto 56, Roma', dpoEmail: 'rpd@lavoro.gov.it', logRetentionDays: 30, diffidaRetentionYears: 10 },
    });
  });

  it.each([
    ['MISURA_BASE_URL', 'trasparenza.example.gov.it', /MISURA_BASE_URL must be an absolute http\(s\) URL/],
    ['MISURA_BASE_URL', 'ftp://example.gov.it', /MISURA_BASE_URL must be an http\(s\) URL with no query/],
    ['MISURA_BASE_URL', 'https://example.gov.it/?a=1', /MISURA_BASE_URL must be an http\(s\) URL with no query/],
    ['MISURA_PA_IPA', 'm-lps!', /MISURA_PA_IPA must be the administration's IPA code/],
    ['MISURA_PA_EMAIL', 'urp', /MISURA_PA_EMAIL must be an e-mail address/],
    ['MISURA_PA_PEC', 'pec@', /MISURA_PA_PEC must be an e-mail address/],
    ['MISURA_DPO_EMAIL', 'dpo at example', /MISURA_DPO_EMAIL must be an e-mail address/],
    ['MISURA_PA_LOGO', 'logo.gif', /MISURA_PA_LOGO must be a .svg, .png, .jpg or .webp file/],
    ['MISURA_ACCESSIBILITY_URL', 'http://form.agid.gov.it/x', /MISURA_ACCESSIBILITY_URL must be an https:\/\/ address/],
    ['MISURA_LOG_RETENTION_DAYS', '0', /MISURA_LOG_RETENTION_DAYS must be a whole number from 1 to 3650/],
    ['MISURA_DIFFIDA_RETENTION_YEARS', 'five', /MISURA_DIFFIDA_RETENTION_YEARS must be a whole number/],
    ['MISURA_PA_NAME', 'Comune\ndi Roma', /MISURA_PA_NAME must be one line/],
  ])('refuses the administration setting %s=%s, naming it', (name, value, message) => {
    expect(() => readConfig({ [name]: value })).toThrow(message);
  });

  it('lets any site frame the satisfaction widget by default, or the origins MISURA_WIDGET_ORIGINS lists', () => {
    expect(readConfig({}).widgetOrigins).toEqual([]);
    expect(readConfig({ MISURA_WIDGET_ORIGINS: 'https://www.comune.example, http://localhost:8081/' }).widgetOrigins).toEqual(['https://www.comune.example', 'http://localhost:8081']);
    expect(() => readConfig({ MISURA_WIDGET_ORIGINS: "https://www.comune.example/pagina 'unsafe-inline'" })).toThrow(/MISURA_WIDGET_ORIGINS must list origins/);
  });
});
