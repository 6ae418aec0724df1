import { describe, expect, it } from 'vitest';
import { describeMaintenanceTime, findMaintenanceAt, parseMaintenanceWindow, type MaintenanceWindow } from './maintenance-window.ts';

const ROME = 'Europe/Rome';

describe('parseMaintenanceWindow', () => {
  it('reads a window once, between two instants, and a weekly one on the local clock', () => {
    expect(parseMaintenanceWindow({ probe: 'portale', reason: 'aggiornamento', from: '2026-03-08T02:00+01:00', to: '2026-03-08T04:00+01:00' })).toEqual({
      probe: 'portale',
      reason: 'aggiornamento',
      kind: 'once',
      from: '2026-03-08T01:00:00.000Z',
      to: '2026-03-08T03:00:00.000Z',
    });
    expect(parseMaintenanceWindow({ probe: '*', reason: 'backup', weekly: 'dom', at: '23:00', minutes: '120' })).toEqual({ probe: '*', reason: 'backup', kind: 'weekly', weekday: 7, at: '23:00', minutes: 120 });
  });

  it.each([
    [{ from: '2026-03-08T02:00+01:00', to: '2026-03-08T04:00+01:00', reason: ' ' }, 'reason'],
    [{ from: '2026-03-08 02:00', to: '2026-03-08T04:00+01:00' }, 'from'],
    [{ from: '2026-03-08T04:00+01:00', to: '2026-03-08T02:00+01:00' }, 'to'],
    [{ weekly: 'funday', at: '02:00', minutes: '60' }, 'weekly'],
    [{ weekly: 'sun', at: '25:00', minutes: '60' }, 'at'],
    [{ weekly: 'sun', at: '02:00', minutes: '0' }, 'minutes'],
    [{ weekly: 'sun', at: '02:00', minutes: '60', from: '2026-03-08T04:00+01:00' }, 'weekly'],
  ])('refuses %j naming the field %s', (input, field) => {
    expect(() => parseMaintenanceWindow({ probe: 'p', reason: 'r', ...input })).toThrow(`field "${field}"`);
  });
});

describe('findMaintenanceAt', () => {
  const once: MaintenanceWindow = { id: 1, probe: 'portale', reason: 'r', kind: 'once', from: '2026-03-08T01:00:00.000Z', to: '2026-03-08T03:00:00.000Z' };
  // Sunday 23:00 for two hours, Rome time: into Monday.
  const weekly: MaintenanceWindow = { id: 2, probe: '*', reason: 'backup', kind: 'weekly', weekday: 7, at: '23:00', minutes: 120 };

  it('holds the instants from the start up to, not including, the end, for its probe only', () => {
    expect(findMaintenanceAt([once], 'portale', new Date('2026-03-08T01:00:00Z'), ROME)).toBe(once);
    expect(findMaintenanceAt([once], 'portale', new Date('2026-03-08T02:59:59Z'), ROME)).toBe(once);
    expect(findMaintenanceAt([once], 'portale', new Date('2026-03-08T03:00:00Z'), ROME)).toBeNull();
    expect(findMaintenanceAt([once], 'app', new Date('2026-03-08T02:00:00Z'), ROME)).toBeNull();
  });

  it('follows a weekly window past midnight and across the change to summer time', () => {
    // Sunday 8 March 2026, 23:30 in Rome (22:30Z), and Monday 00:59 (23:59Z): inside; Monday 01:00: outside.
    expect(findMaintenanceAt([weekly], 'app', new Date('2026-03-08T22:30:00Z'), ROME)).toBe(weekly);
    expect(findMaintenanceAt([weekly], 'app', new Date('2026-03-08T23:59:00Z'), ROME)).toBe(weekly);
    expect(findMaintenanceAt([weekly], 'app', new Date('2026-03-09T00:00:00Z'), ROME)).toBeNull();
    // Sunday 29 March (summer time from 02:00): 23:00 in Rome is 21:00Z.
    expect(findMaintenanceAt([weekly], 'app', new Date('2026-03-29T21:00:00Z'), ROME)).toBe(weekly);
    expect(findMaintenanceAt([weekly], 'app', new Date('2026-03-29T20:59:00Z'), ROME)).toBeNull();
    // A Saturday is not a Sunday.
    expect(findMaintenanceAt([weekly], 'app', new Date('2026-03-07T22:30:00Z'), ROME)).toBeNull();
  });

  it('says when it is in a few words', () => {
    expect(describeMaintenanceTime(weekly)).toBe('every sun from 23:00 for 120 min');
    expect(describeMaintenanceTime(once)).toBe('2026-03-08T01:00:00.000Z → 2026-03-08T03:00:00.000Z');
  });
});
