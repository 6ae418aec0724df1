import { describe, expect, it } from 'vitest';
import { eventWindowOf, instantOutsideWindow, isLocalDate } from './event-window.ts';

const now = new Date('2026-03-10T11:00:00Z');
const at = (iso: string) => new Date(iso);

describe('the window of time events may fall in', () => {
  it('runs by default from 1 January of the year before the earliest card edition, local time, to one day after now', () => {
    const window = eventWindowOf({ now, earliestEditionYear: 2016, timeZone: 'Europe/Rome' });
    expect(window.from.toISOString()).toBe('2014-12-31T23:00:00.000Z');
    expect(window.until.toISOString()).toBe('2026-03-11T11:00:00.000Z');
    expect(instantOutsideWindow(at('2014-12-31T23:00:00Z'), window)).toBeUndefined();
    expect(instantOutsideWindow(at('2026-03-11T11:00:00Z'), window)).toBeUndefined();
    expect(instantOutsideWindow(at('2014-12-31T22:59:59.999Z'), window)).toBe(
      "'2014-12-31T22:59:59.999Z' is before 2015-01-01, 1 January of the year before the earliest card edition (2016)",
    );
    expect(instantOutsideWindow(at('2026-03-11T11:00:00.001Z'), window)).toMatch(/^'2026-03-11T11:00:00.001Z' is after 2026-03-11T11:00:00.000Z: events may lie at most 1 day ahead/);
  });

  it('never starts before the first year whose holidays are known, with or without cards', () => {
    for (const earliestEditionYear of [null, 1990, 2001]) {
      const window = eventWindowOf({ now, earliestEditionYear, timeZone: 'UTC' });
      expect(window.fromDate).toBe('2001-01-01');
      expect(instantOutsideWindow(at('2000-12-31T23:59:59Z'), window)).toMatch(/is before 2001-01-01, the first day whose holidays are known/);
    }
    expect(eventWindowOf({ now, earliestEditionYear: 2016, timeZone: 'UTC', settings: { from: '1999-05-01' } }).fromDate).toBe('2001-01-01');
  });

  it('takes the configured first date and days ahead', () => {
    const window = eventWindowOf({ now, earliestEditionYear: 2016, timeZone: 'UTC', settings: { from: '2020-06-01', daysAhead: 0 } });
    expect(instantOutsideWindow(at('2020-05-31T23:59:59Z'), window)).toMatch(/before 2020-06-01, the first date this server accepts events for \(MISURA_EVENTS_FROM\)/);
    expect(instantOutsideWindow(at('2026-03-10T11:00:01Z'), window)).toMatch(/at most 0 days ahead/);
    expect(instantOutsideWindow(now, window)).toBeUndefined();
  });

  it('refuses the instants no rollup could fold: year 2000, 9999-12-31, and far beyond', () => {
    const window = eventWindowOf({ now: at('9999-12-31T00:00:00Z'), earliestEditionYear: null, timeZone: 'Europe/Rome', settings: { daysAhead: 366 } });
    // Even a clock at the calendar's end does not let an event past its last day in.
    expect(window.until.getTime()).toBeLessThanOrEqual(at('9999-12-31T00:00:00Z').getTime());
    const today = eventWindowOf({ now, earliestEditionYear: 2026, timeZone: 'Europe/Rome' });
    for (const iso of ['2000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '+275760-09-13T00:00:00Z', '-271821-04-20T00:00:00Z']) {
      expect(instantOutsideWindow(at(iso), today)).toBeDefined();
    }
  });

  it.each([
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2026-2-1', false],
    ['yesterday', false],
  ])('reads %s as a local date: %s', (text, valid) => {
    expect(isLocalDate(text)).toBe(valid);
  });
});
