import { describe, expect, it } from 'vitest';
import { type CardColumn, type CardField, ITALIAN_EXTRA_COLUMN_LABELS, matchEnglishColumnLabel, matchEnglishFieldLabel } from './card-labels-en.ts';

// The folded form the text reader's foldLabel gives a label: lower case, no accents, punctuation as one space.
function fold(label: string): string {
  return label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

describe('matchEnglishColumnLabel', () => {
  it.each<[string, CardColumn | null]>([
    ['Dimensions', 'dimension'],
    ['Quality dimension', 'dimension'],
    ['Sub-dimensions', 'subdimension'],
    ['Subdimension', 'subdimension'],
    ['Indicator description', 'description'],
    ['Indicator', 'description'],
    ['Indicators', 'description'],
    ['Formula', 'formula'],
    ['Indicator formula', 'formula'],
    ['Calculation method', 'formula'],
    ['Programmed value', 'target'],
    ['Target value', 'target'],
    ['Planned values', 'target'],
    ['Target', 'target'],
    ['Quality standard', 'target'],
    ['Baseline', 'baseline'],
    ['Current value', 'baseline'],
    ['Achieved value', 'achieved'],
    ['Result', 'achieved'],
    ['Notes', 'notes'],
    ['Methods of complaint', null],
    ['Rights of users with disabilities', null],
    ['', null],
  ])('reads the header %j as %j', (label, column) => {
    expect(matchEnglishColumnLabel(fold(label))).toBe(column);
  });
});

describe('matchEnglishFieldLabel', () => {
  it.each<[string, CardField | null]>([
    ['Service', 'name'],
    ['Service name', 'name'],
    ['Main features', 'characteristics'],
    ['Description of the service', 'characteristics'],
    ['Methods of provision', 'deliveryMode'],
    ['Delivery channels', 'deliveryMode'],
    ['Addressees', 'userTypes'],
    ['Type of users', 'userTypes'],
    ['Body to be notified of the prior formal notice (diffida)', 'diffidaBody'],
    ['Useful links', 'webAddress'],
    ['Web page', 'webAddress'],
    ['Last update', null],
  ])('reads the label %j as %j', (label, field) => {
    expect(matchEnglishFieldLabel(fold(label))).toBe(field);
  });
});

describe('ITALIAN_EXTRA_COLUMN_LABELS', () => {
  it.each<[string, CardColumn | null]>([
    ['Valore attuale', 'baseline'],
    ['Baseline 2022', 'baseline'],
    ['Valore rilevato', 'achieved'],
    ['Risultato raggiunto', 'achieved'],
    ['Valore programmato', null],
  ])('reads the header %j as %j', (label, column) => {
    expect(ITALIAN_EXTRA_COLUMN_LABELS.find(([, pattern]) => pattern.test(fold(label)))?.[0] ?? null).toBe(column);
  });
});
