import type { CreateTableBuilder, Dialect } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

/**
 * What differs between SQLite and PostgreSQL, and nothing else. sqlite.ts and postgres.ts export
 * these same names; database.ts picks one module by URL, so no other file branches on the dialect.
 */
export interface StorageDialect {
  readonly dialectName: DialectName;
  /** Opens the driver for `url` (a file path for SQLite, a postgres:// URL for PostgreSQL). */
  createKyselyDialect(url: string): Dialect;
  /** Adds an integer, auto-incrementing primary key named "id". */
  addIdColumn<TB extends string, C extends string>(table: CreateTableBuilder<TB, C>): CreateTableBuilder<TB, C | 'id'>;
  /** The column type for a double-precision float. */
  readonly floatType: 'real' | 'double precision';
}

/** The part of a dialect a migration may use. */
export type MigrationDialect = Pick<StorageDialect, 'dialectName' | 'addIdColumn' | 'floatType'>;
