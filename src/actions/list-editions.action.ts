import type { EditionRecord } from '../domain/editions/edition.ts';
import type { Database } from '../storage/database.ts';
import { listCards, type StoredCard } from '../storage/repositories/card.repository.ts';
import { loadServiceEditions, sortEditions, type ServiceEditions } from './edition-steps.ts';

/** One edition of a service's card, as `misura editions list` and the back office show it. */
export interface EditionListing extends EditionRecord {
  service: string;
  serviceSlug: string;
  year: number | null;
  indicatorCount: number;
}

export function listingOf(service: Pick<ServiceEditions, 'serviceSlug'>, stored: StoredCard): EditionListing {
  return { ...stored.edition, service: stored.card.service.name, serviceSlug: service.serviceSlug, year: stored.card.year, indicatorCount: stored.card.indicators.length };
}

/** Every edition of every service (or of one), in any state: by organisation and service, then in the order they follow. */
export async function listEditions(deps: { database: Database }, filter: { service?: string } = {}): Promise<EditionListing[]> {
  const { db } = deps.database;
  if (filter.service !== undefined) {
    const service = await loadServiceEditions(db, filter.service);
    return service.editions.map((stored) => listingOf(service, stored));
  }
  const byService = new Map<number, StoredCard[]>();
  for (const stored of await listCards(db)) byService.set(stored.serviceId, [...(byService.get(stored.serviceId) ?? []), stored]);
  return [...byService.values()].flatMap((editions) => sortEditions(editions).map((stored) => listingOf({ serviceSlug: stored.card.service.slug }, stored)));
}
