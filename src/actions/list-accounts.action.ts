import { listAccounts as listStoredAccounts, type StoredAccount } from '../storage/repositories/account.repository.ts';
import type { AccountDeps } from './account-deps.ts';

/** Every account (never a password hash), by email. */
export async function listAccounts(deps: AccountDeps): Promise<StoredAccount[]> {
  return listStoredAccounts(deps.database.db);
}
