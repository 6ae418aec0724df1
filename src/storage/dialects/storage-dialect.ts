import type { CreateTableBuilder, Dialect, Kysely } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

/**
 * What differs between SQLite and PostgreSQL, and nothing else. sqlite.ts and postgres.ts export
 * these same names; database.ts picks one module by URL, so no other file branches on the dialect.
 */
export interface StorageDialect {
  readonly dialectName: DialectName;
  /** Opens the driver for `url` (a file path for SQLite, a postgres:// URL for PostgreSQL). */
  createKyselyDialect(url: string, options?: ConnectionOptions): Dialect;
  /** Moves what the write-ahead log holds into the database itself without blocking writers (SQLite; PostgreSQL does it itself). */
  checkpoint<DB>(db: Kysely<DB>): Promise<void>;
  /**
   * Runs `migrate` on one connection while no other connection, of this process or another, migrates the same
   * database: two instances (or two first `misura import` runs) starting together must not both create the tables.
   */
  withMigrationLock<DB, T>(db: Kysely<DB>, migrate: (connection: Kysely<DB>) => Promise<T>): Promise<T>;
  /**
   * Whether `error` is the database aborting a transaction to break a deadlock or a serialization conflict with a
   * concurrent one (PostgreSQL): the same transaction, run again from its start, may then succeed.
   */
  isTransientConflict(error: unknown): boolean;
  /** Copies of the whole database: `misura backup` and `misura restore`. */
  readonly backup: DatabaseBackup;
  /** Adds an integer, auto-incrementing primary key named "id". */
  addIdColumn<TB extends string, C extends string>(table: CreateTableBuilder<TB, C>): CreateTableBuilder<TB, C | 'id'>;
  /** The column type for a double-precision float. */
  readonly floatType: 'real' | 'double precision';
}

/** What a backup holds, read from the database it copied. */
export interface CopiedDatabase {
  /** Its last migration. */
  schemaVersion: string;
  /** PostgreSQL: the schema its tables live in; null for SQLite. */
  postgresSchema: string | null;
}

/** Whole-database copies, each dialect with its own tools (SQLite's online backup API; pg_dump and pg_restore). */
export interface DatabaseBackup {
  /** Writes a consistent copy of the database at `url` to `file`, safe while others read and write it. */
  copyTo(url: string, file: string): Promise<CopiedDatabase>;
  /** Who else uses the database at `url` now (a running server, another command), in words; undefined when no one does. */
  findOtherUsers(url: string): Promise<string | undefined>;
  /** Whether the database at `url` holds misura's tables already. */
  holdsData(url: string): Promise<boolean>;
  /**
   * Replaces the database at `url` by the copy in `file` (made by copyTo, of the schema version and PostgreSQL schema
   * `expected` gives), all or nothing: it fails leaving the database as it was, or replaces it whole.
   */
  replaceFrom(url: string, file: string, expected: CopiedDatabase): Promise<void>;
}

export interface ConnectionOptions {
  /**
   * Someone else checkpoints (a worker thread calling checkpoint): this connection's commits leave the write-ahead log
   * alone unless it grows very large. SQLite only.
   */
  backgroundCheckpoints?: boolean;
}

/** The part of a dialect a migration may use. */
export type MigrationDialect = Pick<StorageDialect, 'dialectName' | 'addIdColumn' | 'floatType'>;
