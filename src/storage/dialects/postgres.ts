import pg from 'pg';
import { PostgresDialect, sql, type CreateTableBuilder, type Dialect, type Kysely } from 'kysely';
import type { ConnectionOptions } from './storage-dialect.ts';

export const dialectName = 'postgres';

const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * Parsers for this pool only (no global pg.types change): dates stay 'YYYY-MM-DD' strings, as
 * period keys are computed in TypeScript; count(*) (int8) and numeric come back as numbers,
 * as SQLite gives them.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format === undefined || format === 'text') {
      if (oid === DATE_OID) return (value: string) => value;
      if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    }
    return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/** Opens a connection pool to `url` (postgres:// or postgresql://); connects lazily. */
export function createKyselyDialect(url: string, _options: ConnectionOptions = {}): Dialect {
  const pool = new pg.Pool({ connectionString: url, types });
  // An idle connection dropped by the server (restart, failover) is discarded by the pool and the next
  // query opens a new one; without a listener the 'error' event would crash the process instead.
  pool.on('error', () => undefined);
  return new PostgresDialect({ pool });
}

/** PostgreSQL checkpoints by itself. */
export function checkpoint<DB>(_db: Kysely<DB>): Promise<void> {
  return Promise.resolve();
}

/**
 * The advisory lock key misura's migrations take: "misura" in ASCII, as a number. Advisory keys are shared by every
 * application on the database (Kysely's own migrator takes another one inside ours).
 */
const MIGRATION_LOCK_KEY = 120_299_676_070_497;

/**
 * Migrates under a session advisory lock on one connection: a second instance starting at the same time waits for the
 * first to finish, then finds nothing left to do. The lock is released after, or with the session if the connection
 * breaks.
 */
export async function withMigrationLock<DB, T>(db: Kysely<DB>, migrate: (connection: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${sql.lit(MIGRATION_LOCK_KEY)})`.execute(connection);
    try {
      return await migrate(connection);
    } finally {
      await sql`select pg_advisory_unlock(${sql.lit(MIGRATION_LOCK_KEY)})`.execute(connection);
    }
  });
}

/** deadlock_detected and serialization_failure: PostgreSQL rolled the transaction back so that another could go on. */
const TRANSIENT_CONFLICT_CODES = new Set(['40P01', '40001']);

export function isTransientConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSIENT_CONFLICT_CODES.has(code);
}

/** PostgreSQL: a serial column. */
export function addIdColumn<TB extends string, C extends string>(table: CreateTableBuilder<TB, C>): CreateTableBuilder<TB, C | 'id'> {
  return table.addColumn('id', 'serial', (col) => col.primaryKey());
}

export { backup } from './postgres-backup.ts';

export const floatType = 'double precision';
