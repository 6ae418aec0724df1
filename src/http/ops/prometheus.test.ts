import { describe, expect, it } from 'vitest';
import { escapeLabelValue, formatSampleValue, writePrometheusText } from './prometheus.ts';

describe('the Prometheus text format', () => {
  it('writes HELP and TYPE once per family, then its samples with quoted labels', () => {
    const text = writePrometheusText([
      { name: 'misura_x', type: 'gauge', help: 'An x.', samples: [{ labels: { service: 'a', indicator: 'b' }, value: 97.5 }, { labels: {}, value: 0 }] },
      { name: 'misura_y_total', type: 'counter', help: 'Ys.', samples: [] },
    ]);
    expect(text).toBe(
      ['# HELP misura_x An x.', '# TYPE misura_x gauge', 'misura_x{service="a",indicator="b"} 97.5', 'misura_x 0', '# HELP misura_y_total Ys.', '# TYPE misura_y_total counter', ''].join('\n'),
    );
  });

  it.each([
    ['plain', 'plain'],
    ['say "hi"', 'say \\"hi\\"'],
    ['C:\\dir', 'C:\\\\dir'],
    ['two\nlines', 'two\\nlines'],
  ])('escapes the label value %j', (value, escaped) => {
    expect(escapeLabelValue(value)).toBe(escaped);
  });

  it.each([
    [1, '1'],
    [0.25, '0.25'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
    [NaN, 'NaN'],
  ])('writes the value %s as %s', (value, text) => {
    expect(formatSampleValue(value)).toBe(text);
  });

  it('refuses names the format does not allow', () => {
    expect(() => writePrometheusText([{ name: 'misura-x', type: 'gauge', help: '', samples: [] }])).toThrow('not a Prometheus metric name');
    expect(() => writePrometheusText([{ name: 'misura_x', type: 'gauge', help: '', samples: [{ labels: { 'a-b': '1' }, value: 1 }] }])).toThrow('label name');
  });
});
