import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../domain/accounts/actor.ts';
import { normaliseEmail } from '../domain/accounts/email.ts';
import { hashPassword, verifyPassword } from '../domain/accounts/password.ts';
import { UserError } from '../domain/shared/errors.ts';
import type { Database } from '../storage/database.ts';
import { findAccountByEmail, findAccountById, type StoredAccount } from '../storage/repositories/account.repository.ts';
import { deleteExpiredSessions, deleteSession, findSession, insertSession, touchSession } from '../storage/repositories/session.repository.ts';

/** How long a session lasts: idle (since the last request) and absolute (since sign-in). */
export interface SessionSettings {
  idleMinutes: number;
  absoluteHours: number;
}

export const DEFAULT_SESSION_SETTINGS: SessionSettings = { idleMinutes: 30, absoluteHours: 12 };

export interface AuthDeps {
  database: Database;
  now?: () => Date;
  sessions?: SessionSettings;
}

/** What a sign-in offers. Only "local" (email and password) now; an OIDC gateway (SPID/CIE) will add its own kind. */
export type Credentials = { provider: 'local'; email: string; password: string };

/**
 * A way of telling who someone is. It answers the account (by email) or null, and never says why not: the session that
 * follows is the same whatever the provider.
 */
export interface AuthProvider<C extends Credentials = Credentials> {
  readonly name: C['provider'];
  identify(deps: AuthDeps, credentials: C): Promise<StoredAccount | null>;
}

// Compared against when the email is unknown, so that an unknown email takes as long as a wrong password.
let decoyHash: Promise<string> | undefined;

/** The local provider: an account's email and its scrypt-hashed password. */
export const localProvider: AuthProvider = {
  name: 'local',
  async identify(deps, credentials) {
    let email: string;
    try {
      email = normaliseEmail(credentials.email);
    } catch (error) {
      if (error instanceof UserError) return null;
      throw error;
    }
    const account = await findAccountByEmail(deps.database.db, email);
    if (account === undefined) {
      decoyHash ??= hashPassword('decoy password, never matches');
      await verifyPassword(credentials.password, await decoyHash);
      return null;
    }
    const matches = await verifyPassword(credentials.password, account.passwordHash);
    if (!matches || account.disabledAt !== null) return null;
    const { passwordHash: _hash, ...stored } = account;
    return stored;
  },
};

const PROVIDERS: Record<Credentials['provider'], AuthProvider> = { local: localProvider };

/** A new session: `token` goes in the cookie and is never stored (its SHA-256 is the session's id). */
export interface OpenedSession {
  token: string;
  account: StoredAccount;
  expiresAt: string;
}

/** The session id of a cookie token. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function settingsOf(deps: AuthDeps): SessionSettings {
  return deps.sessions ?? DEFAULT_SESSION_SETTINGS;
}

/** Signs in: the provider identifies the account, then a session is stored. Null, with no reason, when anything failed. */
export async function authenticate(deps: AuthDeps, credentials: Credentials): Promise<OpenedSession | null> {
  const provider = PROVIDERS[credentials.provider];
  const account = await provider.identify(deps, credentials);
  if (account === null) return null;
  const now = deps.now?.() ?? new Date();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + settingsOf(deps).absoluteHours * 3_600_000).toISOString();
  const at = now.toISOString();
  await insertSession(deps.database.db, { id: sessionIdOf(token), accountId: account.id, createdAt: at, expiresAt, lastSeenAt: at });
  // Ended sessions are swept at each sign-in, so the table holds only live ones without a job.
  await purgeExpiredSessions(deps);
  return { token, account, expiresAt };
}

/** Who a session cookie belongs to. */
export interface ResolvedSession {
  account: StoredAccount;
  actor: Actor & { kind: 'user' };
}

/**
 * The signed-in account of a cookie token, or null when the session is unknown, past its absolute end, idle too long,
 * or its account disabled (an ended session is deleted). Activity is recorded at most once a minute.
 */
export async function resolveSession(deps: AuthDeps, token: string): Promise<ResolvedSession | null> {
  if (token === '' || token.length > 200) return null;
  const { db } = deps.database;
  const id = sessionIdOf(token);
  const session = await findSession(db, id);
  if (session === undefined) return null;
  const now = deps.now?.() ?? new Date();
  const idleSince = now.getTime() - settingsOf(deps).idleMinutes * 60_000;
  if (session.expiresAt <= now.toISOString() || Date.parse(session.lastSeenAt) < idleSince) {
    await deleteSession(db, id);
    return null;
  }
  const account = await findAccountById(db, session.accountId);
  if (account === undefined || account.disabledAt !== null) {
    await deleteSession(db, id);
    return null;
  }
  if (now.getTime() - Date.parse(session.lastSeenAt) >= 60_000) await touchSession(db, id, now.toISOString());
  return { account, actor: { kind: 'user', userId: account.id, email: account.email, role: account.role } };
}

/** Signs out: deletes the session (nothing happens for an unknown token). */
export async function endSession(deps: AuthDeps, token: string): Promise<void> {
  if (token !== '') await deleteSession(deps.database.db, sessionIdOf(token));
}

/** Deletes every session past its end or idle too long; returns how many. */
export async function purgeExpiredSessions(deps: AuthDeps): Promise<number> {
  const now = deps.now?.() ?? new Date();
  const idleBefore = new Date(now.getTime() - settingsOf(deps).idleMinutes * 60_000).toISOString();
  return deleteExpiredSessions(deps.database.db, now.toISOString(), idleBefore);
}
