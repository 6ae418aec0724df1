import type { Comparator, Target } from './target.ts';

/** What a target is read against: the indicator's own words decide the comparator. */
export interface IndicatorMeaning {
  dimension: string;
  subdimension: string | null;
  description: string | null;
  formula: string | null;
}

// STUB: replaced by the real parser.
export function parseTarget(text: string, _meaning: IndicatorMeaning): Target {
  return { text, comparator: null, value: null, unit: null, period: null, measurable: false, comparatorReason: 'not parsed', comparatorSource: 'inferred' };
}

/** The user's word beats the inference; the reason says so. */
export function overrideComparator(target: Target, comparator: Comparator, reason: string): Target {
  return { ...target, comparator, comparatorReason: reason, comparatorSource: 'override' };
}
