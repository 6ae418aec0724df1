import { describe, expect, it } from 'vitest';
import { type ExpectedCards, type ExpectedIndicator, type ImportOutcome, normaliseText, pairIndicators, readOutcome, scoreFile, sumScores } from './import-score.ts';

function indicator(position: number, description: string, target: Partial<ExpectedIndicator['target']> = {}): ExpectedIndicator {
  return {
    position,
    dimension: 'Tempestività',
    dimensionKey: 'tempestivita',
    subdimension: null,
    description,
    formula: 'Tempo massimo dalla richiesta',
    target: { text: '£48h', comparator: '<=', value: 48, unit: 'hours', ...target },
    additional: false,
  };
}

const card = (indicators: ExpectedIndicator[], extra: Partial<ExpectedCards> = {}): ExpectedCards => ({
  cards: [{ organisation: null, service: 'Servizio', year: null, indicators }],
  ...extra,
});

const read = (indicators: unknown[], codes: string[] = []): ImportOutcome => ({ status: 'read', cards: [{ indicators }], codes, message: null });

describe('normaliseText', () => {
  it.each<[unknown, string | null]>([
    ['  Accesso agli\n  Uffici ', 'Accesso agli Uffici'],
    ['\t', null],
    ['', null],
    [null, null],
    [undefined, null],
    ['Accessibilità', 'Accessibilità'],
  ])('turns %j into %j', (value, expected) => {
    expect(normaliseText(value)).toBe(expected);
  });
});

describe('scoreFile', () => {
  it('counts every field of a row read exactly, whatever the whitespace', () => {
    const want = indicator(1, 'Risposta informazioni via e-mail');
    const got = { ...want, description: 'Risposta  informazioni\nvia e-mail ', formula: ' Tempo massimo dalla richiesta' };
    const score = scoreFile(card([want]), read([got]));
    expect(score.fields).toEqual({ exact: 7, total: 7 });
    expect(score.kind).toBe('card');
  });

  it('forgives nothing but whitespace: case, accents and markup are errors', () => {
    const want = indicator(1, 'Risposta informazioni via e-mail');
    const got = { ...want, dimension: 'Tempestivita', description: '<b>Risposta informazioni via e-mail</b>', subdimension: '' };
    const score = scoreFile(card([want]), read([got]));
    expect(score.perField.dimension).toEqual({ exact: 0, total: 1 });
    expect(score.perField.description).toEqual({ exact: 0, total: 1 });
    // An empty cell and a missing one are the same: nothing in it.
    expect(score.perField.subdimension).toEqual({ exact: 1, total: 1 });
  });

  it('scores the comparator, value and unit of the target', () => {
    const want = indicator(1, 'Supporto telefonico', { text: '£30 min', value: 30, unit: 'minutes' });
    const got = { ...want, target: { text: '£30 min', comparator: '>=', value: 30, unit: 'count' } };
    const score = scoreFile(card([want]), read([got]));
    expect(score.perField.comparator.exact).toBe(0);
    expect(score.perField.value.exact).toBe(1);
    expect(score.perField.unit.exact).toBe(0);
  });

  it('does not shift every row after one the importer missed', () => {
    const rows = [indicator(1, 'Uno'), indicator(2, 'Due'), indicator(3, 'Tre')];
    const score = scoreFile(card(rows), read([rows[0], rows[2]]));
    expect(score.fields).toEqual({ exact: 14, total: 21 });
    expect(score.extraIndicators).toBe(0);
  });

  it('counts indicators that match no expected row as extra', () => {
    const rows = [indicator(1, 'Uno')];
    const stray = { dimension: 'Note', description: 'x', target: { comparator: '>=', value: 1, unit: 'percent' }, formula: 'y', subdimension: 'z' };
    expect(scoreFile(card(rows), read([rows[0], stray])).extraIndicators).toBe(1);
  });

  it('gives nothing for a file the importer could not read or refused', () => {
    const rows = [indicator(1, 'Uno')];
    for (const status of ['refused', 'unsupported', 'crashed'] as const) {
      expect(scoreFile(card(rows), { status, cards: [{ indicators: rows }], codes: [], message: 'x' }).fields).toEqual({ exact: 0, total: 7 });
    }
  });

  it('leaves rows cut short out of the fields and asks for a truncation finding', () => {
    const rows = [indicator(1, 'Uno'), { ...indicator(2, 'Du'), truncated: true }];
    const expected = card(rows, { truncation: 'the file ends inside row 2' });
    const flagged = scoreFile(expected, read([rows[0], rows[1]], ['truncated-row']));
    expect(flagged).toMatchObject({ kind: 'truncated', fields: { exact: 7, total: 7 }, truncationFlagged: true, extraIndicators: 0 });
    expect(scoreFile(expected, read([rows[0]], ['doubtful-cell'])).truncationFlagged).toBe(false);
  });

  it('scores a non-card by whether it was refused', () => {
    const notACard = { notACard: true as const, why: 'a budget' };
    expect(scoreFile(notACard, { status: 'refused', cards: [], codes: [], message: 'not a standard card' })).toMatchObject({ kind: 'not-a-card', refused: true, fields: { total: 0 } });
    expect(scoreFile(notACard, read([indicator(1, 'x')])).refused).toBe(false);
    expect(scoreFile(notACard, { status: 'unsupported', cards: [], codes: [], message: 'unknown option' }).refused).toBe(false);
  });
});

