import type { Comparator, TargetUnit } from '../cards/target.ts';
import type { AttributeValue } from '../events/event.ts';
import { parseLocalDate } from '../calendar/index.ts';
import { UserError } from '../shared/errors.ts';
import type {
  AvailabilityDaysMeasure,
  Condition,
  ConditionOp,
  CountMeasure,
  DurationLimit,
  DurationMeasure,
  EventSelector,
  FreshnessMeasure,
  Measure,
  MeasureKind,
  RatioMeasure,
  RegisterMeasure,
  SnapshotMeasure,
} from './measure.ts';

/*
 * Hand-written checks rather than a schema library: every message names the exact path
 * ("measures[3].good[0].op") and says what was expected and what was found, which is what a data steward needs.
 * Unknown fields are refused, so a misspelt optional field ("withinServiceHour") cannot be silently ignored.
 */

export const MEASURE_KINDS: readonly MeasureKind[] = ['ratio', 'register', 'availability-days', 'duration', 'count', 'snapshot', 'freshness'];
export const CONDITION_OPS: readonly ConditionOp[] = ['=', '!=', '<', '<=', '>', '>=', 'in', 'exists'];
export const DURATION_LIMIT_UNITS: readonly DurationLimit['unit'][] = [
  'seconds',
  'minutes',
  'hours',
  'days',
  'working-days',
  'service-minutes',
  'service-hours',
];
export const DURATION_UNITS: readonly DurationMeasure['unit'][] = ['days', 'working-days', 'hours', 'minutes', 'service-minutes', 'service-hours'];
const COMPARATORS: readonly Comparator[] = ['>=', '<=', '='];
const TARGET_UNITS: readonly TargetUnit[] = ['percent', 'days', 'working-days', 'hours', 'minutes', 'count'];
const STATISTICS: readonly DurationMeasure['statistic'][] = ['max', 'share-within', 'mean'];
const COUNT_MODES: readonly CountMeasure['count'][] = ['days', 'working-days', 'events'];
const DAYS_WITHOUT_DATA: readonly AvailabilityDaysMeasure['daysWithoutData'][] = ['unavailable', 'excluded'];
/** Units an elapsed-time limit can use when it is compared with a plain number of seconds or an outage length. */
const ELAPSED_UNITS: readonly DurationLimit['unit'][] = ['seconds', 'minutes', 'hours'];

const BASE_FIELDS = ['kind', 'description', 'interpretation', 'measuredFrom', 'names'];
const FIELDS_BY_KIND: Record<MeasureKind, readonly string[]> = {
  ratio: ['total', 'good', 'withinServiceHoursOf', 'waitAttribute', 'waitLimit'],
  register: ['register', 'total', 'good'],
  'availability-days': ['checks', 'dayIsAvailableWhen', 'withinServiceHoursOf', 'daysWithoutData'],
  duration: ['start', 'end', 'unit', 'serviceHoursOf', 'statistic', 'within'],
  count: ['select', 'count'],
  snapshot: ['select', 'valueAttribute'],
  freshness: ['observations', 'maxAge'],
};

/**
 * Checks a measure read from YAML/JSON field by field and returns it typed (unknown fields refused, defaults filled:
 * daysWithoutData = "unavailable"). `where` is the path of the object, e.g. "measures[3]".
 */
