import { isLocalDate, EARLIEST_EVENT_DATE, MAX_EVENT_DAYS_AHEAD, type EventWindowSettings } from '../domain/events/event-window.ts';
import { UserError } from '../domain/shared/errors.ts';

/** How long the HTTP server waits for a client, in milliseconds. */
export interface HttpTimeouts {
  /** The whole request, headers and body, must arrive within it, else 408 and the connection is closed. */
  requestMs: number;
  /** The headers must arrive within it (at most requestMs). */
  headersMs: number;
  /** An idle kept-alive connection is closed after it. */
  keepAliveMs: number;
}

export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = { requestMs: 30_000, headersMs: 10_000, keepAliveMs: 72_000 };

/** misura's settings, read once from the environment. */
export interface Config {
  /**
   * MISURA_DB_URL: where the data lives. A file path means SQLite (the embedded default, folder created on
   * demand); a postgres:// or postgresql:// URL means PostgreSQL. Default: ./data/misura.db.
   */
  databaseUrl: string;
  /** MISURA_PORT: the HTTP port of `misura serve`. Default 8080. */
  port: number;
  /** MISURA_TIME_ZONE: the administration's time zone for days, periods and service hours. Default Europe/Rome. */
  timeZone: string;
  /**
   * The span of time an event may fall in; one outside it is refused on its line, by every way events come in.
   * MISURA_EVENTS_FROM: the first local date (YYYY-MM-DD, not before 2001-01-01, the first year whose holidays are
   * known); default 1 January of the year before the earliest card edition stored. MISURA_EVENTS_UNTIL_DAYS_AHEAD:
   * how many days past the server's clock an event may lie (0–366); default 1.
   */
  events: EventWindowSettings;
  /**
   * How long `misura serve` waits for a client, in seconds (decimals allowed): MISURA_HTTP_REQUEST_TIMEOUT for the
   * whole request with its body (default 30: a body announced and not sent is answered 408 and closed),
   * MISURA_HTTP_HEADERS_TIMEOUT for the headers (default 10, at most the request timeout), and
   * MISURA_HTTP_KEEP_ALIVE_TIMEOUT for an idle kept-alive connection (default 72, longer than the 60 s of common load
   * balancers).
   */
  http: HttpTimeouts;
  /**
   * Back-office sessions: MISURA_SESSION_IDLE_MINUTES (default 30) ends a session after that long without a request,
   * MISURA_SESSION_MAX_HOURS (default 12) after that long whatever. MISURA_COOKIE_SECURE: "auto" (default: Secure and
   * the __Host- prefix when the request came over https, as the proxy says with `misura serve --trust-proxy`), "true"
   * or "false".
   */
  sessions: SessionConfig;
  /** MISURA_PROBES: "on" (default) runs the built-in probes inside `misura serve`; "off" leaves them to `misura probes run`. */
  probes: boolean;
  /**
   * The SMTP server e-mails go through (diffida receipts and outcomes, the quality office's notices and reminders):
   * MISURA_SMTP_HOST, MISURA_SMTP_PORT (default 465 when secure, else 587), MISURA_SMTP_SECURE ("true": TLS from the
   * start; default "false": STARTTLS when the server offers it), MISURA_SMTP_USER and MISURA_SMTP_PASSWORD (both or
   * neither), MISURA_SMTP_FROM (the sender; required with a host). null when no host is set: e-mails are then logged as
   * not sent, never an error for the citizen.
   */
  smtp: SmtpConfig | null;
  /**
   * The administration that runs the site (issue 13 item 7), each optional for development and required in production
   * by `misura doctor`:
   * MISURA_PA_NAME (its name, "Ministero del Lavoro e delle Politiche Sociali"; else the organisation of the cards),
   * MISURA_PA_IPA (its code in the IPA index, "m_lps": the open data publisher's identifier),
   * MISURA_BASE_URL (the public address, "https://trasparenza.example.gov.it": every absolute IRI and link is built on
   * it, never on the request's Host header; without it they follow the request, fine for development only),
   * MISURA_PA_EMAIL (the contact e-mail, also where users report accessibility problems), MISURA_PA_PEC (its
   * certified e-mail), MISURA_PA_LOGO (a .svg, .png, .jpg or .webp file shown in the header and footer),
   * MISURA_ACCESSIBILITY_URL (the statement on form.agid.gov.it, https), and the privacy notice's settings (see
   * PrivacyConfig).
   */
  administration: AdministrationConfig;
  /**
   * MISURA_WIDGET_ORIGINS: the sites allowed to frame the satisfaction widget, space- or comma-separated origins
   * ("https://www.comune.example https://servizi.comune.example"). Empty (the default): any site may.
   */
  widgetOrigins: string[];
}

