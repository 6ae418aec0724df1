import type { AuditRecord } from '../domain/audit/audit-chain.ts';
import type { OpenDataColumn, OpenDataTable } from './opendata-table.ts';

/** The columns of an audit log export (what the OIV downloads), in file order: every field hashed, and the hashes. */
export const AUDIT_COLUMNS: readonly OpenDataColumn[] = [
  { name: 'id', kind: 'integer' },
  { name: 'at', kind: 'text' },
  { name: 'actor', kind: 'text' },
  { name: 'actor_kind', kind: 'text' },
  { name: 'action', kind: 'text' },
  { name: 'entity_type', kind: 'text' },
  { name: 'entity_key', kind: 'text' },
  { name: 'before', kind: 'text' },
  { name: 'after', kind: 'text' },
  { name: 'prev_hash', kind: 'text' },
  { name: 'hash', kind: 'text' },
];

/** Audit records as a table, for the CSV writer: with the hashes, a reader can check the chain on their own. */
export function auditTableOf(records: readonly AuditRecord[]): OpenDataTable {
  return {
    columns: AUDIT_COLUMNS,
    rows: records.map((record) => ({
      id: record.id,
      at: record.at,
      actor: record.actor,
      actor_kind: record.actorKind,
      action: record.action,
      entity_type: record.entityType,
      entity_key: record.entityKey,
      before: record.beforeJson,
      after: record.afterJson,
      prev_hash: record.prevHash,
      hash: record.hash,
    })),
  };
}
