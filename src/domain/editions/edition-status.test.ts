import { describe, expect, it } from 'vitest';
import { editionKeyOfRevision, isFrozen, nextEditionStatus, parseEditionKey, type EditionStatus, type EditionStep } from './edition-status.ts';

describe('the lifecycle of an edition', () => {
  it.each<[EditionStatus, EditionStep, EditionStatus]>([
    ['draft', 'edit', 'draft'],
    ['draft', 'approve', 'approved'],
    ['approved', 'unapprove', 'draft'],
    ['approved', 'publish', 'published'],
    ['published', 'supersede', 'superseded'],
    ['published', 'withdraw', 'withdrawn'],
  ])('goes from %s by %s to %s', (from, step, to) => {
    expect(nextEditionStatus(from, step, '2027')).toBe(to);
  });

  it.each<[EditionStatus, EditionStep]>([
    ['published', 'edit'],
    ['superseded', 'edit'],
    ['withdrawn', 'publish'],
    ['draft', 'publish'],
    ['approved', 'edit'],
    ['published', 'delete'],
  ])('refuses, from %s, to %s', (from, step) => {
    expect(() => nextEditionStatus(from, step, '2027')).toThrow(/the 2027 edition is/);
  });

  it('tells a person how to correct a published edition', () => {
    expect(() => nextEditionStatus('published', 'edit', '2027')).toThrow(/start a correction/);
    expect(isFrozen('published')).toBe(true);
    expect(isFrozen('approved')).toBe(false);
  });

  it('names revisions after their year and reads the names back', () => {
    expect(editionKeyOfRevision(2027, 1)).toBe('2027');
    expect(editionKeyOfRevision(2027, 3)).toBe('2027-r3');
    expect(editionKeyOfRevision(null, 1)).toBe('undated');
    expect(parseEditionKey('2027-r12')).toEqual({ year: 2027, revision: 12 });
    expect(parseEditionKey('undated')).toEqual({ year: null, revision: 1 });
    expect(parseEditionKey('2027-r1')).toBeNull();
    expect(parseEditionKey('20x7')).toBeNull();
  });
});
