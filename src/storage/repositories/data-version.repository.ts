import type { Queryable } from '../schema.ts';

/** The current data version: one indexed single-row read, cheap enough for every request. */
export async function readDataVersion(db: Queryable): Promise<number> {
  const row = await db.selectFrom('data_version').select('version').where('id', '=', 1).executeTakeFirst();
  return row === undefined ? 0 : Number(row.version);
}

/**
 * Bumps the data version; call it in the transaction that changes events, measures or cards, so that the new
 * version becomes visible exactly when the change does. Returns the new version.
 */
export async function bumpDataVersion(db: Queryable): Promise<number> {
  await db
    .updateTable('data_version')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', 1)
    .execute();
  return readDataVersion(db);
}
