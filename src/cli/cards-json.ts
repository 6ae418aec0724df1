import type { CardListing, IndicatorListing } from '../actions/list-cards.action.ts';
import { isDimensionUnstated } from '../domain/cards/dimension.ts';

/** An indicator as the CLI's JSON prints it: the dimension a document did not state is null, as is its key. */
export type IndicatorJson = Omit<IndicatorListing, 'dimension' | 'dimensionKey'> & { dimension: string | null; dimensionKey: string | null };

/**
 * Cards as `misura cards --json` and `misura import --dry-run --json` print them. A row whose document states no
 * dimension is stored as "Dimensione non indicata" (key non-indicata) so that it can be found and chosen; other tools
 * are told the document's own answer, none (null), never a label misura made up. The HTTP API and the open data keep
 * the stored label, as before.
 */
export function cardsAsJson<T extends CardListing>(cards: readonly T[]): (Omit<T, 'indicators'> & { indicators: IndicatorJson[] })[] {
  return cards.map((card) => ({
    ...card,
    indicators: card.indicators.map((indicator): IndicatorJson => (isDimensionUnstated(indicator.dimensionKey) ? { ...indicator, dimension: null, dimensionKey: null } : indicator)),
  }));
}