export function validateMeasure(input: unknown, where: string): Measure {
  const object = readObject(input, where);
  const kind = readEnum(object.kind, join(where, 'kind'), MEASURE_KINDS);
  refuseUnknownFields(object, [...BASE_FIELDS, ...FIELDS_BY_KIND[kind]], where, `a "${kind}" measure`);
  const base: { description?: string; interpretation?: Measure['interpretation']; measuredFrom?: string; names?: Measure['names'] } = {};
  if (object.description !== undefined) base.description = readText(object.description, join(where, 'description'));
  if (object.interpretation !== undefined) base.interpretation = readInterpretation(object.interpretation, join(where, 'interpretation'));
  if (object.measuredFrom !== undefined) base.measuredFrom = readLocalDate(object.measuredFrom, join(where, 'measuredFrom'));
  if (object.names !== undefined) base.names = readNames(object.names, join(where, 'names'));
  const at = (field: string): string => join(where, field);

  switch (kind) {
    case 'ratio': {
      const measure: RatioMeasure = { kind, ...base, total: readSelector(object.total, at('total')), good: readConditions(object.good, at('good')) };
      if (object.withinServiceHoursOf !== undefined) measure.withinServiceHoursOf = readText(object.withinServiceHoursOf, at('withinServiceHoursOf'));
      if ((object.waitAttribute === undefined) !== (object.waitLimit === undefined)) {
        const missing = object.waitAttribute === undefined ? 'waitAttribute' : 'waitLimit';
        throw new UserError('waitAttribute (seconds waited) and waitLimit go together: set both or neither', { field: at(missing) });
      }
      if (object.waitAttribute !== undefined) measure.waitAttribute = readText(object.waitAttribute, at('waitAttribute'));
      if (object.waitLimit !== undefined) {
        measure.waitLimit = readDurationLimit(object.waitLimit, at('waitLimit'), ELAPSED_UNITS, 'a wait in seconds can only be compared with');
      }
      return measure;
    }
    case 'register': {
      const measure: RegisterMeasure = { kind, ...base, register: readText(object.register, at('register')), good: readConditions(object.good, at('good')) };
      if (object.total !== undefined) measure.total = readConditions(object.total, at('total'));
      return measure;
    }
    case 'availability-days': {
      const measure: AvailabilityDaysMeasure = {
        kind,
        ...base,
        checks: readSelector(object.checks, at('checks')),
        dayIsAvailableWhen: readDayRule(object.dayIsAvailableWhen, at('dayIsAvailableWhen')),
        daysWithoutData: object.daysWithoutData === undefined ? 'unavailable' : readEnum(object.daysWithoutData, at('daysWithoutData'), DAYS_WITHOUT_DATA),
      };
      if (object.withinServiceHoursOf !== undefined) measure.withinServiceHoursOf = readText(object.withinServiceHoursOf, at('withinServiceHoursOf'));
      return measure;
    }
    case 'duration': {
      const measure: DurationMeasure = {
        kind,
        ...base,
        start: readSelector(object.start, at('start')),
        end: readSelector(object.end, at('end')),
        unit: readEnum(object.unit, at('unit'), DURATION_UNITS),
        statistic: readEnum(object.statistic, at('statistic'), STATISTICS),
      };
      if (object.serviceHoursOf !== undefined) measure.serviceHoursOf = readText(object.serviceHoursOf, at('serviceHoursOf'));
      if (object.within !== undefined) measure.within = readDurationLimit(object.within, at('within'), DURATION_LIMIT_UNITS);
      if (measure.statistic === 'share-within' && measure.within === undefined) {
        throw new UserError('statistic "share-within" needs `within`: the limit an item must stay within (e.g. { value: 5, unit: working-days })', { field: at('within') });
      }
      const usesServiceTime = measure.unit.startsWith('service-') || (measure.within?.unit.startsWith('service-') ?? false);
      if (usesServiceTime && measure.serviceHoursOf === undefined) {
        throw new UserError('service-minutes and service-hours need `serviceHoursOf`: the key of the channel whose hours count', { field: at('serviceHoursOf') });
      }
      return measure;
    }
    case 'count': {
      const measure: CountMeasure = { kind, ...base, select: readSelector(object.select, at('select')), count: readEnum(object.count, at('count'), COUNT_MODES) };
      return measure;
    }
    case 'snapshot': {
      const measure: SnapshotMeasure = { kind, ...base, select: readSelector(object.select, at('select')) };
      if (object.valueAttribute !== undefined) measure.valueAttribute = readText(object.valueAttribute, at('valueAttribute'));
      return measure;
    }
    case 'freshness': {
      const units = DURATION_LIMIT_UNITS.filter((unit) => !unit.startsWith('service-'));
      const measure: FreshnessMeasure = {
        kind,
        ...base,
        observations: readSelector(object.observations, at('observations')),
        maxAge: readDurationLimit(object.maxAge, at('maxAge'), units, 'an age has no channel hours, so use one of'),
      };
      return measure;
    }
  }
}

