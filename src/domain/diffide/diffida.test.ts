import { describe, expect, it } from 'vitest';
import { UserError } from '../shared/errors.ts';
import { addYears, checkDiffidaRequest, checkDiffidaStep, daysLeftOf, diffidaTermsOf, erasableFromOf, formatDiffidaNumber, isDiffidaNumber, isDueForErasure, selectDueDiffide, type DiffidaState } from './diffida.ts';

describe('the terms of a diffida', () => {
  it('gives the administration 90 calendar days, then a year for the ricorso from the day after', () => {
    expect(diffidaTermsOf('2026-12-04')).toEqual({ receivedOn: '2026-12-04', deadline: '2027-03-04', ricorsoFrom: '2027-03-05', ricorsoUntil: '2028-03-04' });
  });

  it('counts holidays and weekends like any other day', () => {
    // 1 November 2026 is a Sunday and a holiday: the term neither stops nor moves.
    expect(diffidaTermsOf('2026-08-03').deadline).toBe('2026-11-01');
  });

  it('ends the year of the ricorso on 28 February when the 90 days end on 29 February', () => {
    expect(diffidaTermsOf('2027-12-01').deadline).toBe('2028-02-29');
    expect(diffidaTermsOf('2027-12-01').ricorsoUntil).toBe('2029-02-28');
    expect(addYears('2028-02-29', 4)).toBe('2032-02-29');
  });

  it('counts the days left, zero on the deadline and negative after it', () => {
    expect(daysLeftOf('2027-03-01', '2027-03-04')).toBe(3);
    expect(daysLeftOf('2027-03-04', '2027-03-04')).toBe(0);
    expect(daysLeftOf('2027-03-06', '2027-03-04')).toBe(-2);
  });
});

describe('diffida numbers', () => {
  it('are written D-year-order with four digits at least', () => {
    expect(formatDiffidaNumber(2026, 1)).toBe('D-2026-0001');
    expect(formatDiffidaNumber(2026, 12345)).toBe('D-2026-12345');
    expect(isDiffidaNumber('D-2026-0001')).toBe(true);
    expect(isDiffidaNumber('D-2026-1')).toBe(false);
    expect(isDiffidaNumber("D-2026-0001' or 1=1")).toBe(false);
  });
});

describe('a diffida request', () => {
  const request = { service: ' anagrafe ', indicator: 'tempestivita', facts: '  Atteso 40 giorni.  ', claimantName: ' Maria Rossi ', claimantEmail: 'Maria@Example.org', consent: true };

  it('is trimmed, with the e-mail lower-cased', () => {
    expect(checkDiffidaRequest(request)).toEqual({ ...request, service: 'anagrafe', facts: 'Atteso 40 giorni.', claimantName: 'Maria Rossi', claimantEmail: 'maria@example.org' });
  });

  it('is refused without facts, name, a real e-mail or consent, naming the field', () => {
    const fieldOf = (change: Partial<typeof request>) => {
      try {
        checkDiffidaRequest({ ...request, ...change });
      } catch (error) {
        return error instanceof UserError ? error.where?.field : 'other';
      }
      return 'none';
    };
    expect(fieldOf({ facts: '   ' })).toBe('facts');
    expect(fieldOf({ facts: 'x'.repeat(5001) })).toBe('facts');
    expect(fieldOf({ claimantName: '' })).toBe('claimantName');
    expect(fieldOf({ claimantEmail: 'maria' })).toBe('claimantEmail');
    expect(fieldOf({ consent: false })).toBe('consent');
  });
});

describe('the steps of a diffida', () => {
  it('takes it in charge once, records one outcome, and closes it from any open state', () => {
    expect(() => checkDiffidaStep('received', 'acknowledged')).not.toThrow();
    expect(() => checkDiffidaStep('acknowledged', 'acknowledged')).toThrow(UserError);
    expect(() => checkDiffidaStep('acknowledged', 'outcome')).not.toThrow();
    expect(() => checkDiffidaStep('outcome', 'outcome')).toThrow(UserError);
    expect(() => checkDiffidaStep('outcome', 'closed')).not.toThrow();
    expect(() => checkDiffidaStep('closed', 'closed')).toThrow(UserError);
  });

  it('reminds of those awaiting an outcome due within N days or overdue, most urgent first', () => {
    const item = (number: string, receivedOn: string, state: DiffidaState = 'received') => ({ number, state, terms: diffidaTermsOf(receivedOn) });
    const diffide = [
      item('D-2026-0001', '2026-09-01'), // deadline 2026-11-30: overdue on 2026-12-04
      item('D-2026-0002', '2026-09-10', 'outcome'), // answered: never reminded
      item('D-2026-0003', '2026-09-10', 'acknowledged'), // deadline 2026-12-09: 5 days left
      item('D-2026-0004', '2026-10-20'), // deadline 2027-01-18: far
    ];
    expect(selectDueDiffide(diffide, '2026-12-04', 7).map((d) => d.number)).toEqual(['D-2026-0001', 'D-2026-0003']);
    expect(selectDueDiffide(diffide, '2026-12-04', 0).map((d) => d.number)).toEqual(['D-2026-0001']);
  });

  it('keeps personal data for the retention from receipt, never before the ricorso window closes, and never while an outcome is awaited', () => {
    const terms = diffidaTermsOf('2024-02-29');
    expect(erasableFromOf(terms, 5)).toBe('2029-02-28');
    expect(erasableFromOf(terms, 1)).toBe('2025-05-30'); // the window ends 2025-05-29
    expect(isDueForErasure({ state: 'closed', terms }, '2029-02-27', 5)).toBe(false);
    expect(isDueForErasure({ state: 'closed', terms }, '2029-02-28', 5)).toBe(true);
    expect(isDueForErasure({ state: 'outcome', terms }, '2030-01-01', 5)).toBe(true);
    expect(isDueForErasure({ state: 'acknowledged', terms }, '2035-01-01', 5)).toBe(false);
  });
});
