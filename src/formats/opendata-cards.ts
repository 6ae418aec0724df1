import type { Indicator, Organisation } from '../domain/cards/card.ts';
import type { Target } from '../domain/cards/target.ts';
import type { OpenDataColumn, OpenDataTable } from './opendata-table.ts';

/** An indicator as a card declares it (the stored card listing fits). */
export interface OpenDataCardIndicator
  extends Pick<Indicator, 'position' | 'slug' | 'dimension' | 'dimensionKey' | 'subdimension' | 'description' | 'formula' | 'additional'> {
  target: Pick<Target, 'text' | 'comparator' | 'value' | 'unit' | 'period' | 'measurable'>;
}

/** One edition of a service's card (the stored card listing fits). */
export interface OpenDataCard {
  organisation: Organisation;
  serviceSlug: string;
  /** The service's name. */
  service: string;
  /** The edition key: the year as text, or "undated". */
  edition: string;
  indicators: readonly OpenDataCardIndicator[];
}

/** The columns of the "carte" dataset, in file order. */
export const CARD_COLUMNS: readonly OpenDataColumn[] = [
  { name: 'year', kind: 'integer' },
  { name: 'organisation', kind: 'text' },
  { name: 'organisation_name', kind: 'text' },
  { name: 'service', kind: 'text' },
  { name: 'service_name', kind: 'text' },
  { name: 'edition', kind: 'text' },
  { name: 'position', kind: 'integer' },
  { name: 'indicator', kind: 'text' },
  { name: 'dimension', kind: 'text' },
  { name: 'dimension_key', kind: 'text' },
  { name: 'subdimension', kind: 'text' },
  { name: 'additional', kind: 'boolean' },
  { name: 'description', kind: 'text' },
  { name: 'formula', kind: 'text' },
  { name: 'target', kind: 'text' },
  { name: 'target_comparator', kind: 'text' },
  { name: 'target_value', kind: 'number' },
  { name: 'target_unit', kind: 'text' },
  { name: 'target_period', kind: 'text' },
  { name: 'target_measurable', kind: 'boolean' },
];

/** The "carte" dataset of `year`: one row per indicator of each card in force, in the given card order. */
export function cardsTableOf(year: number, cards: readonly OpenDataCard[]): OpenDataTable {
  const rows = cards.flatMap((card) =>
    [...card.indicators]
      .sort((a, b) => a.position - b.position)
      .map((indicator) => ({
        year,
        organisation: card.organisation.slug,
        organisation_name: card.organisation.name,
        service: card.serviceSlug,
        service_name: card.service,
        edition: card.edition,
        position: indicator.position,
        indicator: indicator.slug,
        dimension: indicator.dimension,
        dimension_key: indicator.dimensionKey,
        subdimension: indicator.subdimension,
        additional: indicator.additional,
        description: indicator.description,
        formula: indicator.formula,
        target: indicator.target.text,
        target_comparator: indicator.target.comparator,
        target_value: indicator.target.value,
        target_unit: indicator.target.unit,
        target_period: indicator.target.period,
        target_measurable: indicator.target.measurable,
      })),
  );
  return { columns: CARD_COLUMNS, rows };
}
