import type { Target, TargetUnit } from '../cards/target.ts';

/**
 * met: the target is met (or on track); at-risk: met so far, but the trend or the budget left says it may not be;
 * below-target: not met at present, but the rest of the period can still make it; missed: the period is over and the
 * target was not met, or it cannot be met any more in this period; no-data: nothing to judge (not started, not
 * measured yet, no observations).
 */
export type EvaluationStatus = 'met' | 'at-risk' | 'below-target' | 'missed' | 'no-data';

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
  /** A sentence that explains the status in plain words (English: the CLI's; pages word `reason` in their language). */
  explanation: string;
  /** Why the status is what it is, as data for each locale to word (absent in results made before it existed). */
  reason?: EvaluationReason;
  /** The first local date measured, when the indicator has one (declared, or the day its sources started sending). */
  measuredFrom?: string | null;
  /**
   * When the target is a yearly count judged over a shorter period: the period's pro-rata share of it, which the
   * period is judged against (a month of a "≤ 15 days a year" limit gets 15 × 31 / 365 days).
   */
  shareOfTarget?: number;
  /**
   * A duration judged while its period runs: items started and not ended yet. Those already over the limit count as
   * misses (a share-within) or as the longest item (a max), as if they ended now.
   */
  openItems?: { count: number; overLimit: number };
}

/** What an explanation is made of, for each locale's wording. */
export type EvaluationReason =
  | { code: 'not-started' }
  | { code: 'never-measured' }
  | { code: 'before-measured-from'; measuredFrom: string }
  | { code: 'no-observations' }
  | { code: 'no-measure' }
  | { code: 'misfit'; detail: string }
  | { code: 'fault' }
  | {
      code: 'judged';
      /** What the numerator and denominator count, by key (see EVALUATION_NOUNS in the site's locale files). */
      noun: EvaluationNoun;
      /** Names the measure gives its events (a complaint ratio: complaints over requests), when it does. */
      names?: { counted: { it: string; en: string }; total: { it: string; en: string } };
      complete: boolean;
      /** Why a period not over yet is at risk or lost. */
      why: 'on-track' | 'forecast-fails' | 'budget-low' | 'cannot-recover' | 'can-recover' | 'over';
    };

/** What an indicator's numbers count. */
export type EvaluationNoun =
  | 'events-met'
  | 'events-counted'
  | 'register-entries'
  | 'observations-up-to-date'
  | 'items-within-limit'
  | 'available-days'
  | 'longest-item'
  | 'average-item'
  | 'counted-days'
  | 'counted-working-days'
  | 'counted-events'
  | 'latest-value';
