import { ROLES, type Role } from '../domain/accounts/role.ts';
import { normaliseEmail } from '../domain/accounts/email.ts';
import { findAccountByEmail } from '../storage/repositories/account.repository.ts';
import type { AccountDeps } from './account-deps.ts';
import { addAccount } from './add-account.action.ts';

/** A demo account as the demo prints it: the password is public, the domain (.invalid) cannot receive mail. */
export interface DemoAccount {
  email: string;
  role: Role;
  password: string;
}

/** One account per role, e.g. admin@demo.misura.invalid / demo-admin-password. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = ROLES.map((role) => ({ email: `${role}@demo.misura.invalid`, role, password: `demo-${role}-password` }));

/** Creates the demo accounts that do not exist yet (audited as made by "system:demo"); returns all of them. */
export async function addDemoAccounts(deps: AccountDeps): Promise<readonly DemoAccount[]> {
  for (const account of DEMO_ACCOUNTS) {
    if ((await findAccountByEmail(deps.database.db, normaliseEmail(account.email))) !== undefined) continue;
    await addAccount(deps, { kind: 'system', name: 'demo' }, account);
  }
  return DEMO_ACCOUNTS;
}
