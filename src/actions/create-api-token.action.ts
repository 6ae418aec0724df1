import { createHash, randomBytes } from 'node:crypto';
import { UserError } from '../domain/shared/errors.ts';
import type { Database } from '../storage/database.ts';
import type { Actor } from '../domain/accounts/actor.ts';
import { insertApiToken } from '../storage/repositories/api-token.repository.ts';
import { appendAuditRecord } from '../storage/repositories/audit-log.repository.ts';

export interface ApiTokenDeps {
  database: Database;
  /** The clock; tests pin it. */
  now?: () => Date;
}

export interface CreateApiTokenInput {
  /** The source whose events the token may send (an event naming another source is refused). */
  source: string;
  /** What the token is for ("portal probe"), shown by `misura tokens list`. */
  label?: string | null;
  /** Who makes it (the audit log records it, never the token); misura itself when absent. */
  actor?: Actor;
}

/** A new token: `token` is shown once and never stored (only its SHA-256 is). */
export interface CreatedApiToken {
  id: number;
  source: string;
  label: string | null;
  createdAt: string;
  token: string;
}

/** Tokens start with this, so a leaked one is easy to recognise (secret scanners, logs). */
export const API_TOKEN_PREFIX = 'msr_';
const MAX_SOURCE_LENGTH = 500;
const MAX_LABEL_LENGTH = 200;

/** SHA-256 of a token, lower-case hex: what storage keeps and looks tokens up by. */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Checks a source name as event files do (non-empty text, at most 500 characters, no control characters). */
function checkSource(source: string): string {
  const text = source.trim();
  if (text === '') throw new UserError('a token needs the source whose events it sends, e.g. "probe:portal"', { field: 'source' });
  if (text.length > MAX_SOURCE_LENGTH) throw new UserError(`is ${text.length} characters long; at most ${MAX_SOURCE_LENGTH} are allowed`, { field: 'source' });
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text)) throw new UserError('contains control characters', { field: 'source' });
  return text;
}

function checkLabel(label: string | null | undefined): string | null {
  const text = label?.trim() ?? '';
  if (text === '') return null;
  if (text.length > MAX_LABEL_LENGTH) throw new UserError(`is ${text.length} characters long; at most ${MAX_LABEL_LENGTH} are allowed`, { field: 'label' });
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text)) throw new UserError('contains control characters', { field: 'label' });
  return text;
}

/** Creates a bearer token for a source's event feed: 32 random bytes, returned once, stored as their hash. */
export async function createApiToken(deps: ApiTokenDeps, input: CreateApiTokenInput): Promise<CreatedApiToken> {
  const source = checkSource(input.source);
  const label = checkLabel(input.label);
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const createdAt = (deps.now?.() ?? new Date()).toISOString();
  const stored = await deps.database.db.transaction().execute(async (trx) => {
    const inserted = await insertApiToken(trx, { source, tokenHash: hashApiToken(token), label, createdAt });
    const after = { id: inserted.id, source, label };
    await appendAuditRecord(trx, input.actor ?? { kind: 'system', name: 'tokens' }, { action: 'token.create', entityType: 'api-token', entityKey: String(inserted.id), before: null, after }, createdAt);
    return inserted;
  });
  return { id: stored.id, source: stored.source, label: stored.label, createdAt: stored.createdAt, token };
}
