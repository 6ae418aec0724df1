import type { Target, TargetUnit } from '../cards/target.ts';
import type { DurationMeasure, Measure } from './measure.ts';
import { effectiveTargetOf } from './measure-target.ts';

const DURATION_TARGET_UNITS: Record<DurationMeasure['unit'], TargetUnit> = {
  days: 'days',
  'working-days': 'working-days',
  hours: 'hours',
  minutes: 'minutes',
  'service-hours': 'hours',
  'service-minutes': 'minutes',
};

const UNIT_WORDS: Record<TargetUnit, string> = {
  percent: 'a percentage',
  days: 'calendar days',
  'working-days': 'working days',
  hours: 'hours',
  minutes: 'minutes',
  count: 'a plain number',
};

/**
 * The unit of the value a measure gives. A snapshot gives whatever was recorded, so it takes the unit of the target
 * it is judged against (the card's, else the interpretation's), and 'count' when there is none.
 */
export function unitOfMeasure(measure: Measure, target?: Target | null): TargetUnit {
  switch (measure.kind) {
    case 'ratio':
    case 'register':
    case 'availability-days':
    case 'freshness':
      return 'percent';
    case 'duration':
      return measure.statistic === 'share-within' ? 'percent' : DURATION_TARGET_UNITS[measure.unit];
    case 'count':
      return measure.count === 'events' ? 'count' : measure.count;
    case 'snapshot': {
      const judged = target ? effectiveTargetOf(measure, target) : null;
      return judged?.unit ?? measure.interpretation?.unit ?? 'count';
    }
  }
}

/**
 * Why a measure cannot check a target, or null when it can. The units must be the same, with two allowances:
 * a bare number ("3", unit 'count') fits any count, and a snapshot fits any unit. Calendar days and working days are
 * NOT interchangeable: a count of working days would miss a disruption on a Saturday against a limit in days, and a
 * duration in calendar days would overstate one in working days. A qualitative target needs `interpretation`.
 */
export function checkMeasureFitsTarget(measure: Measure, target: Target): string | null {
  const judged = effectiveTargetOf(measure, target);
  if (judged === null) {
    return target.measurable
      ? `the target "${target.text}" has no number and comparator to check against`
      : `the target "${target.text}" is qualitative: add \`interpretation\` to the measure (comparator, value, unit and the words explaining it)`;
  }
  if (measure.kind === 'snapshot') return null;
  const given = unitOfMeasure(measure, judged);
  const wanted = judged.unit;
  if (wanted === null || given === wanted) return null;
  if (measure.kind === 'count' && wanted === 'count') return null;
  return `a ${measure.kind} measure gives ${UNIT_WORDS[given]} but the target "${judged.text}" is in ${UNIT_WORDS[wanted]}${hintFor(measure, wanted)}`;
}

function hintFor(measure: Measure, wanted: TargetUnit): string {
  if (measure.kind === 'count' && (wanted === 'days' || wanted === 'working-days')) return `: set count: ${wanted}`;
  if (measure.kind === 'duration' && wanted === 'percent') return ': use statistic: share-within with `within`';
  if (measure.kind === 'duration' && (wanted === 'hours' || wanted === 'minutes')) return `: set unit: ${wanted} or service-${wanted}`;
  if (measure.kind === 'duration' && wanted !== 'count') return `: set unit: ${wanted}`;
  if (wanted === 'percent') return ': a percentage needs a ratio, register, availability-days, freshness or share-within measure';
  return '';
}
