/**
 * How well `misura import FILE --dry-run --json` read a corpus file, against the card a careful person reads
 * in it (test/fixtures/cards/corpus/*.expected.json). Pure: no files, no processes. Text fields count as read
 * exactly when they are equal once runs of whitespace are one space and the ends are trimmed; an empty text
 * and a missing one are equal (a cell with nothing in it). Nothing else is forgiven: case, accents,
 * punctuation and markup left in a cell all count.
 */

/** The fields scored on each indicator. */
export const SCORED_FIELDS = ['dimension', 'subdimension', 'description', 'formula', 'comparator', 'value', 'unit'] as const;
export type ScoredField = (typeof SCORED_FIELDS)[number];

export interface ExpectedTarget {
  text: string;
  comparator: '>=' | '<=' | '=' | null;
  value: number | null;
  unit: string | null;
}

/** One indicator as `misura cards --json` gives it, the fields a person can read off the document. */
export interface ExpectedIndicator {
  position: number;
  /** null when the document states no dimension for the row. */
  dimension: string | null;
  dimensionKey: string | null;
  subdimension: string | null;
  description: string | null;
  formula: string | null;
  target: ExpectedTarget;
  additional: boolean;
  /** The row is cut short in the file: it is not scored, the importer should flag it. */
  truncated?: boolean;
}

export interface ExpectedCard {
  organisation: { slug: string; name: string } | null;
  /** Null when the document names no service (a page about every service of a charter, a file cut before the name). */
  service: string | null;
  year: number | null;
  indicators: ExpectedIndicator[];
}

export interface ExpectedCards {
  cards: ExpectedCard[];
  /** Set when the document is cut short: what is missing. The importer should flag a truncation. */
  truncation?: string;
  note?: string;
}

export interface ExpectedNotACard {
  notACard: true;
  why: string;
}

export type ExpectedFile = ExpectedCards | ExpectedNotACard;

export function isNotACard(expected: ExpectedFile): expected is ExpectedNotACard {
  return 'notACard' in expected;
}

/** What came back from the importer for one file. */
export interface ImportOutcome {
  /**
   * read: the importer printed cards; refused: it declined the file with a clear message (exit 2, or no card);
   * unsupported: this build has no `--dry-run --json` (counts as nothing read); crashed: anything else.
   */
  status: 'read' | 'refused' | 'unsupported' | 'crashed';
  cards: unknown[];
  /** The codes of every finding and doubt printed. */
  codes: string[];
  /** The first line of the error, for the table. */
  message: string | null;
}

/** Reads the exit code and output of `misura import FILE --dry-run --json`. */
export function readOutcome(exitCode: number | null, stdout: string, stderr: string): ImportOutcome {
  const message = firstLine(stderr);
  const printed = parseJson(stdout);
  const cards = printed !== null && Array.isArray(printed.cards) ? printed.cards : [];
  const codes = printed === null ? [] : [...codesOf(printed.findings), ...codesOf(printed.doubts)];
  if (/unknown option|too many arguments/i.test(stderr)) return { status: 'unsupported', cards: [], codes, message };
  if (exitCode === 0 && printed !== null) return { status: cards.length > 0 ? 'read' : 'refused', cards, codes, message };
  if (exitCode === 2 && !/unexpected error/i.test(stderr)) return { status: 'refused', cards, codes, message };
  return { status: 'crashed', cards: [], codes, message: message ?? (exitCode === 0 ? 'no JSON on stdout' : `exit code ${exitCode}`) };
}

function firstLine(text: string): string | null {
  const line = text.split('\n').find((l) => l.trim() !== '');
  return line === undefined ? null : line.trim();
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function codesOf(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown) => (item !== null && typeof item === 'object' && typeof (item as { code?: unknown }).code === 'string' ? [(item as { code: string }).code] : []));
}

export interface FieldTally {
  exact: number;
  total: number;
}

export interface FileScore {
  kind: 'card' | 'truncated' | 'not-a-card';
  status: ImportOutcome['status'];
  /** Scored fields (7 per whole indicator) and those read exactly. */
  fields: FieldTally;
  perField: Record<ScoredField, FieldTally>;
  /** Whole indicators expected, and indicators the importer gave that match none of them. */
  expectedIndicators: number;
  extraIndicators: number;
  /** For a non-card: it was refused. For a truncated file: a finding or doubt says so. Null when it does not apply. */
  refused: boolean | null;
  truncationFlagged: boolean | null;
}

/** Whitespace runs as one space, ends trimmed; an empty text counts as no text. */
export function normaliseText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = (typeof value === 'string' ? value : JSON.stringify(value)).replace(/\s+/g, ' ').trim();
  return text === '' ? null : text;
}

function fieldOf(indicator: unknown, field: ScoredField): unknown {
  if (indicator === null || typeof indicator !== 'object') return undefined;
  const record = indicator as Record<string, unknown>;
  if (field === 'comparator' || field === 'value' || field === 'unit') {
    const target = record.target;
    return target !== null && typeof target === 'object' ? (target as Record<string, unknown>)[field] : undefined;
  }
  return record[field];
}

