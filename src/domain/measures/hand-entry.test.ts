import { describe, expect, it } from 'vitest';
import { haveSameContent } from '../events/event.ts';
import { handEntryEventOf, handEntryFormOf, type HandEntryInput } from './hand-entry.ts';
import { matchesSelector } from './event-match.ts';
import type { RegisterMeasure, SnapshotMeasure } from './measure.ts';

const context = { timeZone: 'Europe/Rome', recordedBy: 'anna@comune.example' };
const input = (fields: Partial<HandEntryInput>): HandEntryInput => ({ date: '2026-03-04', subject: '', value: '', evidence: '', attributes: {}, ...fields });

describe('entries recorded by hand', () => {
  const register: RegisterMeasure = {
    kind: 'register',
    register: 'interventi',
    total: [{ attribute: 'urgent', op: '=', value: true }],
    good: [{ attribute: 'status', op: 'in', value: ['done', 'closed'] }, { attribute: 'hours', op: '<=', value: 48 }],
  };

  it('asks for the attributes a register\'s conditions read, typed as the values they compare with', () => {
    const form = handEntryFormOf(register);
    expect(form).toMatchObject({ kind: 'register', eventKind: 'register.entry', source: 'registro-manuale', register: 'interventi', fixed: { register: 'interventi' } });
    expect(form.fields).toEqual([
      { attribute: 'urgent', type: 'boolean', suggestions: ['true'] },
      { attribute: 'status', type: 'text', suggestions: ['done', 'closed'] },
      { attribute: 'hours', type: 'number', suggestions: ['48'] },
    ]);
  });

  it('makes a register entry its measure picks, identified by register and number, at noon of its local date', () => {
    const form = handEntryFormOf(register);
    const event = handEntryEventOf(form, input({ subject: ' INT-7 ', attributes: { urgent: 'sì', status: 'done', hours: '12,5' } }), context);
    expect(event).toEqual({
      id: 'interventi:INT-7',
      source: 'registro-manuale',
      kind: 'register.entry',
      subject: 'INT-7',
      occurredAt: new Date('2026-03-04T11:00:00Z'),
      attributes: { register: 'interventi', urgent: true, status: 'done', hours: 12.5, recordedBy: 'anna@comune.example' },
    });
    expect(matchesSelector(event, form.selector)).toBe(true);
    // Typed twice, the same event: a duplicate, never a second entry.
    expect(haveSameContent(handEntryEventOf(form, input({ subject: 'INT-7', attributes: { urgent: 'true', status: 'done', hours: '12.5' } }), context), event)).toBe(true);
  });

  it('identifies a snapshot by its kind, date and the attributes that tell its indicator apart, in the source the measure reads', () => {
    const snapshot: SnapshotMeasure = { kind: 'snapshot', select: { kind: ['staff.recorded', 'staff.counted'], source: 'personale', where: [{ attribute: 'office', op: '=', value: 'URP' }] }, valueAttribute: 'staff' };
    const form = handEntryFormOf(snapshot);
    expect(form).toMatchObject({ eventKind: 'staff.recorded', source: 'personale', valueAttribute: 'staff', fields: [], fixed: { office: 'URP' } });
    const event = handEntryEventOf(form, input({ value: '17', evidence: 'prot. 1234/2026' }), context);
    expect(event).toMatchObject({ id: 'staff.recorded:2026-03-04;office=URP', source: 'personale', subject: null, attributes: { office: 'URP', staff: 17, evidence: 'prot. 1234/2026' } });
    expect(matchesSelector(event, form.selector)).toBe(true);
    expect(handEntryEventOf(form, input({ value: '18' }), context).id).toBe(event.id);
  });

  it('refuses what cannot be an entry, naming the field', () => {
    const form = handEntryFormOf(register);
    expect(() => handEntryEventOf(form, input({ subject: '' }), context)).toThrow(/field "subject"/);
    expect(() => handEntryEventOf(form, input({ subject: 'A', date: '2026-02-30' }), context)).toThrow(/field "date"/);
    expect(() => handEntryEventOf(form, input({ subject: 'A', attributes: { hours: 'tanti' } }), context)).toThrow(/field "hours": "tanti" is not a number/);
    expect(() => handEntryEventOf(form, input({ subject: 'A', attributes: { urgent: 'forse' } }), context)).toThrow(/field "urgent"/);
    expect(() => handEntryEventOf(form, input({ subject: 'A\u0007' }), context)).toThrow(/control characters/);
    const snapshot = handEntryFormOf({ kind: 'snapshot', select: { kind: 'staff.recorded' } });
    expect(() => handEntryEventOf(snapshot, input({ value: '' }), context)).toThrow(/field "value": a value is needed/);
  });
});
