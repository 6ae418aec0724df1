import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { UserError } from '../domain/shared/errors.ts';

/** The manifest's format name and version. */
export const MANIFEST_FORMAT = 'misura-backup/1';

/**
 * What `misura backup` writes beside a backup (FILE.json): which database made it, at which schema version, and the
 * SHA-256 of the backup file, so that `misura restore` can refuse a damaged or foreign file before replacing anything.
 */
export interface BackupManifest {
  format: typeof MANIFEST_FORMAT;
  /** 'sqlite' (a database file, made with SQLite's online backup) or 'postgres' (pg_dump's custom format). */
  dialect: 'sqlite' | 'postgres';
  /** The database's last migration when it was backed up. */
  schemaVersion: string;
  /** PostgreSQL: the schema the tables live in (a restore puts them back there); null for SQLite. */
  postgresSchema: string | null;
  /** The backup file's name (without its folder) and size. */
  file: string;
  bytes: number;
  /** SHA-256 of the backup file, lower-case hex. */
  sha256: string;
  /** When the backup was taken (UTC ISO). */
  createdAt: string;
}

/** The manifest beside a backup file. */
export function manifestPathOf(backupFile: string): string {
  return `${backupFile}.json`;
}

/** The manifest as written to its file. */
export function formatBackupManifest(manifest: BackupManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Reads and checks a manifest; a UserError naming the file (and field) when it is missing or not one. */
export function readBackupManifest(path: string): BackupManifest {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UserError('the backup has no manifest beside it (made by `misura backup`, it holds the checksum and schema version)', { file: path });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UserError(`is not JSON: ${error instanceof Error ? error.message : String(error)}`, { file: path });
  }
  if (typeof value !== 'object' || value === null || (value as { format?: unknown }).format !== MANIFEST_FORMAT) {
    throw new UserError(`is not a misura backup manifest (expected "format": "${MANIFEST_FORMAT}")`, { file: path });
  }
  const record = value as Record<string, unknown>;
  const requiredText = (field: string): string => {
    const found = record[field];
    if (typeof found !== 'string' || found === '') throw new UserError('must be a non-empty string', { file: path, field });
    return found;
  };
  const dialect = requiredText('dialect');
  if (dialect !== 'sqlite' && dialect !== 'postgres') throw new UserError(`must be "sqlite" or "postgres", got "${dialect}"`, { file: path, field: 'dialect' });
  const sha256 = requiredText('sha256');
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new UserError('must be 64 lower-case hexadecimal digits', { file: path, field: 'sha256' });
  const bytes = record.bytes;
  if (typeof bytes !== 'number' || !Number.isSafeInteger(bytes) || bytes < 0) throw new UserError('must be a whole number of bytes', { file: path, field: 'bytes' });
  const postgresSchema = record.postgresSchema;
  if (postgresSchema !== null && typeof postgresSchema !== 'string') throw new UserError('must be a string or null', { file: path, field: 'postgresSchema' });
  if (dialect === 'postgres' && (postgresSchema === null || postgresSchema === '')) throw new UserError('must name the schema of a PostgreSQL backup', { file: path, field: 'postgresSchema' });
  return {
    format: MANIFEST_FORMAT,
    dialect,
    schemaVersion: requiredText('schemaVersion'),
    postgresSchema: dialect === 'postgres' ? postgresSchema : null,
    file: requiredText('file'),
    bytes,
    sha256,
    createdAt: requiredText('createdAt'),
  };
}

/** SHA-256 of a file's bytes, lower-case hex, read as a stream. */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
