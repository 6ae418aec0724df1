import { findActiveApiTokenByHash, touchApiToken } from '../storage/repositories/api-token.repository.ts';
import { hashApiToken, type ApiTokenDeps } from './create-api-token.action.ts';

/** Whom a valid token speaks for. */
export interface VerifiedApiToken {
  id: number;
  source: string;
  label: string | null;
}

/** A token longer than this is not one of ours: refused without hashing or a query. */
const MAX_TOKEN_LENGTH = 200;
/** last_used_at is written at most this often per token, so a busy feed does not write on every request. */
const TOUCH_EVERY_MS = 60_000;

/**
 * The source a bearer token may send events for, or null when the token is unknown or revoked (callers answer the
 * same for both, so an attacker learns nothing). Records when the token was last used.
 */
export async function verifyApiToken(deps: ApiTokenDeps, token: string): Promise<VerifiedApiToken | null> {
  if (token === '' || token.length > MAX_TOKEN_LENGTH) return null;
  const stored = await findActiveApiTokenByHash(deps.database.db, hashApiToken(token));
  if (stored === undefined) return null;
  const now = deps.now?.() ?? new Date();
  if (stored.lastUsedAt === null || now.getTime() - new Date(stored.lastUsedAt).getTime() >= TOUCH_EVERY_MS) {
    await touchApiToken(deps.database.db, stored.id, now.toISOString());
  }
  return { id: stored.id, source: stored.source, label: stored.label };
}
