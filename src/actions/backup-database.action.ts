import { accessSync, constants, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../domain/shared/errors.ts';
import { formatBackupManifest, MANIFEST_FORMAT, manifestPathOf, sha256OfFile, type BackupManifest } from '../formats/backup-manifest.ts';
import { databaseBackupOf, dialectOf, redactUrl } from '../storage/database.ts';

/** What a backup or restore works on: the configured database's URL (it opens its own connections). */
export interface DatabaseOperationsDeps {
  databaseUrl: string;
  /** The clock; tests pin it. */
  now?: () => Date;
}

export interface BackupSummary {
  /** The backup file and the manifest beside it (absolute paths). */
  file: string;
  manifestFile: string;
  /** The database backed up, its password hidden. */
  database: string;
  manifest: BackupManifest;
}

/**
 * Writes a consistent copy of the database to `out` while it keeps serving (SQLite: the online backup API, in one
 * read transaction; PostgreSQL: pg_dump's custom format), then a manifest beside it (`out`.json) with the schema
 * version and the copy's SHA-256, which `misura restore` checks. The copy is written under a temporary name and renamed
 * into place, then the manifest: an interrupted backup leaves no file that looks whole.
 */
export async function backupDatabase(deps: DatabaseOperationsDeps, input: { out: string }): Promise<BackupSummary> {
  const url = deps.databaseUrl;
  const file = resolve(input.out);
  const dialect = dialectOf(url);
  if (dialect === 'sqlite' && file === resolve(url)) throw new UserError('is the database itself: write the backup to another file', { file });
  const folder = dirname(file);
  try {
    mkdirSync(folder, { recursive: true });
    accessSync(folder, constants.W_OK);
  } catch (error) {
    throw new UserError(`cannot write the backup here: ${error instanceof Error ? error.message : String(error)}`, { file });
  }
  const temporary = join(folder, `.${basename(file)}.partial-${process.pid}`);
  try {
    const copied = await (await databaseBackupOf(url)).copyTo(url, temporary);
    const manifest: BackupManifest = {
      format: MANIFEST_FORMAT,
      dialect,
      schemaVersion: copied.schemaVersion,
      postgresSchema: copied.postgresSchema,
      file: basename(file),
      bytes: statSync(temporary).size,
      sha256: await sha256OfFile(temporary),
      createdAt: (deps.now?.() ?? new Date()).toISOString(),
    };
    renameSync(temporary, file);
    const manifestFile = manifestPathOf(file);
    writeFileSync(`${manifestFile}.partial-${process.pid}`, formatBackupManifest(manifest));
    renameSync(`${manifestFile}.partial-${process.pid}`, manifestFile);
    return { file, manifestFile, database: redactUrl(url), manifest };
  } finally {
    rmSync(temporary, { force: true });
  }
}
