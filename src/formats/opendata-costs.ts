import type { Organisation } from '../domain/cards/card.ts';
import type { CostYear } from '../domain/costs/service-cost.ts';
import type { OpenDataCell, OpenDataColumn, OpenDataTable } from './opendata-table.ts';

/** A service's costs over the years, as the open dataset needs them (the action's listing fits). */
export interface OpenDataServiceCosts {
  organisation: Organisation;
  service: { slug: string; name: string };
  years: readonly (CostYear & { updatedAt: string })[];
}

/** The columns of the "costi" dataset, in file order. Amounts in euro with a dot for decimals, as every open dataset. */
export const COST_COLUMNS: readonly OpenDataColumn[] = [
  { name: 'organisation', kind: 'text' },
  { name: 'service', kind: 'text' },
  { name: 'service_name', kind: 'text' },
  { name: 'year', kind: 'integer' },
  { name: 'actual_eur', kind: 'number' },
  { name: 'staff_eur', kind: 'number' },
  { name: 'total_eur', kind: 'number' },
  { name: 'volume', kind: 'integer' },
  { name: 'cost_per_unit_eur', kind: 'number' },
  { name: 'note', kind: 'text' },
  { name: 'source', kind: 'text' },
  /** The day the year's figures last changed (UTC). */
  { name: 'updated', kind: 'date' },
];

/** Cents as euro: exact for every amount the domain accepts (below 2^53 cents). */
const euro = (cents: number): number => cents / 100;

/** Every service's costs, one row per service and year, services in the order given and years ascending. */
export function costsTableOf(services: readonly OpenDataServiceCosts[]): OpenDataTable {
  const rows = services.flatMap((listing) =>
    listing.years.map(
      (year): Record<string, OpenDataCell> => ({
        organisation: listing.organisation.slug,
        service: listing.service.slug,
        service_name: listing.service.name,
        year: year.year,
        actual_eur: euro(year.actualCents),
        staff_eur: euro(year.staffCents),
        total_eur: euro(year.totalCents),
        volume: year.volume,
        cost_per_unit_eur: year.costPerUnitCents === null ? null : euro(year.costPerUnitCents),
        note: year.note,
        source: year.source,
        updated: year.updatedAt.slice(0, 10),
      }),
    ),
  );
  return { columns: COST_COLUMNS, rows };
}
