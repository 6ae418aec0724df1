import type { Selectable } from 'kysely';
import type { Role } from '../../domain/accounts/role.ts';
import type { AccountsTable, Queryable } from '../schema.ts';

/** A stored account, without its password hash. */
export interface StoredAccount {
  id: number;
  /** Lower-cased. */
  email: string;
  role: Role;
  disabledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

function accountFromRow(row: Selectable<AccountsTable>): StoredAccount {
  return { id: Number(row.id), email: row.email, role: row.role as Role, disabledAt: row.disabled_at, createdAt: row.created_at, updatedAt: row.updated_at };
}

/** Stores a new account (email already lower-cased); a second account with the same email fails on the unique index. */
export async function insertAccount(db: Queryable, account: { email: string; passwordHash: string; role: Role; at: string }): Promise<StoredAccount> {
  const row = await db
    .insertInto('accounts')
    .values({ email: account.email, password_hash: account.passwordHash, role: account.role, disabled_at: null, created_at: account.at, updated_at: account.at })
    .returningAll()
    .executeTakeFirstOrThrow();
  return accountFromRow(row);
}

/** The account with this (lower-cased) email, with its password hash, or undefined. */
export async function findAccountByEmail(db: Queryable, email: string): Promise<(StoredAccount & { passwordHash: string }) | undefined> {
  const row = await db.selectFrom('accounts').selectAll().where('email', '=', email).executeTakeFirst();
  return row === undefined ? undefined : { ...accountFromRow(row), passwordHash: row.password_hash };
}

export async function findAccountById(db: Queryable, id: number): Promise<StoredAccount | undefined> {
  const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : accountFromRow(row);
}

/** Every account, by email. */
export async function listAccounts(db: Queryable): Promise<StoredAccount[]> {
  const rows = await db.selectFrom('accounts').selectAll().orderBy('email').execute();
  return rows.map(accountFromRow);
}

/** Changes some of an account's fields; returns whether the account exists. */
export async function updateAccount(
  db: Queryable,
  id: number,
  change: { passwordHash?: string; role?: Role; disabledAt?: string | null; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('accounts')
    .set({
      updated_at: change.at,
      ...(change.passwordHash !== undefined ? { password_hash: change.passwordHash } : {}),
      ...(change.role !== undefined ? { role: change.role } : {}),
      ...(change.disabledAt !== undefined ? { disabled_at: change.disabledAt } : {}),
    })
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
