import type { Target } from '../cards/target.ts';
import { compareTargets, type TargetChange } from './target-change.ts';

/** What the diff and the "(&)" check need of an indicator: its stable id and what a reader sees. */
export interface ComparableIndicator {
  /** Stable across rewording, re-import and editions. */
  uid: string;
  slug: string;
  dimension: string;
  subdimension: string | null;
  description: string | null;
  formula: string | null;
  target: Target;
}

/** The wording fields a rewording can change. */
export const WORDED_FIELDS = ['dimension', 'subdimension', 'description', 'formula'] as const;
export type WordedField = (typeof WORDED_FIELDS)[number];

export interface ChangedIndicator {
  uid: string;
  /** The slug in the later edition. */
  slug: string;
  before: ComparableIndicator;
  after: ComparableIndicator;
  /** The wording fields that changed. */
  reworded: { field: WordedField; before: string | null; after: string | null }[];
  /** How the valore programmato moved; 'same' when only the wording changed. */
  target: TargetChange;
}

/** Two editions of a service's card side by side, matched by stable indicator id. */
export interface EditionDiff {
  added: ComparableIndicator[];
  removed: ComparableIndicator[];
  /** Indicators in both editions whose wording or target changed. */
  changed: ChangedIndicator[];
  /** How many indicators are the same in both. */
  unchanged: number;
}

/** Compares edition `a` (earlier) with `b` (later), in b's order (removed ones in a's order). */
export function diffEditions(a: readonly ComparableIndicator[], b: readonly ComparableIndicator[]): EditionDiff {
  const before = new Map(a.map((indicator) => [indicator.uid, indicator]));
  const after = new Set(b.map((indicator) => indicator.uid));
  const diff: EditionDiff = { added: [], removed: a.filter((indicator) => !after.has(indicator.uid)), changed: [], unchanged: 0 };
  for (const indicator of b) {
    const earlier = before.get(indicator.uid);
    if (earlier === undefined) {
      diff.added.push(indicator);
      continue;
    }
    const reworded = WORDED_FIELDS.filter((field) => squash(earlier[field]) !== squash(indicator[field])).map((field) => ({ field, before: earlier[field], after: indicator[field] }));
    const target = compareTargets(earlier.target, indicator.target);
    const sameTargetText = squash(earlier.target.text) === squash(indicator.target.text);
    if (reworded.length === 0 && target === 'same' && sameTargetText) diff.unchanged += 1;
    else diff.changed.push({ uid: indicator.uid, slug: indicator.slug, before: earlier, after: indicator, reworded, target });
  }
  return diff;
}

/** What the "(&)" rule asks a person to justify before an edition can be approved. */
export interface Worsening {
  uid: string;
  /** The slug in the later edition, or in the earlier one for a removed indicator. */
  slug: string;
  kind: 'worsened' | 'removed';
  /** For 'worsened': looser, or incomparable (the change cannot be ranked, so it must be explained). */
  change: TargetChange | null;
  before: ComparableIndicator;
  after: ComparableIndicator | null;
}

/**
 * The valori programmati of `next` that are worse than (or cannot be ranked against) those of `previous`, and the
 * indicators `next` drops: the "(&)" rule (CIVIT 88/2010, 3/2012) says a standard may never get worse, so each
 * needs a recorded justification.
 */
export function findWorsenings(previous: readonly ComparableIndicator[], next: readonly ComparableIndicator[]): Worsening[] {
  const diff = diffEditions(previous, next);
  const worsened: Worsening[] = diff.changed
    .filter((change) => change.target === 'looser' || change.target === 'incomparable')
    .map((change) => ({ uid: change.uid, slug: change.slug, kind: 'worsened', change: change.target, before: change.before, after: change.after }));
  const removed: Worsening[] = diff.removed.map((indicator) => ({ uid: indicator.uid, slug: indicator.slug, kind: 'removed', change: null, before: indicator, after: null }));
  return [...worsened, ...removed];
}

/** Text compared as a reader sees it: case, spacing and markup aside. */
function squash(text: string | null): string {
  return (text ?? '')
    .replace(/<[^>]*>/g, ' ')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