/** True when the importer read this field of the indicator exactly. */
export function fieldMatches(expected: ExpectedIndicator, actual: unknown, field: ScoredField): boolean {
  const want = fieldOf(expected, field);
  const got = fieldOf(actual, field);
  if (field === 'value') return (want ?? null) === null ? (got ?? null) === null : typeof got === 'number' && got === want;
  return normaliseText(want) === normaliseText(got);
}

function matchesOf(expected: ExpectedIndicator, actual: unknown): ScoredField[] {
  return SCORED_FIELDS.filter((field) => fieldMatches(expected, actual, field));
}

/**
 * Pairs each expected indicator with the importer's indicator that agrees on most fields (each used once;
 * ties go to the nearer position), so one row missed or split does not shift every row after it.
 */
export function pairIndicators(expected: readonly ExpectedIndicator[], actual: readonly unknown[]): (number | null)[] {
  const candidates: { e: number; a: number; score: number; distance: number }[] = [];
  expected.forEach((want, e) => {
    actual.forEach((got, a) => {
      const score = matchesOf(want, got).length;
      if (score > 0) candidates.push({ e, a, score, distance: Math.abs(e - a) });
    });
  });
  candidates.sort((x, y) => y.score - x.score || x.distance - y.distance || x.e - y.e);
  const pairs: (number | null)[] = expected.map(() => null);
  const used = new Set<number>();
  for (const { e, a } of candidates) {
    if (pairs[e] !== null || used.has(a)) continue;
    pairs[e] = a;
    used.add(a);
  }
  return pairs;
}

function indicatorsOf(cards: readonly unknown[]): unknown[] {
  return cards.flatMap((card) => {
    const list = card !== null && typeof card === 'object' ? (card as { indicators?: unknown }).indicators : undefined;
    return Array.isArray(list) ? (list as unknown[]) : [];
  });
}

function emptyTallies(): Record<ScoredField, FieldTally> {
  return Object.fromEntries(SCORED_FIELDS.map((field) => [field, { exact: 0, total: 0 }])) as Record<ScoredField, FieldTally>;
}

/** Scores one file: fields read exactly on its whole rows, a non-card refused, a truncation flagged. */
export function scoreFile(expected: ExpectedFile, outcome: ImportOutcome): FileScore {
  const perField = emptyTallies();
  if (isNotACard(expected)) {
    return {
      kind: 'not-a-card',
      status: outcome.status,
      fields: { exact: 0, total: 0 },
      perField,
      expectedIndicators: 0,
      extraIndicators: 0,
      refused: outcome.status === 'refused',
      truncationFlagged: null,
    };
  }
  const whole = expected.cards.flatMap((card) => card.indicators).filter((indicator) => indicator.truncated !== true);
  const actual = outcome.status === 'read' ? indicatorsOf(outcome.cards) : [];
  const pairs = pairIndicators(whole, actual);
  whole.forEach((want, e) => {
    const a = pairs[e];
    for (const field of SCORED_FIELDS) {
      const tally = perField[field];
      tally.total += 1;
      if (a !== null && a !== undefined && fieldMatches(want, actual[a], field)) tally.exact += 1;
    }
  });
  const fields = SCORED_FIELDS.reduce((sum, field) => ({ exact: sum.exact + perField[field].exact, total: sum.total + perField[field].total }), { exact: 0, total: 0 });
  const paired = new Set(pairs.filter((a): a is number => a !== null));
  const truncated = expected.truncation !== undefined;
  return {
    kind: truncated ? 'truncated' : 'card',
    status: outcome.status,
    fields,
    perField,
    expectedIndicators: whole.length,
    // Rows cut short may come back as indicators of their own; they are not extra.
    extraIndicators: Math.max(0, actual.length - paired.size - (expected.cards.flatMap((c) => c.indicators).length - whole.length)),
    refused: null,
    truncationFlagged: truncated ? outcome.codes.some((code) => /truncat/i.test(code)) : null,
  };
}

export interface CorpusScore {
  fields: FieldTally;
  perField: Record<ScoredField, FieldTally>;
  notACards: FieldTally;
  truncations: FieldTally;
}

/** Adds the files up: fields read exactly overall and per field, non-cards refused, truncations flagged. */
export function sumScores(scores: readonly FileScore[]): CorpusScore {
  const perField = emptyTallies();
  for (const score of scores) {
    for (const field of SCORED_FIELDS) {
      perField[field].exact += score.perField[field].exact;
      perField[field].total += score.perField[field].total;
    }
  }
  const count = (list: readonly FileScore[], test: (s: FileScore) => boolean) => ({ exact: list.filter(test).length, total: list.length });
  return {
    fields: SCORED_FIELDS.reduce((sum, field) => ({ exact: sum.exact + perField[field].exact, total: sum.total + perField[field].total }), { exact: 0, total: 0 }),
    perField,
    notACards: count(
      scores.filter((s) => s.kind === 'not-a-card'),
      (s) => s.refused === true,
    ),
    truncations: count(
      scores.filter((s) => s.kind === 'truncated'),
      (s) => s.truncationFlagged === true,
    ),
  };
}

/** "97.3 %", or "—" when there is nothing to count. */
export function formatShare(tally: FieldTally): string {
  return tally.total === 0 ? '—' : `${((100 * tally.exact) / tally.total).toFixed(1)} %`;
}
