import { accessSync, constants } from 'node:fs';
import { isAbsolute } from 'node:path';
import { readConfig, type Config } from '../config/config.ts';

/** One setting that is missing or suspicious for a production install. */
export interface ReadinessFinding {
  /** The environment variable to set or fix ("MISURA_BASE_URL"). */
  setting: string;
  /** What is wrong and what follows from it, in one sentence. */
  problem: string;
}

export interface ReadinessReport {
  ready: boolean;
  findings: ReadinessFinding[];
}

export interface ReadinessDeps {
  /** Whether a file exists and can be read; the real file system by default. */
  canRead?: (path: string) => boolean;
}

function canReadFile(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** A host no one outside this machine or network reaches: a base URL on it cannot be the public address. */
const LOCAL_HOST = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0|[^.]+|.+\.(local|localhost|internal|test|invalid|example))$/i;

/** The settings of a production install that are missing or suspicious, from a configuration already read. */
export function findReadinessProblems(config: Config, deps: ReadinessDeps = {}): ReadinessFinding[] {
  const canRead = deps.canRead ?? canReadFile;
  const findings: ReadinessFinding[] = [];
  const add = (setting: string, problem: string) => findings.push({ setting, problem });
  const pa = config.administration;

  if (pa.baseUrl === null) {
    add('MISURA_BASE_URL', 'not set: absolute links and the open data catalogue follow the request\'s Host header, which a client chooses');
  } else {
    const url = new URL(pa.baseUrl);
    if (url.protocol !== 'https:') add('MISURA_BASE_URL', `${pa.baseUrl} is not https: the catalogue and links would send readers over plain http`);
    if (LOCAL_HOST.test(url.hostname)) add('MISURA_BASE_URL', `${url.hostname} is not a public host name`);
  }
  if (pa.name === null) add('MISURA_PA_NAME', 'not set: the site is named after the cards\' organisation, or "misura" when there are several');
  if (pa.ipaCode === null) add('MISURA_PA_IPA', 'not set: the open data publisher is identified by a slug, not by its IPA code as DCAT-AP_IT asks');
  if (pa.email === null) add('MISURA_PA_EMAIL', 'not set: the open data contact point and the accessibility feedback have no e-mail');
  if (pa.pec === null) add('MISURA_PA_PEC', 'not set: the privacy notice gives no certified e-mail (PEC) of the administration');
  if (pa.accessibilityUrl === null) add('MISURA_ACCESSIBILITY_URL', 'not set: the footer links no official accessibility statement (form.agid.gov.it, legge 4/2004)');
  if (pa.privacy.controller === null) add('MISURA_PRIVACY_CONTROLLER', 'not set: the privacy notice (GDPR art. 13) does not name the controller');
  if (pa.privacy.dpoEmail === null) add('MISURA_DPO_EMAIL', 'not set: the privacy notice gives no contact of the data protection officer (GDPR art. 37)');
  if (pa.logoPath !== null && !canRead(pa.logoPath)) add('MISURA_PA_LOGO', `${pa.logoPath} cannot be read: the header would show a broken image`);

  if (config.smtp === null) add('MISURA_SMTP_HOST', 'not set: no e-mail is sent, so citizens get no diffida receipt and the quality office no notice');

  const db = config.databaseUrl;
  if (db === ':memory:') add('MISURA_DB_URL', 'an in-memory SQLite database loses everything when the server stops');
  else if (!/^postgres(ql)?:\/\//.test(db) && !isAbsolute(db)) {
    add('MISURA_DB_URL', `SQLite at ${db}, relative to the working directory: use an absolute path on a backed-up disk, or PostgreSQL`);
  }
  if (config.sessions.cookieSecure === false) add('MISURA_COOKIE_SECURE', 'false: back-office session cookies would travel over plain http too');
  return findings;
}

/**
 * Whether the environment describes a production install (`misura doctor`): every missing or suspicious setting, and a
 * setting that does not even read (which any command would refuse) as the one finding.
 */
export function checkReadiness(env: Record<string, string | undefined>, deps: ReadinessDeps = {}): ReadinessReport {
  let config: Config;
  try {
    config = readConfig(env);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ready: false, findings: [{ setting: /^(MISURA_[A-Z_]+)/.exec(message)?.[1] ?? 'configuration', problem: message }] };
  }
  const findings = findReadinessProblems(config, deps);
  return { ready: findings.length === 0, findings };
}
