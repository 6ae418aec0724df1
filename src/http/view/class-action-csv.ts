import type { ClassActionListing } from '../../actions/class-action.action.ts';
import { textCell } from '../../formats/opendata-csv.ts';

const COLUMNS = ['case_id', 'service', 'court', 'case_number', 'filed_on', 'subject', 'status', 'publication_kind', 'published_on', 'text', 'document_url'] as const;

/**
 * The published cases as RFC 4180 CSV (the open-data files' conventions): one row per publication, newest first, and
 * one row with empty publication columns for a case with none yet, so every case is in the file.
 */
export function writeClassActionCsv(listing: ClassActionListing): string {
  const lines = [COLUMNS.join(',')];
  for (const c of listing.cases) {
    const head = [String(c.id), c.serviceSlug ?? '', c.court, c.caseNumber ?? '', c.filedOn, c.subject, c.status];
    const rows = c.publications.length === 0 ? [['', '', '', '']] : c.publications.map((p) => [p.kind, p.publishedOn, p.text, p.documentUrl ?? '']);
    for (const row of rows) lines.push([...head, ...row].map(textCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
