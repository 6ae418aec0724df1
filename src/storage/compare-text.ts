/**
 * Code-point order. Listings sort in TypeScript with this, because SQLite (binary) and a
 * PostgreSQL cluster with a natural-language collation would order the same text differently.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
