import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, sql, SqliteDialect, type CreateTableBuilder, type Dialect, type Driver, type Kysely, type SqliteDatabase } from 'kysely';
import { UserError } from '../../domain/shared/errors.ts';
import type { ConnectionOptions } from './storage-dialect.ts';

export const dialectName = 'sqlite';

/** How long a writer waits for another process's lock before failing, in milliseconds. */
const BUSY_TIMEOUT_MS = 5000;
const WAL_SWITCH_TIMEOUT_MS = 30_000;
/**
 * Write-ahead log pages past which a commit checkpoints it: SQLite's own 1 000 (4 MB), or, when a worker checkpoints
 * in the background, 10 000 (40 MB) as a safety net should the worker stop doing so.
 */
const AUTO_CHECKPOINT_PAGES = 1000;
const BACKGROUND_AUTO_CHECKPOINT_PAGES = 10_000;

/**
 * Opens (creating it and its folder when missing) the SQLite file at `path`; ":memory:" gives a
 * private in-memory database. WAL lets readers work while a writer commits.
 */
export function createKyselyDialect(path: string, options: ConnectionOptions = {}): Dialect {
  const inMemory = path === ':memory:' || path === '';
  let database: BetterSqlite3.Database;
  try {
    if (!inMemory) mkdirSync(dirname(resolve(path)), { recursive: true });
    // No busy wait yet: see switchToWal.
    database = new BetterSqlite3(path, { timeout: 0 });
  } catch (error) {
    throw new UserError(`cannot open the SQLite database: ${error instanceof Error ? error.message : String(error)}`, { file: path });
  }
  switchToWal(database);
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // Checkpointing copies pages and syncs the file: in a server, a worker thread does it rather than the commit that
  // happens to cross the limit, which would make that request wait.
  database.pragma(`wal_autocheckpoint = ${options.backgroundCheckpoints === true ? BACKGROUND_AUTO_CHECKPOINT_PAGES : AUTO_CHECKPOINT_PAGES}`);
  return new WriteLockingSqliteDialect({ database: withStatementCache(database) });
}

/**
 * Puts the file in WAL mode. Several processes opening one new file at once all try to convert it, which needs an
 * exclusive lock while each holds a shared one: with a busy wait they wait on one another until the timeout ("database
 * is locked"). Failing at once and trying again after a short random pause lets one convert and the others find WAL.
 */
function switchToWal(database: BetterSqlite3.Database): void {
  const deadline = Date.now() + WAL_SWITCH_TIMEOUT_MS;
  for (;;) {
    try {
      database.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      const busy = typeof (error as { code?: unknown }).code === 'string' && (error as { code: string }).code.startsWith('SQLITE_BUSY');
      if (!busy || Date.now() >= deadline) throw error;
      // Opening is synchronous: sleep the thread briefly (nothing else of this connection can run yet).
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10 + Math.floor(Math.random() * 40));
    }
  }
}

/**
 * SQLite with write transactions that take the write lock at BEGIN (BEGIN IMMEDIATE), read-only ones (setAccessMode
 * 'read only') left deferred. A deferred transaction that reads, and then writes after another connection (the
 * rollup worker, another process) committed, fails at once with SQLITE_BUSY whatever the busy timeout, because its
 * snapshot is stale; one that asks for the lock first waits its turn instead.
 */
class WriteLockingSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    return {
      init: () => driver.init(),
      acquireConnection: () => driver.acquireConnection(),
      beginTransaction: async (connection, settings) => {
        await connection.executeQuery(CompiledQuery.raw(settings.accessMode === 'read only' ? 'begin' : 'begin immediate'));
      },
      commitTransaction: (connection) => driver.commitTransaction(connection),
      rollbackTransaction: (connection) => driver.rollbackTransaction(connection),
      ...(driver.savepoint === undefined ? {} : { savepoint: driver.savepoint.bind(driver) }),
      ...(driver.rollbackToSavepoint === undefined ? {} : { rollbackToSavepoint: driver.rollbackToSavepoint.bind(driver) }),
      ...(driver.releaseSavepoint === undefined ? {} : { releaseSavepoint: driver.releaseSavepoint.bind(driver) }),
      releaseConnection: (connection) => driver.releaseConnection(connection),
      destroy: () => driver.destroy(),
    };
  }
}

/** Prepared statements kept per connection; past this many the cache starts again. */
const STATEMENT_CACHE_SIZE = 200;

/**
 * The database with its prepared statements remembered by SQL text: Kysely prepares every query it runs, and
 * preparing a multi-row insert costs more than running it. The one connection is used by one query at a time (Kysely
 * holds a lock), so a statement is never run twice at once; SQLite re-prepares a statement itself after a schema change.
 */
function withStatementCache(database: BetterSqlite3.Database): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => database.close(),
    prepare: (sql: string) => {
      let statement = statements.get(sql);
      if (statement === undefined) {
        statement = database.prepare(sql);
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.clear();
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

/** A passive checkpoint: copies what no reader still needs from the write-ahead log, never waiting for a lock. */
export async function checkpoint<DB>(db: Kysely<DB>): Promise<void> {
  await sql`pragma wal_checkpoint(PASSIVE)`.execute(db);
}

/** How long an opening waits for another connection's migration (or write transaction) before failing. */
const MIGRATION_LOCK_TIMEOUT_MS = 60_000;
/** How often it tries again meanwhile. */
const MIGRATION_LOCK_RETRY_MS = 25;

/**
 * Migrates inside one write transaction (BEGIN IMMEDIATE), which also makes a migration all or nothing: a second
 * process opening a new file at the same time waits for the first to commit, then finds nothing left to do. The lock is
 * asked for without SQLite's busy wait, which would block the thread: another connection of this same process may be
 * the one migrating, and it needs the thread to finish.
 */
export async function withMigrationLock<DB, T>(db: Kysely<DB>, migrate: (connection: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (connection) => {
    await beginImmediateWithoutBlocking(connection);
    let result: T;
    try {
      result = await migrate(connection);
    } catch (error) {
      // A failed statement may have ended the transaction itself; the migration's error is the one to report.
      await sql`rollback`.execute(connection).catch(() => undefined);
      throw error;
    }
    await sql`commit`.execute(connection);
    return result;
  });
}

async function beginImmediateWithoutBlocking<DB>(connection: Kysely<DB>): Promise<void> {
  const deadline = Date.now() + MIGRATION_LOCK_TIMEOUT_MS;
  await sql.raw('pragma busy_timeout = 0').execute(connection);
  try {
    for (;;) {
      try {
        await sql`begin immediate`.execute(connection);
        return;
      } catch (error) {
        const busy = typeof (error as { code?: unknown }).code === 'string' && (error as { code: string }).code.startsWith('SQLITE_BUSY');
        if (!busy || Date.now() >= deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, MIGRATION_LOCK_RETRY_MS));
      }
    }
  } finally {
    await sql.raw(`pragma busy_timeout = ${BUSY_TIMEOUT_MS}`).execute(connection);
  }
}

/** SQLite never aborts a transaction for another's sake: a writer waits for the lock at BEGIN IMMEDIATE instead. */
export function isTransientConflict(_error: unknown): boolean {
  return false;
}

/** SQLite: "integer primary key autoincrement", so ids are never reused after a delete. */
export function addIdColumn<TB extends string, C extends string>(table: CreateTableBuilder<TB, C>): CreateTableBuilder<TB, C | 'id'> {
  return table.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement());
}

export { backup } from './sqlite-backup.ts';

export const floatType = 'real';
