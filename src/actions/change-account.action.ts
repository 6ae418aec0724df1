import type { Actor } from '../domain/accounts/actor.ts';
import { normaliseEmail } from '../domain/accounts/email.ts';
import { checkNewPassword, hashPassword } from '../domain/accounts/password.ts';
import type { Role } from '../domain/accounts/role.ts';
import { UserError } from '../domain/shared/errors.ts';
import { findAccountByEmail, findAccountById, updateAccount, type StoredAccount } from '../storage/repositories/account.repository.ts';
import { appendAuditRecord } from '../storage/repositories/audit-log.repository.ts';
import { deleteAccountSessions } from '../storage/repositories/session.repository.ts';
import type { Transaction } from 'kysely';
import type { Schema } from '../storage/schema.ts';
import { nowOf, type AccountDeps } from './account-deps.ts';
import { auditedAccount } from './add-account.action.ts';

/** A change to one account: a new password, a new role, or disabling it. */
export type AccountChange = { kind: 'password'; password: string } | { kind: 'role'; role: Role } | { kind: 'disable' };

/**
 * Changes an account in one transaction with its audit record ("account.passwd", "account.role", "account.disable";
 * before and after name the role and disabling, never the password). A new password or disabling ends the account's
 * sessions. An unknown email is a UserError.
 */
export async function changeAccount(deps: AccountDeps, actor: Actor, emailText: string, change: AccountChange): Promise<StoredAccount> {
  const email = normaliseEmail(emailText);
  const passwordHash = change.kind === 'password' ? await hashPassword(checkNewPassword(change.password)) : undefined;
  const at = nowOf(deps);
  return deps.database.db.transaction().execute(async (trx: Transaction<Schema>) => {
    const before = await findAccountByEmail(trx, email);
    if (before === undefined) throw new UserError(`no account "${email}": see \`misura users list\``, { field: 'email' });
    const update =
      change.kind === 'password'
        ? { passwordHash, at }
        : change.kind === 'role'
          ? { role: change.role, at }
          : { disabledAt: before.disabledAt ?? at, at };
    await updateAccount(trx, before.id, update);
    if (change.kind !== 'role') await deleteAccountSessions(trx, before.id);
    const after = (await findAccountById(trx, before.id))!;
    const action = change.kind === 'password' ? 'account.passwd' : `account.${change.kind}`;
    const recordAfter = change.kind === 'password' ? { ...auditedAccount(after), passwordChanged: true } : auditedAccount(after);
    await appendAuditRecord(trx, actor, { action, entityType: 'account', entityKey: email, before: auditedAccount(before), after: recordAfter }, at);
    return after;
  });
}
