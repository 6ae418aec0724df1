import type { Actor } from '../domain/accounts/actor.ts';
import { normaliseEmail } from '../domain/accounts/email.ts';
import { checkNewPassword, hashPassword } from '../domain/accounts/password.ts';
import type { Role } from '../domain/accounts/role.ts';
import { UserError } from '../domain/shared/errors.ts';
import { findAccountByEmail, insertAccount, type StoredAccount } from '../storage/repositories/account.repository.ts';
import { appendAuditRecord } from '../storage/repositories/audit-log.repository.ts';
import { nowOf, type AccountDeps } from './account-deps.ts';

/** What the audit log keeps of an account: never its password or hash. */
export function auditedAccount(account: StoredAccount): Record<string, unknown> {
  return { email: account.email, role: account.role, disabledAt: account.disabledAt };
}

/** Creates a local account; a second account with the same email (whatever its case) is a UserError. Audited as "account.add". */
export async function addAccount(deps: AccountDeps, actor: Actor, input: { email: string; role: Role; password: string }): Promise<StoredAccount> {
  const email = normaliseEmail(input.email);
  const passwordHash = await hashPassword(checkNewPassword(input.password));
  const at = nowOf(deps);
  return deps.database.db.transaction().execute(async (trx) => {
    if ((await findAccountByEmail(trx, email)) !== undefined) throw new UserError(`an account "${email}" already exists`, { field: 'email' });
    const account = await insertAccount(trx, { email, passwordHash, role: input.role, at });
    await appendAuditRecord(trx, actor, { action: 'account.add', entityType: 'account', entityKey: email, before: null, after: auditedAccount(account) }, at);
    return account;
  });
}
