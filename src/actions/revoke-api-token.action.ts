import { UserError } from '../domain/shared/errors.ts';
import { revokeApiToken as revokeStoredApiToken } from '../storage/repositories/api-token.repository.ts';
import type { ApiTokenDeps } from './create-api-token.action.ts';

/**
 * Revokes the token with this id: from then on it gets 401. Revoking a revoked token changes nothing and says so;
 * an unknown id is a UserError.
 */
export async function revokeApiToken(deps: ApiTokenDeps, id: number): Promise<{ id: number; alreadyRevoked: boolean }> {
  if (!Number.isSafeInteger(id) || id <= 0) throw new UserError(`"${id}" is not a token id (see \`misura tokens list\`)`, { field: 'id' });
  const result = await revokeStoredApiToken(deps.database.db, id, (deps.now?.() ?? new Date()).toISOString());
  if (result === 'unknown') throw new UserError(`no token has id ${id} (see \`misura tokens list\`)`, { field: 'id' });
  return { id, alreadyRevoked: result === 'already-revoked' };
}
