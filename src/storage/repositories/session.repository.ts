import type { Queryable } from '../schema.ts';

/** A stored session: `id` is the SHA-256 of the cookie's token. */
export interface StoredSession {
  id: string;
  accountId: number;
  createdAt: string;
  /** The absolute end: past it the session is over however active it is. */
  expiresAt: string;
  lastSeenAt: string;
}

export async function insertSession(db: Queryable, session: StoredSession): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ id: session.id, account_id: session.accountId, created_at: session.createdAt, expires_at: session.expiresAt, last_seen_at: session.lastSeenAt })
    .execute();
}

export async function findSession(db: Queryable, id: string): Promise<StoredSession | undefined> {
  const row = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined
    ? undefined
    : { id: row.id, accountId: Number(row.account_id), createdAt: row.created_at, expiresAt: row.expires_at, lastSeenAt: row.last_seen_at };
}

/** Records activity on a session (for the idle expiry). */
export async function touchSession(db: Queryable, id: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function deleteSession(db: Queryable, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of an account (disabled, password changed); returns how many. */
export async function deleteAccountSessions(db: Queryable, accountId: number): Promise<number> {
  const result = await db.deleteFrom('sessions').where('account_id', '=', accountId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes sessions past their absolute end or idle since before `idleBefore`; returns how many. */
export async function deleteExpiredSessions(db: Queryable, now: string, idleBefore: string): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', idleBefore)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