/** Channel keys a measure refers to (service hours), so a caller can check they exist on the card. */
export function channelKeysOf(measure: Measure): string[] {
  switch (measure.kind) {
    case 'ratio':
    case 'availability-days':
      return measure.withinServiceHoursOf === undefined ? [] : [measure.withinServiceHoursOf];
    case 'duration':
      return measure.serviceHoursOf === undefined ? [] : [measure.serviceHoursOf];
    case 'register':
    case 'count':
    case 'snapshot':
    case 'freshness':
      return [];
  }
}

/** Checks an event selector: kind (a name or a non-empty list), optional source and where-conditions. */
export function validateSelector(input: unknown, where: string): EventSelector {
  return readSelector(input, where);
}

/** Checks a list of attribute conditions. */
export function validateConditions(input: unknown, where: string): Condition[] {
  return readConditions(input, where);
}

function readSelector(input: unknown, where: string): EventSelector {
  const object = readObject(input, where);
  refuseUnknownFields(object, ['kind', 'source', 'where'], where, 'an event selector');
  let kind: string | string[];
  if (Array.isArray(object.kind)) {
    if (object.kind.length === 0) throw new UserError('expected at least one event kind', { field: join(where, 'kind') });
    kind = object.kind.map((item, index) => readText(item, `${join(where, 'kind')}[${index}]`));
  } else {
    kind = readText(object.kind, join(where, 'kind'));
  }
  const selector: EventSelector = { kind };
  if (object.source !== undefined) selector.source = readText(object.source, join(where, 'source'));
  if (object.where !== undefined) selector.where = readConditions(object.where, join(where, 'where'));
  return selector;
}

function readConditions(input: unknown, where: string): Condition[] {
  if (!Array.isArray(input)) throw new UserError(`expected a list of conditions, got ${describe(input)}`, { field: where });
  return input.map((item, index) => readCondition(item, `${where}[${index}]`));
}

function readCondition(input: unknown, where: string): Condition {
  const object = readObject(input, where);
  refuseUnknownFields(object, ['attribute', 'op', 'value'], where, 'a condition');
  const attribute = readText(object.attribute, join(where, 'attribute'));
  const op = readEnum(object.op, join(where, 'op'), CONDITION_OPS);
  const valuePath = join(where, 'value');
  const value = object.value;
  if (op === 'exists') {
    if (value !== undefined && typeof value !== 'boolean') {
      throw new UserError(`"exists" takes no value, or true/false (false: the attribute must be absent); got ${describe(value)}`, { field: valuePath });
    }
    return value === undefined ? { attribute, op } : { attribute, op, value };
  }
  if (op === 'in') {
    if (!Array.isArray(value) || value.length === 0) {
      throw new UserError(`"in" needs a non-empty list of values, got ${describe(value)}`, { field: valuePath });
    }
    return { attribute, op, value: value.map((item, index) => readScalar(item, `${valuePath}[${index}]`)) };
  }
  if (value === undefined) throw new UserError(`"${op}" needs a value to compare with`, { field: valuePath });
  const scalar = readScalar(value, valuePath);
  if (op !== '=' && op !== '!=' && typeof scalar === 'boolean') {
    throw new UserError(`"${op}" orders values, so it needs a number or a string, not ${describe(scalar)}`, { field: valuePath });
  }
  return { attribute, op, value: scalar };
}

function readScalar(input: unknown, where: string): AttributeValue {
  if (typeof input === 'string' || typeof input === 'boolean') return input;
  if (typeof input === 'number' && Number.isFinite(input)) return input;
  throw new UserError(`expected a string, a number or true/false, got ${describe(input)}`, { field: where });
}

function readDurationLimit(
  input: unknown,
  where: string,
  units: readonly DurationLimit['unit'][],
  unitHint?: string,
): DurationLimit {
  const object = readObject(input, where);
  refuseUnknownFields(object, ['value', 'unit'], where, 'a duration limit');
  const value = readNumber(object.value, join(where, 'value'));
  if (value < 0) throw new UserError(`a duration cannot be negative, got ${value}`, { field: join(where, 'value') });
  const unit = readEnum(object.unit, join(where, 'unit'), units, unitHint);
  return { value, unit };
}

