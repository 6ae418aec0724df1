import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { UserError } from '../../domain/shared/errors.ts';
import type { CopiedDatabase, DatabaseBackup } from './storage-dialect.ts';

/**
 * Pages copied per step of the online backup: all of them. One step reads in one transaction, so the copy is one
 * consistent moment of the database; in steps of a few pages, every commit of another connection in between (a
 * server ingesting) would start the copy again, and under a steady load it might never end.
 */
const ALL_PAGES = 0x7fffffff;

function isInMemory(path: string): boolean {
  return path === ':memory:' || path === '';
}

/** SQLite's online backup API (better-sqlite3's backup()), from a connection of its own. */
async function copyTo(path: string, file: string): Promise<CopiedDatabase> {
  if (isInMemory(path)) throw new UserError('an in-memory database cannot be backed up: set MISURA_DB_URL to a file');
  if (!existsSync(path)) throw new UserError('there is no database here to back up', { file: path });
  const source = new BetterSqlite3(path, { fileMustExist: true });
  try {
    await source.backup(file, { progress: () => ALL_PAGES });
  } finally {
    source.close();
  }
  // The copy leaves write-ahead logging, so it is one file whose bytes (and checksum) stay as written.
  const copy = new BetterSqlite3(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    checkIntegrity(copy, file, 'quick_check');
    return { schemaVersion: lastMigrationOf(copy, path), postgresSchema: null };
  } finally {
    copy.close();
  }
}

/**
 * Other connections to the file, found by asking for an exclusive lock without waiting: a connection to a database in
 * write-ahead-log mode holds a shared lock on it for as long as it is open, idle or not. Closing the probe, the last
 * connection, folds the log into the file and removes it.
 */
function findOtherUsers(path: string): Promise<string | undefined> {
  if (isInMemory(path) || !existsSync(path)) return Promise.resolve(undefined);
  const probe = new BetterSqlite3(path, { fileMustExist: true, timeout: 0 });
  try {
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.prepare('select count(*) from sqlite_master').get();
    probe.exec('begin exclusive');
    probe.exec('commit');
    return Promise.resolve(undefined);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'SQLITE_BUSY') throw error;
    return Promise.resolve('another process has it open (a running `misura serve`, or another command)');
  } finally {
    probe.close();
  }
}

function holdsData(path: string): Promise<boolean> {
  return Promise.resolve(!isInMemory(path) && existsSync(path));
}

/**
 * Copies the backup beside the database, checks the copy (integrity, schema version), and renames it over the database:
 * a rename is atomic, so a crash leaves the old database or the new one, never a mix. The old write-ahead log and its
 * index go first: left beside the new file, SQLite would replay the old database's pages onto it.
 */
async function replaceFrom(path: string, file: string, expected: CopiedDatabase): Promise<void> {
  if (isInMemory(path)) throw new UserError('an in-memory database cannot be restored: set MISURA_DB_URL to a file');
  const folder = dirname(resolve(path));
  mkdirSync(folder, { recursive: true });
  const temporary = join(folder, `.${basename(path)}.restoring-${process.pid}`);
  try {
    copyFileSync(file, temporary);
    const copy = new BetterSqlite3(temporary, { fileMustExist: true });
    try {
      checkIntegrity(copy, file, 'integrity_check');
      const found = lastMigrationOf(copy, file);
      if (found !== expected.schemaVersion) {
        throw new UserError(`holds schema version ${found}, its manifest says ${expected.schemaVersion}`, { file });
      }
      // As openDatabase leaves a database.
      copy.pragma('journal_mode = WAL');
    } finally {
      copy.close();
    }
    syncFile(temporary);
    const user = await findOtherUsers(path);
    if (user !== undefined) throw new UserError(`the database is in use: ${user}; stop it before restoring`, { file: path });
    rmSync(`${path}-wal`, { force: true });
    rmSync(`${path}-shm`, { force: true });
    renameSync(temporary, path);
    syncFile(folder);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** The last migration recorded in the database, or a UserError when it holds none (not a misura database). */
function lastMigrationOf(database: BetterSqlite3.Database, file: string): string {
  try {
    const row = database.prepare('select name from kysely_migration order by name desc limit 1').get() as { name: string } | undefined;
    if (row !== undefined) return row.name;
  } catch {
    // No such table: the same answer as an empty one.
  }
  throw new UserError('is not a misura database (it records no migration)', { file });
}

/** A UserError naming the file when SQLite finds it damaged. */
function checkIntegrity(database: BetterSqlite3.Database, file: string, check: 'quick_check' | 'integrity_check'): void {
  let problems: string[];
  try {
    problems = (database.pragma(check) as Record<string, string>[]).map((row) => Object.values(row)[0] ?? '');
  } catch (error) {
    throw new UserError(`is not a readable SQLite database: ${error instanceof Error ? error.message : String(error)}`, { file });
  }
  if (problems.length !== 1 || problems[0] !== 'ok') throw new UserError(`is damaged: ${problems.slice(0, 3).join('; ')}`, { file });
}

/** Flushes a file (or a folder, for a rename in it) to the disk. */
function syncFile(path: string): void {
  const descriptor = openSync(path, 'r');
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

export const backup: DatabaseBackup = { copyTo, findOtherUsers, holdsData, replaceFrom };
