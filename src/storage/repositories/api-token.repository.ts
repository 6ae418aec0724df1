import type { Selectable } from 'kysely';
import type { ApiTokensTable, Queryable } from '../schema.ts';

/** A stored token, without its hash. */
export interface StoredApiToken {
  id: number;
  source: string;
  label: string | null;
  /** Canonical UTC ISO instants. */
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A token to store: its hash, never the token. */
export interface ApiTokenToCreate {
  source: string;
  tokenHash: string;
  label: string | null;
  createdAt: string;
}

function tokenFromRow(row: Selectable<ApiTokensTable>): StoredApiToken {
  return { id: row.id, source: row.source, label: row.label, createdAt: row.created_at, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at };
}

/** Stores a new token; returns it with its id. */
export async function insertApiToken(db: Queryable, token: ApiTokenToCreate): Promise<StoredApiToken> {
  const row = await db
    .insertInto('api_tokens')
    .values({ source: token.source, token_hash: token.tokenHash, label: token.label, created_at: token.createdAt, last_used_at: null, revoked_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
  return tokenFromRow(row);
}

/** The token with this hash that is not revoked, or undefined. */
export async function findActiveApiTokenByHash(db: Queryable, tokenHash: string): Promise<StoredApiToken | undefined> {
  const row = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).executeTakeFirst();
  return row === undefined ? undefined : tokenFromRow(row);
}

/** Every token, revoked ones included, by id. */
export async function listApiTokens(db: Queryable): Promise<StoredApiToken[]> {
  const rows = await db.selectFrom('api_tokens').selectAll().orderBy('id').execute();
  return rows.map(tokenFromRow);
}

/** Records when a token was last used. */
export async function touchApiToken(db: Queryable, id: number, usedAt: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: usedAt }).where('id', '=', id).execute();
}

/**
 * Revokes a token: 'revoked' now, 'already-revoked' when it was (its first revocation time stays), 'unknown' when
 * no token has this id.
 */
export async function revokeApiToken(db: Queryable, id: number, revokedAt: string): Promise<'revoked' | 'already-revoked' | 'unknown'> {
  const result = await db.updateTable('api_tokens').set({ revoked_at: revokedAt }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  if (result.numUpdatedRows > 0n) return 'revoked';
  const exists = await db.selectFrom('api_tokens').select('id').where('id', '=', id).executeTakeFirst();
  return exists === undefined ? 'unknown' : 'already-revoked';
}
