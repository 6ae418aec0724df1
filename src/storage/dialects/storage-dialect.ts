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
  /** Adds an integer, auto-incrementing primary key named "id". */
  addIdColumn<TB extends string, C extends string>(table: CreateTableBuilder<TB, C>): CreateTableBuilder<TB, C | 'id'>;
  /** The column type for a double-precision float. */
  readonly floatType: 'real' | 'double precision';
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
