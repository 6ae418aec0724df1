import type { Finding } from '../domain/cards/finding.ts';
import type { DocumentRow } from './card-document.ts';

export function unflattenRows(_rows: readonly DocumentRow[], _file: string): { rows: DocumentRow[]; doubts: Finding[] } | null {
  return null;
}
