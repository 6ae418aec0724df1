import type { OpeningHours } from '../domain/cards/card.ts';
import type { MeasureEvent, AttributeValue } from '../domain/events/event.ts';

/**
 * The demo's story, in one place. The four seed services are named in events by short keys (what an office's own
 * systems would call them), which seeds/measures.yaml selects on. The numbers below are chosen so that, for a year
 * evaluated up to yesterday, most standards are met, a few are missed and exactly one is at risk, whatever the seed.
 */
export const SERVICE_KEYS = {
  serviziLavoro: 'servizi-lavoro',
  cliclavoro: 'cliclavoro',
  retiSociali: 'reti-sociali',
  centroDiContatto: 'centro-di-contatto',
} as const;

/** What the demo generator needs. */
export interface DemoOptions {
  /** Same seed, same events (ids included), so re-running is idempotent. */
  seed: number;
  year: number;
  /** Last local date with events, 'YYYY-MM-DD' in `year` (the day before "today"). */
  lastDate: string;
  /** The contact centre's phone hours, as the imported card states them (default: Monday–Friday 09:00–20:00). */
  phoneHours?: OpeningHours;
}

/** The contact centre's phone hours on the seed card. */
export const DEFAULT_PHONE_HOURS: OpeningHours = { weekdays: [1, 2, 3, 4, 5], opens: '09:00', closes: '20:00' };

/** A probed endpoint: checks every 12–15 minutes, `unavailableShare` of the days with a long outage. */
export interface Monitor {
  name: string;
  channel: 'web' | 'app';
  url: string;
  /** Days with a long outage, as a share of the days so far (rounded; at least one when `atLeastOne`). */
  unavailableShare: number;
  atLeastOne: boolean;
  /** Long outages are kept out of the last four weeks, so the forecast of a met standard stays met. */
  keepOutOfRecentWeeks: boolean;
  /** The service whose incident log records the long outages as days of disruption, if any. */
  disruptionOf: string | null;
}

export const MONITORS: readonly Monitor[] = [
  { name: 'servizi-lavoro-web', channel: 'web', url: 'https://servizi.lavoro.gov.it/', unavailableShare: 0.011, atLeastOne: false, keepOutOfRecentWeeks: true, disruptionOf: SERVICE_KEYS.serviziLavoro },
  { name: 'dimissioni-app', channel: 'app', url: 'https://servizi.lavoro.gov.it/api/dimissioni/health', unavailableShare: 0.014, atLeastOne: false, keepOutOfRecentWeeks: true, disruptionOf: null },
  { name: 'cliclavoro-web', channel: 'web', url: 'https://www.cliclavoro.gov.it/', unavailableShare: 0.009, atLeastOne: false, keepOutOfRecentWeeks: true, disruptionOf: SERVICE_KEYS.cliclavoro },
  // The ageing Iclavoro app: its backend fails often, so its availability standard is missed.
  { name: 'iclavoro-app', channel: 'app', url: 'https://www.cliclavoro.gov.it/iclavoro/api/health', unavailableShare: 0.08, atLeastOne: true, keepOutOfRecentWeeks: false, disruptionOf: null },
];

/** The blog and social pages of "Reti sociali": 14 days of disruption so far against a maximum of 15 → at risk. */
export const RETI_SOCIALI_DISRUPTION_DAYS = 14;

/** One indicator of the seed cards, by the slugs of measures.yaml. */
export interface IndicatorRef {
  service: string;
  edition: string;
  indicator: string;
}

/** What the demo is built to show for a year evaluated up to a date between mid-January and late December. */
/**
 * The standards the demo's year does not meet: each one "missed" when the year is over or it can no longer be met,
 * "below target" while the rest of the year could still make it (so which of the two depends on the day).
 */
export const DEMO_EXPECTED: { notMet: readonly IndicatorRef[]; atRisk: readonly IndicatorRef[] } = {
  notMet: [
    // One accessibility intervention is still waiting for the supplier: 100% cannot be reached.
    { service: 'servizi-lavoro-portale-per-l-accesso-unico-ai-servizi', edition: '2021', indicator: 'equita' },
    // The Iclavoro app's backend is down on about 8% of the days.
    { service: 'cliclavoro-portale-unico-della-rete-nazionale-dei-servizi', edition: '2018', indicator: 'multicanale-2' },
    // One accreditation request waited 5 days for its credentials (the maximum is 3).
    { service: 'cliclavoro-portale-unico-della-rete-nazionale-dei-servizi', edition: '2018', indicator: 'tempestivita-accreditamento' },
    // About 1.6% of the reports are about a non-conforming answer (the maximum is 1%).
    { service: 'reti-sociali-virtuali-e-blog-di-cliclavoro', edition: '2016', indicator: 'conformita-e-affidabilita' },
    // Busy Mondays: about 92% of the calls are answered within 5 minutes (the minimum is 95%).
    { service: 'centro-di-contatto', edition: 'undated', indicator: 'tempestivita' },
  ],
  atRisk: [{ service: 'reti-sociali-virtuali-e-blog-di-cliclavoro', edition: '2016', indicator: 'continuita' }],
};

/** An event with the fields every generator fills the same way. */
export function demoEvent(
  source: string,
  kind: string,
  id: string,
  subject: string | null,
  occurredAt: Date,
  attributes: Record<string, AttributeValue>,
): MeasureEvent {
  return { id, source, kind, subject, occurredAt, attributes };
}
