import type { AdministrationConfig } from '../config/config.ts';
import { localDateOf } from '../domain/calendar/index.ts';
import type { SiteActions } from './site-actions.ts';

/** The public site's settings, already checked. */
export interface SiteSettings {
  /** The clock; tests pin it. */
  now: () => Date;
  /** The administration's time zone: it decides which year is "this year". */
  timeZone: string;
  accessibilityStatementUrl: string | null;
  contactEmail: string | null;
  /** How long /readyz waits for the database before answering 503. */
  readinessTimeoutMs: number;
  /**
   * MISURA_BASE_URL, checked, no trailing slash: every absolute IRI and link is built on it. Unset (development),
   * they follow the request's scheme and Host header.
   */
  baseUrl?: string | null;
  /** The administration running the site (MISURA_PA_*, privacy settings); unset in development and most tests. */
  administration?: AdministrationConfig;
}

/** What route handlers get: the actions to call and the settings. */
export interface SiteDeps {
  actions: SiteActions;
  settings: SiteSettings;
}

/** The current year in the administration's time zone. */
export function currentYearOf(settings: SiteSettings): number {
  return Number(localDateOf(settings.now(), settings.timeZone).slice(0, 4));
}
