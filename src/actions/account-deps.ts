import type { Database } from '../storage/database.ts';

/** What the account actions need: the database and the clock (tests pin it). */
export interface AccountDeps {
  database: Database;
  now?: () => Date;
}

export function nowOf(deps: AccountDeps): string {
  return (deps.now?.() ?? new Date()).toISOString();
}
