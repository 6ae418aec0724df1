import { sql, type Selectable, type Transaction } from 'kysely';
import { describeActor, type Actor, type ActorKind } from '../../domain/accounts/actor.ts';
import { hashAuditRecord, toCanonicalJson, type AuditChange, type AuditRecord } from '../../domain/audit/audit-chain.ts';
import type { AuditLogTable, Queryable, Schema } from '../schema.ts';

/** Which rows listAuditRecords returns; absent fields do not filter. */
export interface AuditFilter {
  /** Exact actor as stored ("user:anna@comune.example") or a prefix ending in ":" ("user:"). */
  actor?: string;
  /** Exact action, or a prefix ending in "." ("edition."). */
  action?: string;
  entityType?: string;
  entityKey?: string;
  /** Canonical UTC instants, inclusive. */
  from?: string;
  to?: string;
}

/**
 * Appends one change to the audit log, in the caller's transaction, so the record lands exactly when the change does.
 * The head row is updated first: on PostgreSQL that locks it until commit, on SQLite the transaction already holds
 * the write lock, so concurrent appends queue up and each links to the one before it.
 */
export async function appendAuditRecord(trx: Transaction<Schema>, actor: Actor, change: AuditChange, at: string): Promise<AuditRecord> {
  await trx.updateTable('audit_head').set((eb) => ({ last_id: eb.ref('last_id') })).where('id', '=', 1).execute();
  const head = await trx.selectFrom('audit_head').select(['last_id', 'last_hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  const unhashed: Omit<AuditRecord, 'hash'> = {
    id: Number(head.last_id) + 1,
    at,
    actor: describeActor(actor),
    actorKind: actor.kind,
    action: change.action,
    entityType: change.entityType,
    entityKey: change.entityKey,
    beforeJson: toCanonicalJson(change.before),
    afterJson: toCanonicalJson(change.after),
    prevHash: head.last_hash,
  };
  const record: AuditRecord = { ...unhashed, hash: hashAuditRecord(unhashed) };
  await trx
    .insertInto('audit_log')
    .values({
      id: record.id,
      at: record.at,
      actor: record.actor,
      actor_kind: record.actorKind,
      action: record.action,
      entity_type: record.entityType,
      entity_key: record.entityKey,
      before_json: record.beforeJson,
      after_json: record.afterJson,
      prev_hash: record.prevHash,
      hash: record.hash,
    })
    .execute();
  await trx.updateTable('audit_head').set({ last_id: record.id, last_hash: record.hash }).where('id', '=', 1).execute();
  return record;
}

/** The last id and hash the appends recorded: a verification that ends elsewhere means rows were cut off the end. */
export async function readAuditHead(db: Queryable): Promise<{ lastId: number; lastHash: string }> {
  const head = await db.selectFrom('audit_head').select(['last_id', 'last_hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { lastId: Number(head.last_id), lastHash: head.last_hash };
}

/** Up to `limit` rows with an id above `afterId`, in id order: a page of the chain for verification or export. */
export async function readAuditPage(db: Queryable, afterId: number, limit: number, filter: AuditFilter = {}): Promise<AuditRecord[]> {
  let query = db.selectFrom('audit_log').selectAll().where('id', '>', afterId);
  if (filter.actor !== undefined) {
    const { actor } = filter;
    query = actor.endsWith(':') ? query.where(sql<string>`substr(actor, 1, ${actor.length})`, '=', actor) : query.where('actor', '=', actor);
  }
  if (filter.action !== undefined) {
    const { action } = filter;
    query = action.endsWith('.') ? query.where(sql<string>`substr(action, 1, ${action.length})`, '=', action) : query.where('action', '=', action);
  }
  if (filter.entityType !== undefined) query = query.where('entity_type', '=', filter.entityType);
  if (filter.entityKey !== undefined) query = query.where('entity_key', '=', filter.entityKey);
  if (filter.from !== undefined) query = query.where('at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('at', '<=', filter.to);
  const rows = await query.orderBy('id').limit(limit).execute();
  return rows.map(recordFromRow);
}

function recordFromRow(row: Selectable<AuditLogTable>): AuditRecord {
  return {
    id: Number(row.id),
    at: row.at,
    actor: row.actor,
    actorKind: row.actor_kind as ActorKind,
    action: row.action,
    entityType: row.entity_type,
    entityKey: row.entity_key,
    beforeJson: row.before_json,
    afterJson: row.after_json,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