describe('pairIndicators', () => {
  it('pairs each expected row with the best-agreeing one, nearer position first on ties', () => {
    const rows = [indicator(1, 'Uno'), indicator(2, 'Uno')];
    expect(pairIndicators(rows, [rows[1], rows[0]])).toEqual([0, 1]);
    expect(pairIndicators(rows, [])).toEqual([null, null]);
  });
});

describe('readOutcome', () => {
  it('reads the cards, findings and doubts printed by a dry run', () => {
    const stdout = JSON.stringify({ cards: [{ indicators: [] }], findings: [{ code: 'truncated-row' }], doubts: [{ code: 'doubtful-cell' }, { nocode: 1 }] });
    expect(readOutcome(0, stdout, '')).toEqual({ status: 'read', cards: [{ indicators: [] }], codes: ['truncated-row', 'doubtful-cell'], message: null });
  });

  it('takes an unknown option as unsupported, whatever the exit code', () => {
    expect(readOutcome(2, '', "error: unknown option '--dry-run'\n(run with --help for usage)").status).toBe('unsupported');
  });

  it('takes a clear error (exit 2) or a dry run with no card as a refusal', () => {
    expect(readOutcome(2, '', 'misura: file.txt: not a standard card: no indicator table').status).toBe('refused');
    expect(readOutcome(0, JSON.stringify({ cards: [], findings: [{ code: 'not-a-card' }] }), '')).toMatchObject({ status: 'refused', codes: ['not-a-card'] });
    expect(readOutcome(2, JSON.stringify({ cards: [], findings: [] }), 'misura: not a card').status).toBe('refused');
  });

  it('takes anything else as a crash', () => {
    expect(readOutcome(1, '', 'misura: unexpected error: TypeError: x\n    at y').status).toBe('crashed');
    expect(readOutcome(0, 'not json', '')).toMatchObject({ status: 'crashed', message: 'no JSON on stdout' });
    expect(readOutcome(null, '', '')).toMatchObject({ status: 'crashed', message: 'exit code null' });
  });
});

describe('sumScores', () => {
  it('adds fields per field and counts refusals and flagged truncations', () => {
    const rows = [indicator(1, 'Uno')];
    const total = sumScores([
      scoreFile(card(rows), read(rows)),
      scoreFile(card(rows), read([])),
      scoreFile({ notACard: true, why: 'x' }, { status: 'refused', cards: [], codes: [], message: null }),
      scoreFile({ notACard: true, why: 'y' }, read(rows)),
      scoreFile(card([{ ...rows[0]!, truncated: true }], { truncation: 'cut' }), read([], ['truncated-cell'])),
    ]);
    expect(total.fields).toEqual({ exact: 7, total: 14 });
    expect(total.perField.description).toEqual({ exact: 1, total: 2 });
    expect(total.notACards).toEqual({ exact: 1, total: 2 });
    expect(total.truncations).toEqual({ exact: 1, total: 1 });
  });
});
