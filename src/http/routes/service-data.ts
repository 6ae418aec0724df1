import { PUBLIC_EDITIONS, type CardListing } from '../../actions/list-cards.action.ts';
import type { ServiceListing } from '../../actions/list-services.action.ts';
import type { IndicatorReport } from '../../domain/evaluation/indicator-report.ts';
import { PageNotFoundError } from '../page-errors.ts';
import type { SiteDeps } from '../site-settings.ts';
import { indicatorTitle } from '../pages/parts/card-table.tsx';
import type { DiffidaOffer } from '../pages/parts/diffida-section.tsx';
import { pickCardInForce } from '../view/card-in-force.ts';

/** A service and every edition of its card, oldest first (undated last). */
export interface ServiceWithCards {
  listing: ServiceListing;
  cards: CardListing[];
}

/** The service with this slug and its cards; PageNotFoundError when there is none. */
export async function loadServiceWithCards(deps: SiteDeps, slug: string): Promise<ServiceWithCards> {
  const services = await deps.actions.listServices();
  // Slugs are unique per organisation; a site normally publishes one, so the first match is the service.
  const listing = services.find((s) => s.service.slug === slug);
  if (listing === undefined) throw new PageNotFoundError(`service "${slug}"`);
  const cards = (await deps.actions.listCards({ service: slug, statuses: PUBLIC_EDITIONS })).filter(
    (card) => card.serviceSlug === slug && card.organisation.slug === listing.organisation.slug,
  );
  return { listing, cards };
}

/** The year's evaluations of this service's indicators in this edition, by indicator slug. */
export async function loadReports(deps: SiteDeps, serviceSlug: string, edition: string, year: number): Promise<Map<string, IndicatorReport>> {
  const reports = await deps.actions.getReport({ year, granularity: 'month' });
  return new Map(
    reports.filter((r) => r.service.slug === serviceSlug && r.card.edition === edition).map((r) => [r.indicator.slug, r]),
  );
}

/** The diffida form's standards (the card in force's) and recipient, when the site registers diffide. */
export async function loadDiffidaOffer(deps: SiteDeps, serviceSlug: string, cards: readonly CardListing[], year: number): Promise<DiffidaOffer | undefined> {
  const { actions } = deps;
  if (actions.sendDiffida === undefined || actions.findServiceDiffidaRecipient === undefined) return undefined;
  const card = pickCardInForce(cards, year);
  const standards = (card?.indicators ?? []).map((indicator) => ({ slug: indicator.slug, title: indicatorTitle(indicator) }));
  return { standards, recipient: await actions.findServiceDiffidaRecipient(serviceSlug) };
}
