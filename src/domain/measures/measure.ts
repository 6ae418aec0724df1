import type { Comparator, TargetUnit } from '../cards/target.ts';
import type { AttributeValue } from '../events/event.ts';

/**
 * How an indicator is measured, declared as data (YAML/JSON), one per indicator and edition.
 * The vocabulary follows OpenSLO: ratio = Occurrences, availability-days = Timeslices with a 1-day slice.
 */
export type Measure =
  | RatioMeasure
  | RegisterMeasure
  | AvailabilityDaysMeasure
  | DurationMeasure
  | CountMeasure
  | SnapshotMeasure
  | FreshnessMeasure;

export type MeasureKind = Measure['kind'];

/** Picks events: by kind (one or several), optionally by source and attribute conditions (all must hold). */
export interface EventSelector {
  kind: string | string[];
  source?: string;
  where?: Condition[];
}

export type ConditionOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'exists';

/** A test on one attribute: 'in' takes a list; 'exists' takes no value, or false to require the attribute absent. */
export interface Condition {
  attribute: string;
  op: ConditionOp;
  value?: AttributeValue | AttributeValue[];
}

/** A length of time. Working days follow the Italian calendar; service hours follow the channel's hours. */
export interface DurationLimit {
  value: number;
  unit: 'seconds' | 'minutes' | 'hours' | 'days' | 'working-days' | 'service-minutes' | 'service-hours';
}

interface MeasureBase {
  /** Plain words shown to the public under "how we measure it"; generated when absent. */
  description?: string;
  /**
   * For a qualitative valore programmato ("tempo reale"): the number the measure gives it, stated openly.
   * Ignored when the card's target is already a number.
   */
  interpretation?: { comparator: Comparator; value: number; unit: TargetUnit; text: string };
  /**
   * The first local date ('YYYY-MM-DD') this indicator is measured: before it, days and periods are no-data, never
   * counted for or against the administration. When absent, the day its sources started sending (see getReport).
   */
  measuredFrom?: string;
  /**
   * What the measure's events are called, as the card calls them, in Italian and English: a complaint ratio counts
   * "reclami" (complaints) over "richieste" (requests). Explanations use them instead of "events".
   */
  names?: { counted: { it: string; en: string }; total: { it: string; en: string } };
}

/** good events / total events, as a percentage; a lower-is-better share uses a ≤ target. */
export interface RatioMeasure extends MeasureBase {
  kind: 'ratio';
  /** The denominator. */
  total: EventSelector;
  /** The numerator: conditions applied to events already in `total`. */
  good: Condition[];
  /**
   * Optional: count only events within service hours of this channel (e.g. calls answered when the
   * contact centre is open): events outside them leave both numerator and denominator.
   */
  withinServiceHoursOf?: string;
  /**
   * Optional, together: an event is good only if it also waited at most `waitLimit` (seconds, minutes or hours);
   * `waitAttribute` holds the wait in seconds. A missing wait is not good.
   */
  waitAttribute?: string;
  waitLimit?: DurationLimit;
}

/**
 * Entries of a register kept by the office (interventions planned vs carried out); latest version of each entry counts.
 * An entry is an event of kind "register.entry" whose attribute `register` names the register (subject = entry number).
 */
export interface RegisterMeasure extends MeasureBase {
  kind: 'register';
  register: string;
  /** Entries counted in the denominator (default: every entry of the register). */
  total?: Condition[];
  /** Entries counted in the numerator (e.g. status = "done"). */
  good: Condition[];
}

/** Days on which a channel was available / days of the calendar year, as a percentage. */
export interface AvailabilityDaysMeasure extends MeasureBase {
  kind: 'availability-days';
  /** The check events (kind "check.http" …) of one channel; attribute `ok` (boolean) says if the check passed. */
  checks: EventSelector;
  /** When a day counts as available. */
  dayIsAvailableWhen:
    | { successShareAtLeast: number }
    | { longestOutageAtMost: DurationLimit };
  /** Count only checks within the channel's service hours; days the channel is closed are then not judged at all. */
  withinServiceHoursOf?: string;
  /** A day with no check at all: counted as unavailable (the strict default, filled in when omitted) or left out of the count. */
  daysWithoutData: 'unavailable' | 'excluded';
}

/** Time from a start event to an end event on the same subject, judged per item. */
export interface DurationMeasure extends MeasureBase {
  kind: 'duration';
  start: EventSelector;
  end: EventSelector;
  /** How the time is counted. */
  unit: 'days' | 'working-days' | 'hours' | 'minutes' | 'service-minutes' | 'service-hours';
  /** For service-* units: the channel whose hours count. */
  serviceHoursOf?: string;
  /**
   * "max": the longest item (target in the same unit); "share-within": % of items within `within` (percent target);
   * "mean": the average item.
   */
  statistic: 'max' | 'share-within' | 'mean';
  /** The limit an item must stay within: required for share-within; for max/mean it defaults to the target. */
  within?: DurationLimit;
}

/** Days or events of a kind in the period, against a maximum ("days of disruption in the year"). */
export interface CountMeasure extends MeasureBase {
  kind: 'count';
  select: EventSelector;
  count: 'days' | 'working-days' | 'events';
}

/** A value recorded by hand at a date, with who recorded it and the evidence; the latest in the period counts. */
export interface SnapshotMeasure extends MeasureBase {
  kind: 'snapshot';
  select: EventSelector;
  /** Attribute holding the number (default "value"). */
  valueAttribute?: string;
}

/** Items (social pages, web pages) seen updated within N days / items observed, over the days of the period. */
export interface FreshnessMeasure extends MeasureBase {
  kind: 'freshness';
  /** Observation events: subject = the item, attribute `updatedAt` = when the item was last updated (ISO 8601). */
  observations: EventSelector;
  maxAge: DurationLimit;
}

/** The measure of one indicator of one edition, as stored and exported. */
export interface IndicatorMeasure {
  service: string;
  edition: string;
  indicator: string;
  measure: Measure;
}
