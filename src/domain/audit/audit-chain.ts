import { createHash } from 'node:crypto';
import type { ActorKind } from '../accounts/actor.ts';

/** What a change is: the action, the thing it changed, and that thing before and after (null when absent). */
export interface AuditChange {
  /** Dotted, verb last: "edition.approve", "card.import", "user.add", "measures.apply". */
  action: string;
  /** "edition", "service", "user", "source", … */
  entityType: string;
  /** The entity's readable key: "centro-di-contatto/2027", "anna@comune.example". */
  entityKey: string;
  before: unknown;
  after: unknown;
}

/** One row of the audit log as stored: every field is text or a number, exactly as hashed. */
export interface AuditRecord {
  /** 1, 2, 3, … with no gaps: appends are serialised. */
  id: number;
  /** Canonical UTC ISO instant. */
  at: string;
  /** describeActor(actor). */
  actor: string;
  actorKind: ActorKind;
  action: string;
  entityType: string;
  entityKey: string;
  /** Canonical JSON text, or null. */
  beforeJson: string | null;
  afterJson: string | null;
  /** The previous row's hash; GENESIS_HASH for the first row. */
  prevHash: string;
  /** sha256 of the row's other fields and prevHash: see hashAuditRecord. */
  hash: string;
}

/** The prevHash of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

const SEPARATOR = '\u001f';

/**
 * The hash of a row: sha256 over every stored field and the previous hash, joined by a separator no field can hold
 * unescaped (JSON escapes control characters; the other fields are ours). Editing any field, deleting a row (the next
 * row's prevHash no longer matches) or swapping two rows (ids are hashed) breaks the chain.
 */
export function hashAuditRecord(record: Omit<AuditRecord, 'hash'>): string {
  const fields = [
    String(record.id),
    record.at,
    record.actor,
    record.actorKind,
    record.action,
    record.entityType,
    record.entityKey,
    record.beforeJson ?? '\u0000null',
    record.afterJson ?? '\u0000null',
    record.prevHash,
  ];
  return createHash('sha256').update(fields.join(SEPARATOR)).digest('hex');
}

/** JSON with object keys sorted, so that equal values always give the same text (and the same hash). */
export function toCanonicalJson(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    const entries = Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries);
  });
}

/** Where a verification stands between pages of rows. */
export interface ChainCursor {
  /** The hash the next row must name as its prevHash. */
  prevHash: string;
  /** The id the next row must have. */
  nextId: number;
  /** Rows checked so far. */
  checked: number;
}

export const CHAIN_START: ChainCursor = { prevHash: GENESIS_HASH, nextId: 1, checked: 0 };

export type ChainBreak = {
  /** The first row that does not hold: edited, or the first row after a deleted or reordered one. */
  id: number;
  reason: 'edited' | 'deleted-before' | 'reordered' | 'truncated';
  message: string;
};

/**
 * Checks rows (in stored id order) against the chain so far. Returns the cursor to continue with, or the first break.
 * Pure, so a verification can page through millions of rows in constant memory.
 */
export function verifyAuditRecords(records: readonly AuditRecord[], from: ChainCursor): ChainCursor | ChainBreak {
  let cursor = from;
  for (const record of records) {
    if (record.id !== cursor.nextId) {
      if (record.id > cursor.nextId && record.prevHash !== cursor.prevHash) {
        return { id: record.id, reason: 'deleted-before', message: `row ${record.id}: row${record.id - cursor.nextId > 1 ? `s ${cursor.nextId}–${record.id - 1} are` : ` ${cursor.nextId} is`} missing (deleted)` };
      }
      return { id: record.id, reason: 'reordered', message: `row ${record.id}: found where row ${cursor.nextId} should be (rows renumbered or reordered)` };
    }
    if (hashAuditRecord(record) !== record.hash) {
      return { id: record.id, reason: 'edited', message: `row ${record.id}: its content no longer matches its hash (edited)` };
    }
    if (record.prevHash !== cursor.prevHash) {
      // The row holds together but does not link: the row before it was rewritten with a recomputed hash.
      const edited = Math.max(1, record.id - 1);
      return { id: edited, reason: 'edited', message: `row ${edited}: changed and its hash recomputed (row ${record.id} still names the original)` };
    }
    cursor = { prevHash: record.hash, nextId: record.id + 1, checked: cursor.checked + 1 };
  }
  return cursor;
}

export function isChainBreak(value: ChainCursor | ChainBreak): value is ChainBreak {
  return 'reason' in value;
}
