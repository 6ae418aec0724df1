import type { CardListing } from '../../actions/list-cards.action.ts';
import { addDays, localDateOf } from '../../domain/calendar/index.ts';
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
  /** ISO date of its first publication (see datesOf). */
  issued: string;
  /** ISO date of its last change (see datesOf). */
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

/** The first and last day (local ISO dates) the published cards changed, or null when none is published. */
interface PublicationSpan {
  first: string;
  last: string;
}

function spanOf(days: readonly string[]): PublicationSpan | null {
  if (days.length === 0) return null;
  const sorted = [...days].sort();
  return { first: sorted[0]!, last: sorted[sorted.length - 1]! };
}

const earliest = (a: string, b: string) => (a < b ? a : b);
const latest = (a: string, b: string) => (a > b ? a : b);

/**
 * When a dataset was first published (issued) and last changed (modified), as ISO dates from the data, so that the
 * catalogue says the same thing all day rather than "now" on every request. Cards: issued on the first publication of
 * an edition of that year or before, modified on the latest publication among the editions in force that year (none
 * published: 1 January of the year). Results: issued when both the year and its cards had begun; modified on the day
 * their evaluation runs to (yesterday, or the end of their year). Never after today, never modified before issued.
 */
export function datesOf(kind: DatasetKind, year: number, today: string, cards: readonly CardListing[], timeZone: string): { issued: string; modified: string } {
  const publishedOn = (card: CardListing) => (card.lifecycle.publishedAt === null ? [] : [localDateOf(new Date(card.lifecycle.publishedAt), timeZone)]);
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  const upToYear = spanOf(cards.filter((card) => card.year === null || card.year <= year).flatMap(publishedOn));
  const inForce = spanOf(cardsInForceOf(cards, year).flatMap(publishedOn));
  const cardsIssued = earliest(today, upToYear?.first ?? yearStart);
  if (kind === 'carte') {
    const modified = earliest(today, latest(cardsIssued, inForce?.last ?? yearStart));
    return { issued: cardsIssued, modified };
  }
  const issued = earliest(today, latest(yearStart, cardsIssued));
  const evaluatedTo = earliest(addDays(today, -1), yearEnd);
  return { issued, modified: earliest(today, latest(issued, evaluatedTo)) };
}

/** Every dataset, newest year first, cards before results, with their dates from the published cards. */
export function openDatasetsOf(years: readonly number[], today: string, cards: readonly CardListing[] = [], timeZone = 'Europe/Rome'): OpenDataset[] {
  return years.flatMap((year) => DATASET_KINDS.map((kind) => ({ kind, year, identifier: `${kind}-${year}`, ...datesOf(kind, year, today, cards, timeZone) })));
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
