import type { Database } from '../storage/database.ts';

/**
 * Copies what the write-ahead log holds into the database file, without waiting for a lock or blocking writers
 * (SQLite; PostgreSQL checkpoints by itself). A server asks its worker thread to do it after each ingestion, so the
 * request threads' commits never do it (see the `backgroundCheckpoints` connection option).
 */
export function checkpointDatabase(deps: { database: Database }): Promise<void> {
  return deps.database.checkpoint();
}
