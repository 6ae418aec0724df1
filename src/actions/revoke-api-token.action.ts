import type { Actor } from '../domain/accounts/actor.ts';
import { UserError } from '../domain/shared/errors.ts';
import { appendAuditRecord } from '../storage/repositories/audit-log.repository.ts';
import { revokeApiToken as revokeStoredApiToken } from '../storage/repositories/api-token.repository.ts';
import type { ApiTokenDeps } from './create-api-token.action.ts';

/**
 * Revokes the token with this id: from then on it gets 401. Revoking a revoked token changes nothing and says so;
 * an unknown id is a UserError.
 */
export async function revokeApiToken(deps: ApiTokenDeps, id: number, actor: Actor = { kind: 'system', name: 'tokens' }): Promise<{ id: number; alreadyRevoked: boolean }> {
  if (!Number.isSafeInteger(id) || id <= 0) throw new UserError(`"${id}" is not a token id (see \`misura tokens list\`)`, { field: 'id' });
  const at = (deps.now?.() ?? new Date()).toISOString();
  return deps.database.db.transaction().execute(async (trx) => {
    const result = await revokeStoredApiToken(trx, id, at);
    if (result === 'unknown') throw new UserError(`no token has id ${id} (see \`misura tokens list\`)`, { field: 'id' });
    if (result !== 'already-revoked') {
      await appendAuditRecord(trx, actor, { action: 'token.revoke', entityType: 'api-token', entityKey: String(id), before: { revokedAt: null }, after: { revokedAt: at } }, at);
    }
    return { id, alreadyRevoked: result === 'already-revoked' };
  });
}
