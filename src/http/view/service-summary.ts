import type { CardListing } from '../../actions/list-cards.action.ts';
import type { ServiceListing } from '../../actions/list-services.action.ts';
import type { EvaluationStatus } from '../../domain/evaluation/evaluation.ts';
import type { IndicatorReport } from '../../domain/evaluation/indicator-report.ts';
import { pickCardInForce } from './card-in-force.ts';

/** One service on the home page: how many of its standards have each status this year. */
export interface ServiceSummary {
  slug: string;
  name: string;
  organisationName: string;
  /** The card edition in force, or null when the service has no card for the year. */
  edition: string | null;
  total: number;
  counts: Record<EvaluationStatus, number>;
}

/**
 * Counts the statuses of the indicators of each service's card in force in `year`. An indicator
 * with no evaluation counts as "no-data": a card is published before anything is measured.
 */
export function summariseServices(
  services: readonly ServiceListing[],
  cards: readonly CardListing[],
  reports: readonly IndicatorReport[],
  year: number,
): ServiceSummary[] {
  return services.map(({ organisation, service }) => {
    const card = pickCardInForce(
      cards.filter((c) => c.serviceSlug === service.slug && c.organisation.slug === organisation.slug),
      year,
    );
    const statuses = new Map(reports.filter((r) => r.service.slug === service.slug).map((r) => [r.indicator.slug, r.year.status]));
    const counts: Record<EvaluationStatus, number> = { met: 0, missed: 0, 'at-risk': 0, 'below-target': 0, 'no-data': 0 };
    for (const indicator of card?.indicators ?? []) counts[statuses.get(indicator.slug) ?? 'no-data'] += 1;
    return {
      slug: service.slug,
      name: service.name,
      organisationName: organisation.name,
      edition: card?.edition ?? null,
      total: card?.indicators.length ?? 0,
      counts,
    };
  });
}