/** The administration's settings; null where not set. */
export interface AdministrationConfig {
  name: string | null;
  ipaCode: string | null;
  /** Absolute http(s) URL without a trailing slash, query or fragment. */
  baseUrl: string | null;
  email: string | null;
  pec: string | null;
  logoPath: string | null;
  accessibilityUrl: string | null;
  privacy: PrivacyConfig;
}

/**
 * What the privacy notice (GDPR art. 13) says: MISURA_PRIVACY_CONTROLLER (the controller, "titolare del trattamento",
 * with its address), MISURA_DPO_EMAIL (the data protection officer's e-mail), MISURA_LOG_RETENTION_DAYS (how long
 * server logs are kept, default 90) and MISURA_DIFFIDA_RETENTION_YEARS (how long diffide keep their personal data,
 * default 5). misura states both; `misura diffide erase-expired` enforces the second, log rotation is the operator's.
 */
export interface PrivacyConfig {
  controller: string | null;
  dpoEmail: string | null;
  logRetentionDays: number;
  diffidaRetentionYears: number;
}

export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  password: string | null;
  from: string;
}

export interface SessionConfig {
  idleMinutes: number;
  absoluteHours: number;
  cookieSecure: 'auto' | boolean;
}

/** Reads the configuration from an environment (process.env by default), with documented defaults. */
export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const port = Number(env.MISURA_PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`MISURA_PORT must be a port number (0-65535), got "${env.MISURA_PORT}"`);
  }
  return {
    databaseUrl: env.MISURA_DB_URL?.trim() || './data/misura.db',
    port,
    timeZone: env.MISURA_TIME_ZONE?.trim() || 'Europe/Rome',
    events: readEventWindow(env),
    http: readHttpTimeouts(env),
    sessions: readSessionConfig(env),
    probes: readSwitch(env, 'MISURA_PROBES', true),
    smtp: readSmtpConfig(env),
    administration: readAdministrationConfig(env),
    widgetOrigins: readWidgetOrigins(env),
  };
}

/** MISURA_WIDGET_ORIGINS: each an http(s) origin (scheme, host, optional port), nothing else: it goes into a CSP header. */
function readWidgetOrigins(env: Record<string, string | undefined>): string[] {
  const words = (env.MISURA_WIDGET_ORIGINS ?? '').split(/[\s,]+/).filter((word) => word !== '');
  return words.map((word) => {
    let url: URL | undefined;
    try {
      url = new URL(word);
    } catch {
      url = undefined;
    }
    if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== word.replace(/\/$/, '')) {
      throw new UserError(`MISURA_WIDGET_ORIGINS must list origins such as https://www.comune.example (scheme, host and port only), got "${word}"`);
    }
    return url.origin;
  });
}

const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[a-z]{2,}$/i;
/** IPA codes are short lower-case codes such as "m_lps", "c_h501", "inps". */
const IPA_CODE = /^[a-z0-9_]{2,30}$/i;
const LOGO_FILE = /\.(svg|png|jpe?g|webp)$/i;

/**
 * A public base URL ("https://trasparenza.example.gov.it/misura/"), checked and without a trailing slash; `name` is
 * the setting the message names.
 */
