/**
 * Values bound in one statement's IN list or multi-row VALUES: far below SQLite's limit (32 766 variables in the
 * SQLite better-sqlite3 bundles) and PostgreSQL's (65 535 parameters), however many columns a row has.
 */
export const IN_LIST_LIMIT = 500;

/** `items` cut into runs of at most `size`, in order: one statement per run keeps every statement under the limits. */
export function chunksOf<T>(items: readonly T[], size: number = IN_LIST_LIMIT): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));
  return chunks;
}
