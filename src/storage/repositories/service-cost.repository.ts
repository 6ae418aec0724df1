import type { Selectable } from 'kysely';
import type { ServiceCost } from '../../domain/costs/service-cost.ts';
import type { Queryable, ServiceCostsTable } from '../schema.ts';

/** A service's costs for a year as stored, with when they were first recorded and who changed them last. */
export interface StoredServiceCost {
  serviceId: number;
  cost: ServiceCost;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

function costFromRow(row: Selectable<ServiceCostsTable>): StoredServiceCost {
  return {
    serviceId: row.service_id,
    cost: {
      // PostgreSQL's driver hands bigint (and sometimes integer) columns back as text; the domain wants numbers.
      year: Number(row.year),
      actualCents: Number(row.actual_cents),
      staffCents: Number(row.staff_cents),
      volume: row.volume === null ? null : Number(row.volume),
      note: row.note,
      source: row.source,
    },
    createdAt: row.created_at,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

/** Every stored year of costs (of these services when given), by service id then year. */
export async function listServiceCosts(db: Queryable, serviceIds?: readonly number[]): Promise<StoredServiceCost[]> {
  if (serviceIds !== undefined && serviceIds.length === 0) return [];
  let query = db.selectFrom('service_costs').selectAll();
  if (serviceIds !== undefined) query = query.where('service_id', 'in', serviceIds);
  const rows = await query.orderBy('service_id').orderBy('year').execute();
  return rows.map(costFromRow);
}

/** One service's costs for one year, or undefined. */
export async function findServiceCost(db: Queryable, serviceId: number, year: number): Promise<StoredServiceCost | undefined> {
  const row = await db.selectFrom('service_costs').selectAll().where('service_id', '=', serviceId).where('year', '=', year).executeTakeFirst();
  return row === undefined ? undefined : costFromRow(row);
}

/** Sets a service's costs for a year, replacing what it had; the first recording's instant stays. */
export async function saveServiceCost(db: Queryable, serviceId: number, cost: ServiceCost, updatedBy: string, at: string): Promise<void> {
  const columns = {
    actual_cents: cost.actualCents,
    staff_cents: cost.staffCents,
    volume: cost.volume,
    note: cost.note,
    source: cost.source,
    updated_by: updatedBy,
    updated_at: at,
  };
  await db
    .insertInto('service_costs')
    .values({ service_id: serviceId, year: cost.year, created_at: at, ...columns })
    .onConflict((oc) => oc.columns(['service_id', 'year']).doUpdateSet(columns))
    .execute();
}
