import { inspect } from 'node:util';
import { Kysely, Migrator } from 'kysely';
import type { Schema } from './schema.ts';
import type { ConnectionOptions, DatabaseBackup, DialectName, StorageDialect } from './dialects/storage-dialect.ts';
import * as sqlite from './dialects/sqlite.ts';
import { redactUrl } from './redact-url.ts';
import { createMigrationProvider, isUpToDate, listAppliedMigrations } from './migrations/index.ts';

export { redactUrl };

/** An open, migrated database. */
export interface Database {
  db: Kysely<Schema>;
  dialect: DialectName;
  /** Moves the write-ahead log into the database file without blocking writers (SQLite; nothing on PostgreSQL). */
  checkpoint(): Promise<void>;
  /** Whether a failed transaction was aborted for a concurrent one's sake and may succeed if run again (PostgreSQL). */
  isTransientConflict(error: unknown): boolean;
  close(): Promise<void>;
}

/** postgres:// and postgresql:// URLs name a PostgreSQL database; anything else is a SQLite file path. */
const POSTGRES_URL = /^postgres(ql)?:\/\//i;

/**
 * The one place that chooses a dialect: postgres:// and postgresql:// URLs, else a SQLite file path. The PostgreSQL
 * driver (pg) is loaded only for a PostgreSQL URL: a SQLite command does not pay for it.
 */
async function selectDialect(url: string): Promise<StorageDialect> {
  return POSTGRES_URL.test(url) ? await import('./dialects/postgres.ts') : sqlite;
}

/** The dialect a database URL names; nothing is loaded or opened. */
export function dialectOf(url: string): DialectName {
  return POSTGRES_URL.test(url) ? 'postgres' : 'sqlite';
}

/** Backup and restore of the database at `url`, with its dialect's tools (nothing is opened until they are called). */
export async function databaseBackupOf(url: string): Promise<DatabaseBackup> {
  return (await selectDialect(url)).backup;
}

/**
 * Opens the database at `url` ("postgres://…" / "postgresql://…", or a SQLite file path, whose
 * folder is created; ":memory:" allowed) and brings it to the latest migration (idempotent).
 */
export async function openDatabase(url: string, options: ConnectionOptions = {}): Promise<Database> {
  const storageDialect = await selectDialect(url);
  const db = new Kysely<Schema>({ dialect: storageDialect.createKyselyDialect(url, options) });
  try {
    await migrateToLatest(db, storageDialect);
  } catch (error) {
    await db.destroy();
    throw new Error(`cannot open the database ${redactUrl(url)}: ${describeError(error)}`, { cause: error });
  }
  return {
    db,
    dialect: storageDialect.dialectName,
    checkpoint: () => storageDialect.checkpoint(db),
    isTransientConflict: (error) => storageDialect.isTransientConflict(error),
    close: () => db.destroy(),
  };
}

/**
 * Brings the database to this build's last migration. An up-to-date database (every opening but the first after an
 * upgrade) is only read, so opening it never waits for another connection's write transaction; otherwise the dialect's
 * migration lock lets one opening migrate at a time, and the others find nothing left to do.
 */
async function migrateToLatest(db: Kysely<Schema>, storageDialect: StorageDialect): Promise<void> {
  if (isUpToDate(await listAppliedMigrations(db))) return;
  await storageDialect.withMigrationLock(db, async (connection) => {
    const migrator = new Migrator({ db: connection, provider: createMigrationProvider(storageDialect) });
    const { error, results } = await migrator.migrateToLatest();
    if (error === undefined) return;
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${describeError(error)}`, { cause: error });
  });
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : inspect(error);
}
