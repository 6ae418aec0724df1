import type { AuditRecord } from '../domain/audit/audit-chain.ts';
import type { Database } from '../storage/database.ts';
import { readAuditPage, type AuditFilter } from '../storage/repositories/audit-log.repository.ts';

export type { AuditFilter };

/** Rows read per page. */
const PAGE_ROWS = 2000;

/** The audit log's rows that pass the filter, in id order (for the OIV's reading and its CSV export). Read-only. */
export async function listAuditLog(deps: { database: Database }, filter: AuditFilter = {}): Promise<AuditRecord[]> {
  const records: AuditRecord[] = [];
  let afterId = 0;
  for (;;) {
    const page = await readAuditPage(deps.database.db, afterId, PAGE_ROWS, filter);
    for (const record of page) records.push(record);
    const last = page.at(-1);
    if (last === undefined || page.length < PAGE_ROWS) return records;
    afterId = last.id;
  }
}

/** The filtered audit log as CSV (RFC 4180), every field and both hashes: what the OIV downloads to check on its own. */
export async function exportAuditLogCsv(deps: { database: Database }, filter: AuditFilter = {}): Promise<string> {
  const [{ writeOpenDataCsv }, { auditTableOf }] = await Promise.all([import('../formats/opendata-csv.ts'), import('../formats/audit-table.ts')]);
  return writeOpenDataCsv(auditTableOf(await listAuditLog(deps, filter)));
}