function readDayRule(input: unknown, where: string): AvailabilityDaysMeasure['dayIsAvailableWhen'] {
  const object = readObject(input, where);
  const keys = Object.keys(object);
  if (keys.length !== 1 || (keys[0] !== 'successShareAtLeast' && keys[0] !== 'longestOutageAtMost')) {
    throw new UserError(
      `expected exactly one of "successShareAtLeast" (a percentage) or "longestOutageAtMost" (a duration), got ${keys.length === 0 ? 'none' : keys.map((k) => `"${k}"`).join(', ')}`,
      { field: where },
    );
  }
  if (keys[0] === 'successShareAtLeast') {
    const path = join(where, 'successShareAtLeast');
    const share = readNumber(object.successShareAtLeast, path);
    if (share < 0 || share > 100) throw new UserError(`expected a percentage from 0 to 100, got ${share}`, { field: path });
    return { successShareAtLeast: share };
  }
  return {
    longestOutageAtMost: readDurationLimit(object.longestOutageAtMost, join(where, 'longestOutageAtMost'), ELAPSED_UNITS, 'an outage within a day is measured in'),
  };
}

function readInterpretation(input: unknown, where: string): NonNullable<Measure['interpretation']> {
  const object = readObject(input, where);
  refuseUnknownFields(object, ['comparator', 'value', 'unit', 'text'], where, 'an interpretation');
  return {
    comparator: readEnum(object.comparator, join(where, 'comparator'), COMPARATORS),
    value: readNumber(object.value, join(where, 'value')),
    unit: readEnum(object.unit, join(where, 'unit'), TARGET_UNITS),
    text: readText(object.text, join(where, 'text')),
  };
}

function readObject(input: unknown, where: string): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new UserError(`expected an object (a mapping of fields), got ${describe(input)}`, { field: where || '(root)' });
  }
  return input as Record<string, unknown>;
}

function readNames(input: unknown, where: string): NonNullable<Measure['names']> {
  const object = readObject(input, where);
  refuseUnknownFields(object, ['counted', 'total'], where, 'names');
  const both = (field: 'counted' | 'total') => {
    const at = join(where, field);
    const words = readObject(object[field], at);
    refuseUnknownFields(words, ['it', 'en'], at, `names.${field}`);
    return { it: readText(words.it, join(at, 'it')), en: readText(words.en, join(at, 'en')) };
  };
  return { counted: both('counted'), total: both('total') };
}

function readLocalDate(input: unknown, where: string): string {
  // YAML reads an unquoted 2026-01-01 as a date: take it back as the local date it was written as.
  const text = input instanceof Date && !Number.isNaN(input.getTime()) ? input.toISOString().slice(0, 10) : readText(input, where);
  try {
    parseLocalDate(text);
  } catch (error) {
    if (error instanceof UserError) throw new UserError(`"${text}" is not a date written YYYY-MM-DD`, { field: where });
    throw error;
  }
  return text;
}

function readText(input: unknown, where: string): string {
  if (typeof input !== 'string' || input.trim() === '') {
    throw new UserError(`expected a non-empty string, got ${describe(input)}`, { field: where });
  }
  return input.trim();
}

function readNumber(input: unknown, where: string): number {
  if (typeof input !== 'number' || !Number.isFinite(input)) throw new UserError(`expected a number, got ${describe(input)}`, { field: where });
  return input;
}

function readEnum<T extends string>(input: unknown, where: string, allowed: readonly T[], hint = 'expected one of'): T {
  if (typeof input === 'string' && (allowed as readonly string[]).includes(input)) return input as T;
  const list = allowed.map((value) => `"${value}"`).join(', ');
  throw new UserError(`${hint} ${list}; got ${describe(input)}`, { field: where });
}

function refuseUnknownFields(object: Record<string, unknown>, allowed: readonly string[], where: string, what: string): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) {
      throw new UserError(`unknown field for ${what}; expected one of ${allowed.map((f) => `"${f}"`).join(', ')}`, { field: join(where, key) });
    }
  }
}

function join(where: string, field: string): string {
  return where === '' ? field : `${where}.${field}`;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `${typeof value} ${String(value)}`;
  return `a ${typeof value}`;
}
