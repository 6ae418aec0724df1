import { describe, expect, it } from 'vitest';
import { defaultInForceFrom, isOutdated, parseDay } from './edition.ts';

describe('an edition record', () => {
  it('comes into force on 1 January of its year when approved the year before, else on the day of approval', () => {
    expect(defaultInForceFrom(2027, '2026-12-15')).toBe('2027-01-01');
    expect(defaultInForceFrom(2027, '2027-03-02')).toBe('2027-03-02');
    expect(defaultInForceFrom(null, '2027-03-02')).toBe('2027-03-02');
  });

  it('is "non aggiornata" when its year is past, or when an undated card has been in force for more than a year', () => {
    expect(isOutdated({ year: 2025, inForceFrom: '2025-01-01' }, '2026-12-04')).toBe(true);
    expect(isOutdated({ year: 2026, inForceFrom: '2026-01-01' }, '2026-12-04')).toBe(false);
    expect(isOutdated({ year: null, inForceFrom: '2025-12-03' }, '2026-12-04')).toBe(true);
    expect(isOutdated({ year: null, inForceFrom: '2025-12-05' }, '2026-12-04')).toBe(false);
    expect(isOutdated({ year: null, inForceFrom: null }, '2026-12-04')).toBe(false);
  });

  it('reads a day only when it exists in the calendar', () => {
    expect(parseDay('2027-02-28')).toBe('2027-02-28');
    expect(parseDay('2027-02-30')).toBeNull();
    expect(parseDay('15/01/2027')).toBeNull();
  });
});
