import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, CORPUS_README, checkExpected, expectedPathOf, listCorpusFiles, listedInReadme, readCorpus } from './import-corpus.ts';
import { classifyDimension, UNSTATED_DIMENSION } from '../src/domain/cards/dimension.ts';
import { parseTarget } from '../src/domain/cards/target-parse.ts';
import { isNotACard } from './import-score.ts';

describe('the card corpus (test/fixtures/cards/corpus)', () => {
  const files = listCorpusFiles();
  const readme = readFileSync(CORPUS_README, 'utf8');

  it('holds documents of at least five formats', () => {
    expect(new Set(files.map((name) => name.slice(name.lastIndexOf('.')))).size).toBeGreaterThanOrEqual(5);
  });

  it.each(files)('lists %s in the README with its source and licence', (name) => {
    expect(listedInReadme(readme)).toContain(name);
  });

  it('lists in the README no file that is not in the folder', () => {
    expect(listedInReadme(readme).filter((name) => !files.includes(name))).toEqual([]);
  });

  it.each(files)('has a well-formed expected reading for %s', (name) => {
    expect(existsSync(expectedPathOf(name))).toBe(true);
    expect(checkExpected(JSON.parse(readFileSync(expectedPathOf(name), 'utf8')))).toEqual([]);
  });

  it('has no expected reading without its document', () => {
    const readings = readdirSync(CORPUS_DIR).filter((name) => name.endsWith('.expected.json'));
    expect(readings.map((name) => name.slice(0, -'.expected.json'.length)).filter((name) => !files.includes(name))).toEqual([]);
  });

  it('keeps cards, truncated documents and non-cards apart as the README says', () => {
    const entries = readCorpus();
    const notCards = entries.filter((e) => isNotACard(e.expected)).map((e) => e.name);
    const truncated = entries.filter((e) => !isNotACard(e.expected) && e.expected.truncation !== undefined).map((e) => e.name);
    expect(notCards.length).toBeGreaterThanOrEqual(3);
    expect(truncated.length).toBeGreaterThanOrEqual(2);
    for (const name of notCards) expect(readme).toMatch(new RegExp(`\\|\\s*\`${name.replace(/\./g, '\\.')}\`[^\\n]*\\|\\s*not a card\\s*\\|`));
    for (const name of truncated) expect(readme).toMatch(new RegExp(`\\|\\s*\`${name.replace(/\./g, '\\.')}\`[^\\n]*\\|\\s*truncated[^|]*\\|`));
  });
});

describe('the domain rules on the corpus readings', () => {
  const rows = readCorpus().flatMap((entry) =>
    isNotACard(entry.expected) ? [] : entry.expected.cards.flatMap((card) => card.indicators.map((indicator) => [entry.name, indicator.position, indicator] as const)),
  );

  it.each(rows)('%s, row %i: the target parser and the dimension catalogue agree with the expected reading', (_name, _position, indicator) => {
    const meaning = { dimension: indicator.dimension ?? UNSTATED_DIMENSION.label, subdimension: indicator.subdimension, description: indicator.description, formula: indicator.formula };
    const { comparator, value, unit } = parseTarget(indicator.target.text, meaning);
    expect({ comparator, value, unit }).toEqual({ comparator: indicator.target.comparator, value: indicator.target.value, unit: indicator.target.unit });
    // A dimension the document does not state reads back as the unstated one, never as a dimension of the catalogue.
    const dimension = classifyDimension(indicator.dimension ?? UNSTATED_DIMENSION.label);
    expect(dimension).toMatchObject({ key: indicator.dimensionKey ?? UNSTATED_DIMENSION.key, additional: indicator.additional });
  });
});

describe('checkExpected', () => {
  const row = { position: 1, dimension: 'Accessibilità', dimensionKey: 'accessibilita', subdimension: null, description: 'x', formula: null, additional: false, target: { text: '95%', comparator: '>=', value: 95, unit: 'percent' } };
  const good = { cards: [{ organisation: null, service: 'S', year: 2021, indicators: [row] }] };

  it('accepts a card and a non-card', () => {
    expect(checkExpected(good)).toEqual([]);
    expect(checkExpected({ notACard: true, why: 'a budget table' })).toEqual([]);
  });

  it('accepts a row whose document states no dimension, with both the dimension and its key null', () => {
    expect(checkExpected({ cards: [{ ...good.cards[0], indicators: [{ ...row, dimension: null, dimensionKey: null }] }] })).toEqual([]);
  });

  it.each<[string, unknown, RegExp]>([
    ['a non-card without a reason', { notACard: true, why: ' ' }, /needs "why"/],
    ['no cards', { cards: [] }, /at least one card/],
    ['a wrong position', { cards: [{ ...good.cards[0], indicators: [{ ...row, position: 2 }] }] }, /position must be 1/],
    ['an unknown unit', { cards: [{ ...good.cards[0], indicators: [{ ...row, target: { ...row.target, unit: 'weeks' } }] }] }, /unit must be one of/],
    ['a value without a comparator', { cards: [{ ...good.cards[0], indicators: [{ ...row, target: { ...row.target, comparator: null } }] }] }, /together or none/],
    ['a truncated row without a truncation', { cards: [{ ...good.cards[0], indicators: [{ ...row, truncated: true }] }] }, /need a top-level "truncation"/],
    ['not an object', [], /not a JSON object/],
    ['a dimension left out but its key given', { cards: [{ ...good.cards[0], indicators: [{ ...row, dimension: null }] }] }, /or null with dimensionKey/],
  ])('refuses %s', (_case, value, problem) => {
    expect(checkExpected(value).join('; ')).toMatch(problem);
  });
});
