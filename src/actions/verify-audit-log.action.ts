import { CHAIN_START, isChainBreak, verifyAuditRecords, type ChainBreak } from '../domain/audit/audit-chain.ts';
import type { Database } from '../storage/database.ts';
import { readAuditHead, readAuditPage } from '../storage/repositories/audit-log.repository.ts';

export type AuditVerification = { ok: true; rows: number; headHash: string } | { ok: false; rows: number; problem: ChainBreak };

/** Rows read per page: the verification holds one page in memory, whatever the length of the log. */
const PAGE_ROWS = 2000;

/**
 * Walks the whole audit log in id order and checks every link of the hash chain, then that the chain ends where the
 * head says: the first row edited, deleted, reordered or cut off the end is named. Read-only.
 */
export async function verifyAuditLog(deps: { database: Database }): Promise<AuditVerification> {
  const { db } = deps.database;
  const head = await readAuditHead(db);
  let cursor = CHAIN_START;
  for (;;) {
    const page = await readAuditPage(db, cursor.nextId - 1, PAGE_ROWS);
    if (page.length === 0) break;
    const next = verifyAuditRecords(page, cursor);
    if (isChainBreak(next)) return { ok: false, rows: cursor.checked, problem: next };
    cursor = next;
    // A page that ended before the id that follows it would loop: rows past a gap are caught on the next page.
    if (page.length < PAGE_ROWS) break;
  }
  if (cursor.nextId - 1 !== head.lastId || cursor.prevHash !== head.lastHash) {
    const id = cursor.nextId;
    const problem: ChainBreak =
      cursor.nextId - 1 < head.lastId
        ? { id, reason: 'truncated', message: `row ${id}: rows ${id}–${head.lastId} are missing from the end of the log (deleted)` }
        : { id: head.lastId, reason: 'edited', message: `row ${head.lastId}: the log's head names another last row (edited or appended without the head)` };
    return { ok: false, rows: cursor.checked, problem };
  }
  return { ok: true, rows: cursor.checked, headHash: cursor.prevHash };
}
