import type { CardListing } from '../../actions/list-cards.action.ts';
import { addDays } from '../../domain/calendar/index.ts';
import { cardsTableOf } from '../../formats/opendata-cards.ts';
import { resultsTableOf } from '../../formats/opendata-results.ts';
import type { OpenDataTable } from '../../formats/opendata-table.ts';
import type { SiteDeps } from '../site-settings.ts';
import { pickCardInForce } from '../view/card-in-force.ts';

/** The datasets published for each year: the cards in force ("carte") and the measured values ("risultati"). */
export const DATASET_KINDS = ['carte', 'risultati'] as const;
export type DatasetKind = (typeof DATASET_KINDS)[number];

export const DATASET_FORMATS = ['csv', 'json'] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

/** One dataset of one year. */
export interface OpenDataset {
  kind: DatasetKind;
  year: number;
  /** "carte-2021": unique in the catalogue. */
  identifier: string;
  /** ISO date of its last change (see modifiedOf). */
  modified: string;
}

/** The catalogue's path, from the site root. */
export const CATALOGUE_PATH = '/opendata/catalogo.jsonld';

/** The site path of a dataset file: "/opendata/2021/carte.csv". */
export function datasetPathOf(kind: DatasetKind, year: number, format: DatasetFormat): string {
  return `/opendata/${year}/${kind}.${format}`;
}

/** The years with datasets, newest first: every year of a card edition, and the current year. */
export function openDataYearsOf(cards: readonly { year: number | null }[], currentYear: number): number[] {
  const years = new Set([currentYear, ...cards.flatMap((card) => (card.year === null ? [] : [card.year]))]);
  return [...years].sort((a, b) => b - a);
}

/**
 * When a dataset last changed, as an ISO date. Results are computed up to the day before today or the end of their
 * year, whichever comes first (as the evaluation's "as of"). Cards carry no change date in their listing, so theirs is
 * today: the file is rebuilt from the database on every request.
 */
export function modifiedOf(kind: DatasetKind, year: number, today: string): string {
  if (kind === 'carte') return today;
  const yesterday = addDays(today, -1);
  const yearEnd = `${year}-12-31`;
  return yesterday < yearEnd ? yesterday : yearEnd;
}

/** Every dataset, newest year first, cards before results. */
export function openDatasetsOf(years: readonly number[], today: string): OpenDataset[] {
  return years.flatMap((year) => DATASET_KINDS.map((kind) => ({ kind, year, identifier: `${kind}-${year}`, modified: modifiedOf(kind, year, today) })));
}

/** For each service, the edition of its card in force in `year`, in listing order (organisation, service). */
export function cardsInForceOf(cards: readonly CardListing[], year: number): CardListing[] {
  const byService = new Map<string, CardListing[]>();
  for (const card of cards) {
    const key = `${card.organisation.slug}/${card.serviceSlug}`;
    byService.set(key, [...(byService.get(key) ?? []), card]);
  }
  return [...byService.values()].flatMap((editions) => {
    const card = pickCardInForce(editions, year);
    return card === undefined ? [] : [card];
  });
}

/** The rows of a dataset, from the actions. */
export async function loadDatasetTable(deps: SiteDeps, kind: DatasetKind, year: number, cards: readonly CardListing[]): Promise<OpenDataTable> {
  switch (kind) {
    case 'carte':
      return cardsTableOf(year, cardsInForceOf(cards, year));
    case 'risultati':
      return resultsTableOf(year, await deps.actions.getReport({ year, granularity: 'month' }));
  }
}
