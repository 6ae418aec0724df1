import { describe, expect, it } from 'vitest';
import type { MeasuresDocument } from './measures-file.ts';
import { measuresFormatOf, readMeasuresText, writeMeasuresText } from './measures-file.ts';

const document: MeasuresDocument = {
  measures: [
    {
      service: 'servizio-1',
      edition: '2021',
      indicator: 'portale',
      measure: { kind: 'availability-days', checks: { kind: 'check.http', source: 'probe' }, dayIsAvailableWhen: { successShareAtLeast: 90 }, daysWithoutData: 'excluded' },
    },
    { service: 'servizio-1', edition: 'undated', indicator: 'chiamate', measure: { kind: 'ratio', total: { kind: ['call.received', 'call.missed'] }, good: [{ attribute: 'answered', op: '=', value: true }] } },
  ],
};

describe('measures files', () => {
  it.each([
    ['measures.yaml', 'yaml'],
    ['M.YML', 'yaml'],
    ['measures.json', 'json'],
    ['measures.txt', undefined],
  ])('takes %s as %s', (file, format) => {
    expect(measuresFormatOf(file)).toBe(format);
  });

  it.each(['yaml', 'json'] as const)('reads back what it writes as %s, editions staying text', (format) => {
    const text = writeMeasuresText(document, format);
    expect(text.endsWith('\n')).toBe(true);
    expect(readMeasuresText(text, `measures.${format}`).data).toEqual(document);
  });

  it('starts a YAML file with a comment saying what it is', () => {
    expect(writeMeasuresText(document, 'yaml')).toMatch(/^# misura measures/);
  });

  it('finds the line of a path, or of its nearest parent when the field is missing', () => {
    const text = ['measures:', '  - service: a', '    edition: 2021', '    indicator: x', '    measure:', '      kind: ratio', '      good:', '        - attribute: ok', '          op: "=="'].join('\n');
    const file = readMeasuresText(text, 'm.yaml');
    expect(file.lineOf('measures[0].measure.good[0].op')).toBe(9);
    expect(file.lineOf('measures[0].measure.total')).toBe(6);
    expect(file.lineOf('measures[0].edition')).toBe(3);
    expect(file.lineOf('nothing')).toBeUndefined();
  });

  it.each([
    ['m.yaml', 'measures:\n  - service: [a\n', /^m\.yaml:\d+: not valid YAML/],
    ['m.json', '{"measures": [}', /^m\.json:1: not valid JSON/],
    ['m.yaml', 'measures: []\nmeasures: []\n', /^m\.yaml:2: not valid YAML: Map keys must be unique/],
  ])('names the file and line of a syntax error in %s', (file, text, message) => {
    expect(() => readMeasuresText(text, file)).toThrow(message);
  });
});
