import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../domain/shared/errors.ts';
import { manifestPathOf, readBackupManifest, sha256OfFile, type BackupManifest } from '../formats/backup-manifest.ts';
import { databaseBackupOf, dialectOf, redactUrl } from '../storage/database.ts';
import { isKnownSchemaVersion, latestSchemaVersion } from '../storage/migrations/index.ts';
import type { DatabaseOperationsDeps } from './backup-database.action.ts';

export interface RestoreDatabaseInput {
  /** The backup file; its manifest is beside it (FILE.json). */
  file: string;
  /** Replace a database that holds data already; without it, only a missing or empty one is restored into. */
  force?: boolean;
}

export interface RestoreSummary {
  file: string;
  /** The database restored, its password hidden. */
  database: string;
  manifest: BackupManifest;
}

/**
 * Replaces the configured database by a backup of `misura backup`, after checking, before anything is touched: the
 * manifest's dialect is the database's, its schema version one this build knows (an older one is migrated when the
 * database is next opened), the file's SHA-256 and size are the manifest's, no one uses the database (a running server
 * would go on with the old one, or corrupt the new), and, without `force`, that it holds no data yet. The replacement
 * itself is all or nothing (see DatabaseBackup.replaceFrom).
 */
export async function restoreDatabase(deps: DatabaseOperationsDeps, input: RestoreDatabaseInput): Promise<RestoreSummary> {
  const url = deps.databaseUrl;
  const database = redactUrl(url);
  const file = resolve(input.file);
  if (!existsSync(file)) throw new UserError('no such backup file', { file });
  const manifest = readBackupManifest(manifestPathOf(file));
  const dialect = dialectOf(url);
  if (manifest.dialect !== dialect) {
    throw new UserError(`is a backup of a ${manifest.dialect} database, and the database to restore (MISURA_DB_URL) is ${dialect}`, { file });
  }
  if (!isKnownSchemaVersion(manifest.schemaVersion)) {
    throw new UserError(
      `was made at schema version ${manifest.schemaVersion}, which this version of misura does not know (its last is ${latestSchemaVersion()}): restore it with the version that made it, or a newer one`,
      { file },
    );
  }
  if (statSync(file).size !== manifest.bytes || (await sha256OfFile(file)) !== manifest.sha256) {
    throw new UserError("does not match the checksum in its manifest: it is damaged, or not the file the manifest describes; nothing was restored", { file });
  }
  const backup = await databaseBackupOf(url);
  const user = await backup.findOtherUsers(url);
  if (user !== undefined) throw new UserError(`the database is in use: ${user}; stop it before restoring, nothing was restored`, { file: database });
  if (input.force !== true && (await backup.holdsData(url))) {
    throw new UserError('holds a database already: pass --force to replace it with the backup', { file: database });
  }
  await backup.replaceFrom(url, file, manifest);
  return { file, database, manifest };
}
