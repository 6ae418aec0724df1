import type { Target } from '../cards/target.ts';
import type { DurationLimit, DurationMeasure, Measure } from './measure.ts';

/**
 * The target a measure is judged against: the card's when it is a number with a comparator, otherwise the measure's
 * `interpretation` of the qualitative text ("tempo reale" read as ≤ 5 minutes), stated openly. Null when neither
 * gives a number, so the indicator cannot be judged.
 */
export function effectiveTargetOf(measure: Measure, target: Target): Target | null {
  if (target.measurable && target.value !== null && target.comparator !== null && target.unit !== null) return target;
  const interpretation = measure.interpretation;
  if (interpretation === undefined) return null;
  return {
    text: target.text,
    comparator: interpretation.comparator,
    value: interpretation.value,
    unit: interpretation.unit,
    period: target.period,
    measurable: true,
    comparatorReason: `"${target.text}" is read by the measure as ${interpretation.text}`,
    comparatorSource: 'inferred',
  };
}

/**
 * The limit an item of a duration measure is judged against: its own `within` when set, otherwise the target's number
 * in the measure's unit (a "max 5 working days" target on a working-days measure). Null when neither exists.
 */
export function durationLimitOf(measure: DurationMeasure, target: Target | null): DurationLimit | null {
  if (measure.within !== undefined) return measure.within;
  if (target === null || target.value === null || target.unit === 'percent') return null;
  return { value: target.value, unit: measure.unit };
}
