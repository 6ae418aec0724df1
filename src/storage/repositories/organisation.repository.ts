import type { Selectable } from 'kysely';
import type { Organisation } from '../../domain/cards/card.ts';
import { compareText } from '../compare-text.ts';
import type { OrganisationsTable, Queryable } from '../schema.ts';

/** An organisation with its database id. */
export interface StoredOrganisation extends Organisation {
  id: number;
}

/** Maps a row to the domain value plus its id. */
export function organisationFromRow(row: Selectable<OrganisationsTable>): StoredOrganisation {
  return { id: row.id, slug: row.slug, name: row.name };
}

/** Finds the organisation with this slug. */
export async function findOrganisationBySlug(db: Queryable, slug: string): Promise<StoredOrganisation | undefined> {
  const row = await db.selectFrom('organisations').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row && organisationFromRow(row);
}

/** Organisations with these ids, in no particular order. */
export async function findOrganisationsByIds(db: Queryable, ids: readonly number[]): Promise<StoredOrganisation[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('organisations').selectAll().where('id', 'in', ids).execute();
  return rows.map(organisationFromRow);
}

/** Every organisation, by slug. */
export async function listOrganisations(db: Queryable): Promise<StoredOrganisation[]> {
  const rows = await db.selectFrom('organisations').selectAll().orderBy('id').execute();
  return rows.map(organisationFromRow).sort((a, b) => compareText(a.slug, b.slug));
}

/** Creates the organisation, or renames the one with the same slug; keeps its id. */
export async function saveOrganisation(db: Queryable, organisation: Organisation): Promise<StoredOrganisation> {
  const row = await db
    .insertInto('organisations')
    .values({ slug: organisation.slug, name: organisation.name })
    .onConflict((oc) => oc.column('slug').doUpdateSet((eb) => ({ name: eb.ref('excluded.name') })))
    .returningAll()
    .executeTakeFirstOrThrow();
  return organisationFromRow(row);
}

