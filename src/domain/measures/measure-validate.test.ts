import { describe, expect, it } from 'vitest';
import { UserError } from '../shared/errors.ts';
import { channelKeysOf, validateMeasure } from './measure-validate.ts';

const ratio = {
  kind: 'ratio',
  total: { kind: 'call.answered', source: 'contact-centre' },
  good: [{ attribute: 'outcome', op: '=', value: 'ok' }],
  withinServiceHoursOf: 'phone',
  waitAttribute: 'waitSeconds',
  waitLimit: { value: 5, unit: 'minutes' },
};

describe('validateMeasure', () => {
  it.each<[string, unknown]>([
    ['ratio', ratio],
    ['register', { kind: 'register', register: 'interventi', total: [{ attribute: 'status', op: '!=', value: 'cancelled' }], good: [{ attribute: 'status', op: '=', value: 'done' }] }],
    ['availability-days', { kind: 'availability-days', checks: { kind: 'check.http' }, dayIsAvailableWhen: { successShareAtLeast: 95 }, daysWithoutData: 'excluded' }],
    ['duration', { kind: 'duration', start: { kind: 'request.received' }, end: { kind: 'request.published' }, unit: 'working-days', statistic: 'share-within', within: { value: 5, unit: 'working-days' } }],
    ['count', { kind: 'count', select: { kind: ['disruption.started', 'disruption.reported'] }, count: 'working-days' }],
    ['snapshot', { kind: 'snapshot', select: { kind: 'survey.result' }, valueAttribute: 'score', interpretation: { comparator: '>=', value: 3, unit: 'count', text: 'almeno 3 su 5' } }],
    ['freshness', { kind: 'freshness', observations: { kind: 'page.observed' }, maxAge: { value: 7, unit: 'days' } }],
  ])('accepts a valid %s measure and returns it unchanged', (_kind, input) => {
    expect(validateMeasure(input, 'measures[0]')).toEqual(input);
  });

  it('fills daysWithoutData with the strict default and trims strings', () => {
    const measure = validateMeasure({ kind: 'availability-days', checks: { kind: ' check.http ' }, dayIsAvailableWhen: { longestOutageAtMost: { value: 30, unit: 'minutes' } } }, 'm');
    expect(measure).toEqual({ kind: 'availability-days', checks: { kind: 'check.http' }, dayIsAvailableWhen: { longestOutageAtMost: { value: 30, unit: 'minutes' } }, daysWithoutData: 'unavailable' });
  });

  it.each<[string, unknown, string]>([
    ['not an object', 'ratio', 'field "measures[3]": expected an object (a mapping of fields), got "ratio"'],
    ['an unknown kind', { kind: 'percentage' }, 'field "measures[3].kind": expected one of "ratio", "register", "availability-days", "duration", "count", "snapshot", "freshness"; got "percentage"'],
    ['a bad condition op', { ...ratio, good: [{ attribute: 'outcome', op: '==', value: 'ok' }] }, 'field "measures[3].good[0].op": expected one of "=", "!=", "<", "<=", ">", ">=", "in", "exists"; got "=="'],
    ['a misspelt field', { ...ratio, withinServiceHour: 'phone' }, 'field "measures[3].withinServiceHour": unknown field for a "ratio" measure'],
    ['a condition without value', { ...ratio, good: [{ attribute: 'outcome', op: '=' }] }, 'field "measures[3].good[0].value": "=" needs a value to compare with'],
    ['"in" without a list', { ...ratio, good: [{ attribute: 'outcome', op: 'in', value: 'ok' }] }, 'field "measures[3].good[0].value": "in" needs a non-empty list of values, got "ok"'],
    ['an ordering op on a boolean', { ...ratio, good: [{ attribute: 'ok', op: '<', value: true }] }, 'field "measures[3].good[0].value": "<" orders values'],
    ['good not a list', { ...ratio, good: { attribute: 'outcome' } }, 'field "measures[3].good": expected a list of conditions, got an object'],
    ['an empty list of kinds', { ...ratio, total: { kind: [] } }, 'field "measures[3].total.kind": expected at least one event kind'],
    ['a kind that is not a string', { ...ratio, total: { kind: ['call.answered', 3] } }, 'field "measures[3].total.kind[1]": expected a non-empty string, got number 3'],
    ['waitAttribute without waitLimit', { ...ratio, waitLimit: undefined }, 'field "measures[3].waitLimit": waitAttribute (seconds waited) and waitLimit go together'],
    ['a wait limit in working days', { ...ratio, waitLimit: { value: 1, unit: 'working-days' } }, 'field "measures[3].waitLimit.unit": a wait in seconds can only be compared with "seconds", "minutes", "hours"; got "working-days"'],
    ['a negative duration', { ...ratio, waitLimit: { value: -1, unit: 'minutes' } }, 'field "measures[3].waitLimit.value": a duration cannot be negative, got -1'],
    [
      'share-within without within',
      { kind: 'duration', start: { kind: 'a' }, end: { kind: 'b' }, unit: 'days', statistic: 'share-within' },
      'field "measures[3].within": statistic "share-within" needs `within`',
    ],
    [
      'service minutes without a channel',
      { kind: 'duration', start: { kind: 'a' }, end: { kind: 'b' }, unit: 'service-minutes', statistic: 'mean' },
      'field "measures[3].serviceHoursOf": service-minutes and service-hours need `serviceHoursOf`',
    ],
    [
      'a duration unit in seconds',
      { kind: 'duration', start: { kind: 'a' }, end: { kind: 'b' }, unit: 'seconds', statistic: 'max' },
      'field "measures[3].unit": expected one of "days", "working-days", "hours", "minutes", "service-minutes", "service-hours"; got "seconds"',
    ],
    [
      'two day rules at once',
      { kind: 'availability-days', checks: { kind: 'c' }, dayIsAvailableWhen: { successShareAtLeast: 95, longestOutageAtMost: { value: 1, unit: 'hours' } } },
      'field "measures[3].dayIsAvailableWhen": expected exactly one of "successShareAtLeast" (a percentage) or "longestOutageAtMost" (a duration), got "successShareAtLeast", "longestOutageAtMost"',
    ],
    ['a share over 100', { kind: 'availability-days', checks: { kind: 'c' }, dayIsAvailableWhen: { successShareAtLeast: 120 } }, 'field "measures[3].dayIsAvailableWhen.successShareAtLeast": expected a percentage from 0 to 100, got 120'],
    ['a bad count mode', { kind: 'count', select: { kind: 'x' }, count: 'weeks' }, 'field "measures[3].count": expected one of "days", "working-days", "events"; got "weeks"'],
    ['a freshness age in service hours', { kind: 'freshness', observations: { kind: 'x' }, maxAge: { value: 2, unit: 'service-hours' } }, 'field "measures[3].maxAge.unit": an age has no channel hours'],
    ['an interpretation without text', { ...ratio, interpretation: { comparator: '>=', value: 1, unit: 'percent' } }, 'field "measures[3].interpretation.text": expected a non-empty string, got nothing'],
    ['a missing register name', { kind: 'register', good: [] }, 'field "measures[3].register": expected a non-empty string, got nothing'],
  ])('refuses %s, naming the path', (_name, input, message) => {
    const attempt = (): unknown => validateMeasure(input, 'measures[3]');
    expect(attempt).toThrow(UserError);
    expect(attempt).toThrow(message);
  });

  it('reads the date an indicator is measured from, and the names of its events in Italian and English', () => {
    const measure = validateMeasure(
      {
        kind: 'ratio',
        total: { kind: 'request.received' },
        good: [{ attribute: 'complaint', op: '=', value: true }],
        measuredFrom: new Date('2026-03-01T00:00:00Z'),
        names: { counted: { it: 'reclami', en: 'complaints' }, total: { it: 'richieste', en: 'requests' } },
      },
      'm',
    );
    expect(measure).toMatchObject({ measuredFrom: '2026-03-01', names: { counted: { it: 'reclami', en: 'complaints' }, total: { it: 'richieste', en: 'requests' } } });
    expect(() => validateMeasure({ kind: 'count', select: { kind: 'x' }, count: 'days', measuredFrom: '2026-02-30' }, 'measures[2]')).toThrow(
      'field "measures[2].measuredFrom": "2026-02-30" is not a date written YYYY-MM-DD',
    );
    expect(() => validateMeasure({ kind: 'count', select: { kind: 'x' }, count: 'days', names: { counted: { it: 'guasti' } } }, 'm')).toThrow(/field "m\.names\.counted\.en"/);
  });

  it('reports the path from the root when no prefix is given', () => {
    expect(() => validateMeasure({ kind: 'count', select: { kind: 'x' } }, '')).toThrow('field "count"');
  });
});

describe('channelKeysOf', () => {
  it('lists the channels a measure takes service hours from', () => {
    expect(channelKeysOf(validateMeasure(ratio, 'm'))).toEqual(['phone']);
    expect(channelKeysOf(validateMeasure({ kind: 'count', select: { kind: 'x' }, count: 'days' }, 'm'))).toEqual([]);
  });
});
