import type { SourceLine, TableHeader } from './card-text-table.ts';

export function recogniseNonCard(_lines: readonly SourceLine[], _header: TableHeader | null): string | null {
  return null;
}
export function forcedTableHeader(_lines: readonly SourceLine[]): { index: number; header: TableHeader } | null {
  return null;
}
