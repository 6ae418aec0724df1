import type { Database } from '../storage/database.ts';

/** What the account actions need: the database and the clock (tests pin it). */
export interface AccountDeps {
  database: Database;
  now?: () => Date;
}

/** The clock's instant as canonical UTC ISO text. */
export function nowOf(deps: { now?: () => Date }): string {
  return (deps.now?.() ?? new Date()).toISOString();
}
