/** ≥: higher is better; ≤: lower is better; =: exactly. */
export type Comparator = '>=' | '<=' | '=';

export type TargetUnit = 'percent' | 'days' | 'working-days' | 'hours' | 'minutes' | 'count';

/**
 * A valore programmato, parsed. `text` is always kept as written; the other fields are
 * null when the text cannot be read as a number (a qualitative target such as "tempo reale").
 */
export interface Target {
  text: string;
  comparator: Comparator | null;
  value: number | null;
  unit: TargetUnit | null;
  /** The span the value refers to, when stated or implied ("year" for "giorni dell'anno"). */
  period: 'year' | 'quarter' | 'month' | null;
  /** false for a qualitative target: it cannot be checked until a measure gives it a number. */
  measurable: boolean;
  /** Why the comparator is what it is, in plain words. */
  comparatorReason: string;
  /** "inferred" from the indicator's meaning, or "override" set by the user. */
  comparatorSource: 'inferred' | 'override';
}
