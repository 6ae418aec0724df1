import { describe, expect, it } from 'vitest';
import { CHAIN_START, GENESIS_HASH, hashAuditRecord, isChainBreak, toCanonicalJson, verifyAuditRecords, type AuditRecord } from './audit-chain.ts';

function chainOf(count: number): AuditRecord[] {
  const records: AuditRecord[] = [];
  let prevHash = GENESIS_HASH;
  for (let id = 1; id <= count; id += 1) {
    const unhashed = {
      id,
      at: `2026-12-0${id}T10:00:00.000Z`,
      actor: 'user:anna@comune.example',
      actorKind: 'user' as const,
      action: 'edition.approve',
      entityType: 'edition',
      entityKey: `centro-di-contatto/${2020 + id}`,
      beforeJson: toCanonicalJson({ status: 'draft' }),
      afterJson: toCanonicalJson({ status: 'approved', act: `n. ${id}` }),
      prevHash,
    };
    const record = { ...unhashed, hash: hashAuditRecord(unhashed) };
    records.push(record);
    prevHash = record.hash;
  }
  return records;
}

function rehash(record: AuditRecord): AuditRecord {
  const { hash: _old, ...rest } = record;
  return { ...rest, hash: hashAuditRecord(rest) };
}

describe('the audit hash chain', () => {
  it('holds for rows appended in order, across pages', () => {
    const records = chainOf(5);
    const first = verifyAuditRecords(records.slice(0, 2), CHAIN_START);
    expect(isChainBreak(first)).toBe(false);
    const all = verifyAuditRecords(records.slice(2), first as typeof CHAIN_START);
    expect(all).toEqual({ prevHash: records[4]!.hash, nextId: 6, checked: 5 });
  });

  it('writes JSON with sorted keys, so the same value always hashes the same', () => {
    expect(toCanonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}');
    expect(toCanonicalJson(null)).toBeNull();
    expect(toCanonicalJson(undefined)).toBeNull();
  });

  it.each([
    ['the action', (r: AuditRecord) => ({ ...r, action: 'edition.publish' })],
    ['the actor', (r: AuditRecord) => ({ ...r, actor: 'user:someone@else.example' })],
    ['the time', (r: AuditRecord) => ({ ...r, at: '2026-12-31T10:00:00.000Z' })],
    ['what it was before', (r: AuditRecord) => ({ ...r, beforeJson: null })],
    ['what it became', (r: AuditRecord) => ({ ...r, afterJson: '{"status":"published"}' })],
    ['the entity', (r: AuditRecord) => ({ ...r, entityKey: 'altro/2024' })],
  ])('names the row whose %s was edited', (_what, edit) => {
    const records = chainOf(5);
    records[2] = edit(records[2]!);
    expect(verifyAuditRecords(records, CHAIN_START)).toMatchObject({ id: 3, reason: 'edited' });
  });

  it('names the row that was edited even when its hash was recomputed', () => {
    const records = chainOf(5);
    records[1] = rehash({ ...records[1]!, afterJson: '{"status":"approved","act":"forged"}' });
    expect(verifyAuditRecords(records, CHAIN_START)).toMatchObject({ id: 2, reason: 'edited' });
  });

  it('names the place of a deleted row', () => {
    const records = chainOf(5);
    records.splice(2, 1);
    const result = verifyAuditRecords(records, CHAIN_START);
    expect(result).toMatchObject({ id: 4, reason: 'deleted-before' });
    expect(isChainBreak(result) && result.message).toContain('row 3 is missing');
  });

  it('names the first of two rows whose places were swapped (ids exchanged)', () => {
    const renumbered = chainOf(5);
    const second = renumbered[1]!;
    const third = renumbered[2]!;
    renumbered[1] = { ...third, id: 2 };
    renumbered[2] = { ...second, id: 3 };
    expect(verifyAuditRecords(renumbered, CHAIN_START)).toMatchObject({ id: 2, reason: 'edited' });
  });

  it('says rows are out of order when an id comes before its place', () => {
    const records = chainOf(3);
    expect(verifyAuditRecords([records[0]!, records[0]!], CHAIN_START)).toMatchObject({ id: 1, reason: 'reordered' });
  });

  it('refuses a first row that does not start from the genesis hash', () => {
    const records = chainOf(2);
    records[0] = rehash({ ...records[0]!, prevHash: 'f'.repeat(64) });
    expect(verifyAuditRecords(records, CHAIN_START)).toMatchObject({ id: 1, reason: 'edited' });
  });
});
