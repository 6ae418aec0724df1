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

/** The rollup epoch: moved by every write of day_rollups (see rollup.repository.ts). */
export async function readRollupEpoch(db: Queryable): Promise<number> {
  const row = await db.selectFrom('data_version').select('rollup_epoch').where('id', '=', 1).executeTakeFirst();
  return row === undefined ? 0 : Number(row.rollup_epoch);
}

/**
 * Moves the rollup epoch by one if it is still `expected`: true when it was (no one wrote rollups since it was read),
 * false otherwise. One conditional UPDATE, so that as the first statement of a transaction it also takes SQLite's
 * write lock at once, and on PostgreSQL waits for a concurrent writer of the row and re-checks against its commit.
 */
export async function advanceRollupEpoch(db: Queryable, expected: number): Promise<boolean> {
  const result = await db
    .updateTable('data_version')
    .set((eb) => ({ rollup_epoch: eb('rollup_epoch', '+', 1) }))
    .where('id', '=', 1)
    .where('rollup_epoch', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Moves the rollup epoch by one, whatever it is: call it in the transaction that writes rollups. */
export async function bumpRollupEpoch(db: Queryable): Promise<void> {
  await db
    .updateTable('data_version')
    .set((eb) => ({ rollup_epoch: eb('rollup_epoch', '+', 1) }))
    .where('id', '=', 1)
    .execute();
}
