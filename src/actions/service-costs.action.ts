import { describeActor, type Actor } from '../domain/accounts/actor.ts';
import { DEFAULT_TIME_ZONE, localDateOf } from '../domain/calendar/index.ts';
import type { Organisation } from '../domain/cards/card.ts';
import { buildCostSeries, parseServiceCost, type CostFieldError, type CostInput, type CostYear, type ParsedServiceCost } from '../domain/costs/service-cost.ts';
import { EMPTY_PROFILE, effectiveServiceProfile } from '../domain/services/service-profile.ts';
import { formatWhere, UserError } from '../domain/shared/errors.ts';
import { readServiceCostsCsv, type CostFileError } from '../formats/service-costs-csv.reader.ts';
import type { Database } from '../storage/database.ts';
import { appendAuditRecord } from '../storage/repositories/audit-log.repository.ts';
import { bumpDataVersion } from '../storage/repositories/data-version.repository.ts';
import { findOrganisationsByIds } from '../storage/repositories/organisation.repository.ts';
import { findServiceCost, listServiceCosts as listStoredCosts, saveServiceCost } from '../storage/repositories/service-cost.repository.ts';
import { findServiceProfiles } from '../storage/repositories/service-profile.repository.ts';
import { findServicesByIds, findServicesBySlugs, type StoredService } from '../storage/repositories/service.repository.ts';
import { compareText } from '../storage/compare-text.ts';
import type { Queryable, Schema } from '../storage/schema.ts';
import type { Transaction } from 'kysely';
import { nowOf } from './account-deps.ts';

export interface ServiceCostDeps {
  database: Database;
  /** The clock; tests pin it. */
  now?: () => Date;
  /** The administration's time zone: it decides which year is "this year" (no costs are accounted for a later one). */
  timeZone?: string;
}

/** A year's costs refused: every field's problem, so the form can show each beside its field. */
export class CostValidationError extends UserError {
  constructor(readonly errors: readonly CostFieldError[]) {
    super(errors.map((e) => e.message).join('; '));
    this.name = 'CostValidationError';
  }
}

/** A costs file refused: every problem with its file, line and field; nothing was written. */
export class CostFileImportError extends UserError {
  constructor(
    readonly file: string,
    readonly errors: readonly CostFileError[],
  ) {
    super(`${errors.length} problem${errors.length === 1 ? '' : 's'}, nothing imported:\n${errors.map((e) => `${formatWhere({ file, line: e.line, ...(e.field === undefined ? {} : { field: e.field }) })}: ${e.message}`).join('\n')}`);
    this.name = 'CostFileImportError';
  }
}

