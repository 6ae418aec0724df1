import type { AttributeValue, MeasureEvent } from '../events/event.ts';
import type { Condition, EventSelector } from './measure.ts';

/**
 * Event selection, shared by folding and ingestion.
 *
 * Comparison rules, chosen so that feeds typed loosely (CSV, forms) still match:
 * - two values that both read as finite numbers ("5", 5, " 5.0") compare numerically;
 * - a boolean matches a boolean or the strings "true"/"false";
 * - otherwise strings compare as strings (ISO dates and times order correctly), and nothing else is ordered;
 * - a missing or null attribute satisfies only "!=" and "exists: false".
 */

/** Whether an event is picked by a selector: its kind (one of the kinds), source if given, and every condition. */
export function matchesSelector(event: MeasureEvent, selector: EventSelector): boolean {
  if (typeof selector.kind === 'string' ? selector.kind !== event.kind : !selector.kind.includes(event.kind)) return false;
  if (selector.source !== undefined && event.source !== selector.source) return false;
  return selector.where === undefined || matchesConditions(event.attributes, selector.where);
}

/** Whether any of the selectors picks the event. */
export function matchesAnySelector(event: MeasureEvent, selectors: readonly EventSelector[]): boolean {
  for (const selector of selectors) if (matchesSelector(event, selector)) return true;
  return false;
}

/** Whether attributes satisfy every condition (an empty list always holds). */
export function matchesConditions(attributes: Record<string, AttributeValue>, conditions: readonly Condition[]): boolean {
  return conditions.every((condition) => matchesCondition(attributes, condition));
}

/** Whether attributes satisfy one condition. */
export function matchesCondition(attributes: Record<string, AttributeValue>, condition: Condition): boolean {
  const actual = Object.hasOwn(attributes, condition.attribute) ? attributes[condition.attribute] : undefined;
  const present = actual !== undefined && actual !== null;
  const expected = condition.value;
  switch (condition.op) {
    case 'exists':
      // `exists` with value false asks for the attribute to be absent.
      return expected === false ? !present : present;
    case '=':
      return present && !Array.isArray(expected) && valuesEqual(actual, expected);
    case '!=':
      return !present || Array.isArray(expected) || !valuesEqual(actual, expected);
    case 'in':
      return present && Array.isArray(expected) && expected.some((candidate) => valuesEqual(actual, candidate));
    case '<':
    case '<=':
    case '>':
    case '>=': {
      if (!present || Array.isArray(expected)) return false;
      const order = compareValues(actual, expected);
      if (order === null) return false;
      if (condition.op === '<') return order < 0;
      if (condition.op === '<=') return order <= 0;
      if (condition.op === '>') return order > 0;
      return order >= 0;
    }
  }
}

/** A value as a finite number when it is one or a string that reads as one; null otherwise. */
export function numberOf(value: AttributeValue | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value.trim());
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function booleanOf(value: AttributeValue | undefined): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return null;
}

function valuesEqual(actual: AttributeValue | undefined, expected: AttributeValue | undefined): boolean {
  if (expected === undefined || expected === null || actual === undefined || actual === null) return false;
  if (typeof expected === 'boolean' || typeof actual === 'boolean') {
    const a = booleanOf(actual);
    const b = booleanOf(expected);
    return a !== null && a === b;
  }
  const a = numberOf(actual);
  const b = numberOf(expected);
  if (a !== null && b !== null) return a === b;
  return String(actual) === String(expected);
}

/** -1, 0, 1 when the two values can be ordered (both numbers, or both strings); null otherwise. */
function compareValues(actual: AttributeValue | undefined, expected: AttributeValue | undefined): number | null {
  const a = numberOf(actual);
  const b = numberOf(expected);
  if (a !== null && b !== null) return Math.sign(a - b);
  if (typeof actual === 'string' && typeof expected === 'string') return actual < expected ? -1 : actual > expected ? 1 : 0;
  return null;
}
