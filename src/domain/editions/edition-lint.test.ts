import { describe, expect, it } from 'vitest';
import type { Indicator, StandardCard } from '../cards/card.ts';
import type { Target } from '../cards/target.ts';
import { lintEditionPair } from './edition-lint.ts';

const target = (text: string, comparator: Target['comparator'], value: number, unit: Target['unit']): Target => ({
  text, comparator, value, unit, period: null, measurable: true, comparatorReason: 'test', comparatorSource: 'inferred',
});
const indicator = (position: number, slug: string, description: string, t: Target): Indicator => ({
  position, slug, dimension: 'Tempestività', dimensionKey: 'tempestivita', subdimension: null, description, formula: null, target: t, notes: null, additional: false,
  source: { file: 'x.txt', line: 10 + position },
});
const card = (year: number, indicators: Indicator[]): StandardCard => ({
  year, indicators, notes: [], ruleText: null, source: { file: `carta-${year}.txt` },
  service: { slug: 's', name: 'S', office: null, characteristics: [], deliveryMode: [], userTypes: [], diffidaBody: [], webAddress: null, channels: [], staff: null } as unknown as StandardCard['service'],
});

describe('the (&) rule between two editions given to the linter', () => {
  it('flags a share lowered, a time limit raised and an indicator dropped, at the later card\'s rows', () => {
    const previous = card(2026, [
      indicator(1, 'risposte', 'Risposte entro i termini', target('95%', '>=', 95, 'percent')),
      indicator(2, 'tempo', 'Tempo massimo di rilascio', target('15 giorni lavorativi', '<=', 15, 'working-days')),
      indicator(3, 'reclami', 'Reclami evasi', target('90%', '>=', 90, 'percent')),
    ]);
    const next = card(2027, [
      indicator(1, 'risposte', 'Risposte entro i termini', target('90%', '>=', 90, 'percent')),
      indicator(2, 'tempo', 'Tempo massimo di rilascio', target('20 giorni lavorativi', '<=', 20, 'working-days')),
    ]);
    expect(lintEditionPair(previous, next).map((f) => [f.code, f.file, f.line, f.severity])).toEqual([
      ['worse-than-previous', 'carta-2027.txt', 11, 'error'],
      ['worse-than-previous', 'carta-2027.txt', 12, 'error'],
      ['indicator-dropped', 'carta-2027.txt', null, 'error'],
    ]);
  });

  it('finds nothing when every standard holds or improves', () => {
    const previous = card(2026, [indicator(1, 'risposte', 'Risposte entro i termini', target('95%', '>=', 95, 'percent'))]);
    const next = card(2027, [indicator(1, 'risposte', 'Risposte entro i termini', target('98%', '>=', 98, 'percent'))]);
    expect(lintEditionPair(previous, next)).toEqual([]);
  });
});
