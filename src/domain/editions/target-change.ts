import type { Target, TargetUnit } from '../cards/target.ts';

/**
 * How a valore programmato changed from one edition to the next, from the citizen's side:
 * - tighter: the new promise is better (≥ higher, ≤ lower, or a stricter unit);
 * - same: the same promise, whatever the wording;
 * - looser: the new promise is worse, which the "(&)" rule forbids unless justified;
 * - incomparable: the two cannot be ranked (another comparator, a percentage against days, words only), so a person
 *   must say why: treated like a loosening by the approval check.
 */
export type TargetChange = 'tighter' | 'same' | 'looser' | 'incomparable';

/** Minutes per unit for the units that convert exactly. */
const MINUTES: Partial<Record<TargetUnit, number>> = { minutes: 1, hours: 60, days: 24 * 60 };

/**
 * Compares two targets of the same indicator. Exact conversions only: minutes, hours and calendar days convert;
 * N working days last at least N calendar days, so "15 giorni" → "15 giorni lavorativi" is looser, the reverse
 * tighter, and "20 giorni" → "10 giorni lavorativi" incomparable (it depends on the holidays in between).
 */
export function compareTargets(before: Target, after: Target): TargetChange {
  if (before.comparator === null || before.value === null || after.comparator === null || after.value === null) {
    return normalise(before.text) === normalise(after.text) ? 'same' : 'incomparable';
  }
  if (before.comparator !== after.comparator || (before.period ?? null) !== (after.period ?? null)) return 'incomparable';
  const pair = commonScale(before.value, before.unit, after.value, after.unit);
  if (pair === null) return 'incomparable';
  const [from, to, unitShift] = pair;
  const comparator = after.comparator;
  if (comparator === '=') return from === to && unitShift === 0 ? 'same' : 'incomparable';
  // Higher is better for ≥, lower for ≤; a unit shift (days → working days) counts the way it moves the promise.
  const better = comparator === '>=' ? Math.sign(to - from) : Math.sign(from - to);
  const shift = comparator === '<=' ? -unitShift : unitShift;
  if (better === 0 && shift === 0) return 'same';
  if (better >= 0 && shift >= 0) return 'tighter';
  if (better <= 0 && shift <= 0) return 'looser';
  return 'incomparable';
}

/**
 * Both values on one scale, with the unit shift: +1 when the new unit itself makes the number mean more time
 * (days → working days), −1 the reverse, 0 otherwise. null when the units do not compare.
 */
function commonScale(before: number, beforeUnit: TargetUnit | null, after: number, afterUnit: TargetUnit | null): [number, number, number] | null {
  if (beforeUnit === afterUnit) return [before, after, 0];
  const beforeMinutes = beforeUnit === null ? undefined : MINUTES[beforeUnit];
  const afterMinutes = afterUnit === null ? undefined : MINUTES[afterUnit];
  if (beforeMinutes !== undefined && afterMinutes !== undefined) return [before * beforeMinutes, after * afterMinutes, 0];
  // Working days against a calendar unit: comparable only when the numbers already say which way it goes.
  if (afterUnit === 'working-days' && beforeMinutes !== undefined) {
    const afterAsCalendar = after * (MINUTES.days ?? 0);
    return afterAsCalendar >= before * beforeMinutes ? [before * beforeMinutes, afterAsCalendar, 1] : null;
  }
  if (beforeUnit === 'working-days' && afterMinutes !== undefined) {
    const beforeAsCalendar = before * (MINUTES.days ?? 0);
    return after * afterMinutes <= beforeAsCalendar ? [beforeAsCalendar, after * afterMinutes, -1] : null;
  }
  return null;
}

function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}