/** One year of a service's costs, with who changed it last and when. */
export interface CostYearListing extends CostYear {
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

/** A service's costs over the years, oldest first. */
export interface ServiceCostListing {
  organisation: Organisation;
  service: { slug: string; name: string };
  years: CostYearListing[];
  /** When its first year was published, and when any year last changed (canonical UTC). */
  publishedAt: string;
  updatedAt: string;
}

/** What one recording did: a new year, or a year replaced (with what it had). */
export interface RecordedServiceCost {
  service: string;
  year: number;
  replaced: boolean;
}

function currentYearOf(deps: ServiceCostDeps): number {
  return Number(localDateOf(deps.now?.() ?? new Date(), deps.timeZone ?? DEFAULT_TIME_ZONE).slice(0, 4));
}

/** The services of these slugs (the first organisation's, as the public site picks them), by slug. */
async function findServicesOf(db: Queryable, slugs: readonly string[]): Promise<Map<string, StoredService>> {
  const found = new Map<string, StoredService>();
  for (const stored of await findServicesBySlugs(db, [...new Set(slugs)])) if (!found.has(stored.service.slug)) found.set(stored.service.slug, stored);
  return found;
}

/** Stores one year and its audit record ("service-cost.save", before and after) in the caller's transaction. */
async function storeCost(trx: Transaction<Schema>, actor: Actor, stored: StoredService, cost: ParsedServiceCost, at: string): Promise<RecordedServiceCost> {
  const { service: _slug, ...values } = cost;
  const before = (await findServiceCost(trx, stored.id, cost.year))?.cost ?? null;
  await saveServiceCost(trx, stored.id, values, describeActor(actor), at);
  await appendAuditRecord(trx, actor, { action: 'service-cost.save', entityType: 'service-cost', entityKey: `${stored.service.slug}/${cost.year}`, before, after: values }, at);
  return { service: stored.service.slug, year: cost.year, replaced: before !== null };
}

/**
 * Records (or replaces) a service's costs for a year from the typed text, all or nothing: refused with every field's
 * problem (CostValidationError) or an unknown service (UserError naming the field), else stored with its audit record
 * in one transaction. The data version moves, so the public page and the open dataset follow.
 */
export async function recordServiceCost(deps: ServiceCostDeps, actor: Actor, input: CostInput): Promise<RecordedServiceCost> {
  const parsed = parseServiceCost(input, currentYearOf(deps));
  if (parsed.cost === null) throw new CostValidationError(parsed.errors);
  const cost = parsed.cost;
  const at = nowOf(deps);
  return deps.database.db.transaction().execute(async (trx) => {
    const stored = (await findServicesOf(trx, [cost.service])).get(cost.service);
    if (stored === undefined) throw new CostValidationError([{ field: 'service', problem: 'unknown-service', message: `field "service": no stored service is called "${cost.service}"` }]);
    const recorded = await storeCost(trx, actor, stored, cost, at);
    await bumpDataVersion(trx);
    return recorded;
  });
}

/**
 * Imports a CSV of costs (service,year,actual,staff,note), all or nothing: any problem of any row, an unknown service
 * included, refuses the whole file with every problem's line and field (CostFileImportError); else every row is
 * stored, each with its audit record, in one transaction.
 */
export async function importServiceCosts(deps: ServiceCostDeps, actor: Actor, file: { name: string; content: Uint8Array | string }): Promise<RecordedServiceCost[]> {
  const read = readServiceCostsCsv(file.content, currentYearOf(deps));
  if (read.costs === null) throw new CostFileImportError(file.name, read.errors);
  const rows = read.costs;
  const at = nowOf(deps);
  return deps.database.db.transaction().execute(async (trx) => {
    const services = await findServicesOf(trx, rows.map((row) => row.cost.service));
    const unknown = rows.filter((row) => !services.has(row.cost.service));
    if (unknown.length > 0) {
      throw new CostFileImportError(file.name, unknown.map((row) => ({ line: row.line, field: 'service' as const, message: `no stored service is called "${row.cost.service}"` })));
    }
    const recorded: RecordedServiceCost[] = [];
    for (const { cost } of rows) recorded.push(await storeCost(trx, actor, services.get(cost.service)!, cost, at));
    await bumpDataVersion(trx);
    return recorded;
  });
}

/** Every service with recorded costs, as a series oldest year first, by service slug. */
export async function listServiceCosts(deps: ServiceCostDeps): Promise<ServiceCostListing[]> {
  const { db } = deps.database;
  const stored = await listStoredCosts(db);
  if (stored.length === 0) return [];
  const serviceIds = [...new Set(stored.map((row) => row.serviceId))];
  const [profiles, services] = await Promise.all([findServiceProfiles(db, serviceIds), findServicesByIds(db, serviceIds)]);
  const byId = new Map(services.map((s) => [s.id, s]));
  const organisations = new Map((await findOrganisationsByIds(db, [...new Set([...byId.values()].map((s) => s.organisationId))])).map((o) => [o.id, o]));
  const listings: ServiceCostListing[] = [];
  for (const serviceId of serviceIds) {
    const service = byId.get(serviceId);
    const organisation = service === undefined ? undefined : organisations.get(service.organisationId);
    if (service === undefined || organisation === undefined) throw new Error(`service ${serviceId} has costs but no service or organisation: the database is inconsistent`);
    const rows = stored.filter((row) => row.serviceId === serviceId);
    const [series] = buildCostSeries(rows.map((row) => ({ service: service.service.slug, cost: row.cost })));
    const meta = new Map(rows.map((row) => [row.cost.year, row]));
    listings.push({
      organisation: { slug: organisation.slug, name: organisation.name },
      service: { slug: service.service.slug, name: effectiveServiceProfile(service.service, profiles.get(serviceId)?.profile ?? EMPTY_PROFILE).service.name },
      years: (series?.years ?? []).map((year) => {
        const row = meta.get(year.year)!;
        return { ...year, createdAt: row.createdAt, updatedBy: row.updatedBy, updatedAt: row.updatedAt };
      }),
      publishedAt: rows.reduce((min, row) => (row.createdAt < min ? row.createdAt : min), rows[0]!.createdAt),
      updatedAt: rows.reduce((max, row) => (row.updatedAt > max ? row.updatedAt : max), rows[0]!.updatedAt),
    });
  }
  return listings.sort((a, b) => compareText(a.service.slug, b.service.slug) || compareText(a.organisation.slug, b.organisation.slug));
}