export function parseBaseUrl(value: string, name = 'MISURA_BASE_URL'): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UserError(`${name} must be an absolute http(s) URL such as https://trasparenza.example.gov.it, got "${value}"`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new UserError(`${name} must be an http(s) URL with no query, fragment or credentials, got "${value}"`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function readAdministrationConfig(env: Record<string, string | undefined>): AdministrationConfig {
  const text = (name: string, max = 300): string | null => {
    const value = env[name]?.trim();
    if (!value) return null;
    // Printed on pages and in e-mail headers: one line only.
    if (value.length > max || [...value].some((char) => char < ' ')) throw new UserError(`${name} must be one line of at most ${max} characters`);
    return value;
  };
  const email = (name: string): string | null => {
    const value = text(name);
    if (value !== null && !EMAIL.test(value)) throw new UserError(`${name} must be an e-mail address, got "${value}"`);
    return value;
  };
  const ipaCode = text('MISURA_PA_IPA');
  if (ipaCode !== null && !IPA_CODE.test(ipaCode)) throw new UserError(`MISURA_PA_IPA must be the administration's IPA code (letters, digits and _, e.g. m_lps), got "${ipaCode}"`);
  const baseUrl = text('MISURA_BASE_URL', 2000);
  const logoPath = text('MISURA_PA_LOGO', 4096);
  if (logoPath !== null && !LOGO_FILE.test(logoPath)) throw new UserError(`MISURA_PA_LOGO must be a .svg, .png, .jpg or .webp file, got "${logoPath}"`);
  const accessibilityUrl = text('MISURA_ACCESSIBILITY_URL', 2000);
  if (accessibilityUrl !== null && !/^https:\/\/[^\s"<>]+$/.test(accessibilityUrl)) {
    throw new UserError(`MISURA_ACCESSIBILITY_URL must be an https:// address (the statement on form.agid.gov.it), got "${accessibilityUrl}"`);
  }
  const whole = (name: string, fallback: number, max: number): number => {
    const value = env[name]?.trim();
    if (!value) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) throw new UserError(`${name} must be a whole number from 1 to ${max}, got "${value}"`);
    return Number(value);
  };
  return {
    name: text('MISURA_PA_NAME', 200),
    ipaCode,
    baseUrl: baseUrl === null ? null : parseBaseUrl(baseUrl),
    email: email('MISURA_PA_EMAIL'),
    pec: email('MISURA_PA_PEC'),
    logoPath,
    accessibilityUrl,
    privacy: {
      controller: text('MISURA_PRIVACY_CONTROLLER', 500),
      dpoEmail: email('MISURA_DPO_EMAIL'),
      logRetentionDays: whole('MISURA_LOG_RETENTION_DAYS', 90, 3650),
      diffidaRetentionYears: whole('MISURA_DIFFIDA_RETENTION_YEARS', 5, 100),
    },
  };
}

function readSmtpConfig(env: Record<string, string | undefined>): SmtpConfig | null {
  const host = env.MISURA_SMTP_HOST?.trim();
  if (!host) return null;
  const secureText = env.MISURA_SMTP_SECURE?.trim().toLowerCase() || 'false';
  if (secureText !== 'true' && secureText !== 'false') throw new UserError(`MISURA_SMTP_SECURE must be true or false, got "${secureText}"`);
  const secure = secureText === 'true';
  const portText = env.MISURA_SMTP_PORT?.trim();
  const port = portText ? Number(portText) : secure ? 465 : 587;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UserError(`MISURA_SMTP_PORT must be a port number (1-65535), got "${portText}"`);
  const user = env.MISURA_SMTP_USER?.trim() || null;
  const password = env.MISURA_SMTP_PASSWORD || null;
  if ((user === null) !== (password === null)) throw new UserError('MISURA_SMTP_USER and MISURA_SMTP_PASSWORD go together: set both or neither');
  const from = env.MISURA_SMTP_FROM?.trim();
  if (!from || !/^([^<>]*<)?[^\s@<>]+@[^\s@<>]+>?$/.test(from)) throw new UserError(`MISURA_SMTP_FROM must be the sender's address ("Comune <noreply@comune.example>") when MISURA_SMTP_HOST is set, got "${from ?? ''}"`);
  return { host, port, secure, user, password, from };
}

function readEventWindow(env: Record<string, string | undefined>): EventWindowSettings {
  const settings: EventWindowSettings = {};
  const from = env.MISURA_EVENTS_FROM?.trim();
  if (from) {
    if (!isLocalDate(from) || from < EARLIEST_EVENT_DATE) {
      throw new UserError(`MISURA_EVENTS_FROM must be a date written YYYY-MM-DD, not before ${EARLIEST_EVENT_DATE} (the first year whose holidays are known), got "${from}"`);
    }
    settings.from = from;
  }
  const ahead = env.MISURA_EVENTS_UNTIL_DAYS_AHEAD?.trim();
  if (ahead) {
    const days = Number(ahead);
    if (!/^\d+$/.test(ahead) || days > MAX_EVENT_DAYS_AHEAD) {
      throw new UserError(`MISURA_EVENTS_UNTIL_DAYS_AHEAD must be a whole number of days from 0 to ${MAX_EVENT_DAYS_AHEAD}, got "${ahead}"`);
    }
    settings.daysAhead = days;
  }
  return settings;
}

function readHttpTimeouts(env: Record<string, string | undefined>): HttpTimeouts {
  const seconds = (name: string, fallbackMs: number): number => {
    const text = env[name]?.trim();
    if (!text) return fallbackMs;
    const value = Number(text);
    if (!/^\d+(\.\d+)?$/.test(text) || value <= 0 || value > 3600) throw new UserError(`${name} must be a number of seconds above 0 and at most 3600, got "${text}"`);
    return Math.round(value * 1000);
  };
  const timeouts = {
    requestMs: seconds('MISURA_HTTP_REQUEST_TIMEOUT', DEFAULT_HTTP_TIMEOUTS.requestMs),
    headersMs: seconds('MISURA_HTTP_HEADERS_TIMEOUT', DEFAULT_HTTP_TIMEOUTS.headersMs),
    keepAliveMs: seconds('MISURA_HTTP_KEEP_ALIVE_TIMEOUT', DEFAULT_HTTP_TIMEOUTS.keepAliveMs),
  };
  // Node refuses a headers timeout longer than the request's; a request's headers are part of it anyway.
  timeouts.headersMs = Math.min(timeouts.headersMs, timeouts.requestMs);
  return timeouts;
}

function readSessionConfig(env: Record<string, string | undefined>): SessionConfig {
  const whole = (name: string, fallback: number, max: number): number => {
    const text = env[name]?.trim();
    if (!text) return fallback;
    if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > max) throw new UserError(`${name} must be a whole number from 1 to ${max}, got "${text}"`);
    return Number(text);
  };
  const secure = env.MISURA_COOKIE_SECURE?.trim().toLowerCase() || 'auto';
  if (!['auto', 'true', 'false'].includes(secure)) throw new UserError(`MISURA_COOKIE_SECURE must be auto, true or false, got "${secure}"`);
  return {
    idleMinutes: whole('MISURA_SESSION_IDLE_MINUTES', 30, 24 * 60),
    absoluteHours: whole('MISURA_SESSION_MAX_HOURS', 12, 24 * 30),
    cookieSecure: secure === 'auto' ? 'auto' : secure === 'true',
  };
}

function readSwitch(env: Record<string, string | undefined>, name: string, fallback: boolean): boolean {
  const value = env[name]?.trim().toLowerCase();
  if (value === undefined || value === '') return fallback;
  if (['on', 'true', '1', 'yes'].includes(value)) return true;
  if (['off', 'false', '0', 'no'].includes(value)) return false;
  throw new Error(`${name} must be "on" or "off", got "${env[name]}"`);
}
