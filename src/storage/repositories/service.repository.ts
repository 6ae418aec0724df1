import type { Insertable, Selectable } from 'kysely';
import type { Channel, Link, RichText, Service } from '../../domain/cards/card.ts';
import { compareText } from '../compare-text.ts';
import { fromJsonColumn, toJsonColumn } from '../json-column.ts';
import type { Queryable, ServicesTable } from '../schema.ts';

/** A service with its database ids and timestamps. */
export interface StoredService {
  id: number;
  organisationId: number;
  service: Service;
  createdAt: string;
  updatedAt: string;
}

/** Maps a row to the domain service plus its ids. */
export function serviceFromRow(row: Selectable<ServicesTable>): StoredService {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    service: {
      slug: row.slug,
      name: row.name,
      office: row.office,
      characteristics: fromJsonColumn<RichText>(row.characteristics_json),
      deliveryMode: fromJsonColumn<RichText>(row.delivery_mode_json),
      userTypes: fromJsonColumn<RichText>(row.user_types_json),
      diffidaBody: fromJsonColumn<RichText>(row.diffida_body_json),
      webAddress: row.web_address_json === null ? null : fromJsonColumn<Link>(row.web_address_json),
      channels: fromJsonColumn<Channel[]>(row.channels_json),
      staff: row.staff,
    },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function serviceContentColumns(service: Service) {
  return {
    name: service.name,
    office: service.office,
    characteristics_json: toJsonColumn(service.characteristics),
    delivery_mode_json: toJsonColumn(service.deliveryMode),
    user_types_json: toJsonColumn(service.userTypes),
    diffida_body_json: toJsonColumn(service.diffidaBody),
    web_address_json: service.webAddress === null ? null : toJsonColumn(service.webAddress),
    channels_json: toJsonColumn(service.channels),
    staff: service.staff,
  } satisfies Partial<Insertable<ServicesTable>>;
}

/** The organisation's service with this slug. */
export async function findService(db: Queryable, organisationId: number, slug: string): Promise<StoredService | undefined> {
  const row = await db
    .selectFrom('services')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('slug', '=', slug)
    .executeTakeFirst();
  return row && serviceFromRow(row);
}

/** Services with any of these slugs, in any organisation. */
export async function findServicesBySlugs(db: Queryable, slugs: readonly string[]): Promise<StoredService[]> {
  if (slugs.length === 0) return [];
  const rows = await db.selectFrom('services').selectAll().where('slug', 'in', slugs).orderBy('id').execute();
  return rows.map(serviceFromRow);
}

/** Services with these ids, in no particular order. */
export async function findServicesByIds(db: Queryable, ids: readonly number[]): Promise<StoredService[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('services').selectAll().where('id', 'in', ids).execute();
  return rows.map(serviceFromRow);
}

/** Every service, by slug (then organisation id). */
export async function listServices(db: Queryable): Promise<StoredService[]> {
  const rows = await db.selectFrom('services').selectAll().orderBy('id').execute();
  return rows.map(serviceFromRow).sort((a, b) => compareText(a.service.slug, b.service.slug) || a.organisationId - b.organisationId);
}

/**
 * Creates the service, or overwrites the content of the organisation's service with the same
 * slug, keeping its id and created_at; updated_at moves only when the content differs.
 * `now` is a canonical UTC ISO instant. Returns the id.
 */
export async function saveService(db: Queryable, organisationId: number, service: Service, now: string): Promise<number> {
  const content = serviceContentColumns(service);
  const existing = await db
    .selectFrom('services')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('slug', '=', service.slug)
    .executeTakeFirst();
  if (existing === undefined) {
    const row = await db
      .insertInto('services')
      .values({ organisation_id: organisationId, slug: service.slug, ...content, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }
  const changed = (Object.keys(content) as (keyof typeof content)[]).some((column) => existing[column] !== content[column]);
  if (changed) await db.updateTable('services').set({ ...content, updated_at: now }).where('id', '=', existing.id).execute();
  return existing.id;
}
