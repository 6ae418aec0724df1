import type { Target, TargetUnit } from '../cards/target.ts';

export type EvaluationStatus = 'met' | 'missed' | 'at-risk' | 'no-data';

export type PeriodGranularity = 'month' | 'quarter' | 'year';

/** A calendar-aligned period in Europe/Rome: "2026", "2026-Q1", "2026-03". */
export interface Period {
  key: string;
  granularity: PeriodGranularity;
  /** First local date, inclusive. */
  from: string;
  /** Last local date, inclusive. */
  to: string;
}

/** One indicator judged against its valore programmato over one period. */
export interface IndicatorEvaluation {
  period: Period;
  /** The value in `unit`, or null with status no-data. */
  value: number | null;
  /** For shares: good items or days; for other statistics: the statistic itself. */
  numerator: number | null;
  /** For shares: all items or days; for other statistics: how many items it came from. */
  denominator: number | null;
  unit: TargetUnit | null;
  /** The target judged against: the card's, or the measure's interpretation of a qualitative one. */
  target: Target;
  status: EvaluationStatus;
  /** How many more bad items or days the period can absorb before the standard is missed (null when meaningless). */
  budgetLeft: number | null;
  /** The value expected at the end of the period from the trend so far (null when the period is over or no data). */
  forecast: number | null;
  /** Local date up to which data was considered (the period end, or the day before "today"). */
  asOf: string;
  /** A sentence that explains the status in plain words. */
  explanation: string;
}
