/**
 * Whether an error came from the database or its driver rather than from our computation: better-sqlite3 throws
 * SqliteError, pg a DatabaseError with a SQLSTATE `code`, and both networking and file errors carry a string `code`.
 * A drain must not mistake a lost connection for a fault of one indicator (it would drop that indicator's queued days),
 * so such errors fail the drain, to be retried, while any other error degrades only the indicator that raised it.
 */
export function isStorageError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'SqliteError' || error.name === 'DatabaseError') return true;
  return typeof (error as { code?: unknown }).code === 'string';
}
