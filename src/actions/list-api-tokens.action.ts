import { listApiTokens as listStoredApiTokens, type StoredApiToken } from '../storage/repositories/api-token.repository.ts';
import type { ApiTokenDeps } from './create-api-token.action.ts';

export type ApiTokenListing = StoredApiToken;

/** Every API token, revoked ones included, by id; never the token nor its hash. */
export async function listApiTokens(deps: ApiTokenDeps): Promise<ApiTokenListing[]> {
  return listStoredApiTokens(deps.database.db);
}
