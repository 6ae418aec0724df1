import { instantOf, parseLocalDate } from '../calendar/index.ts';
import type { AttributeValue, MeasureEvent } from '../events/event.ts';
import { UserError } from '../shared/errors.ts';
import { REGISTER_ENTRY_KIND, registerEntrySelector } from './day-fold.ts';
import type { Condition, EventSelector, Measure, RegisterMeasure, SnapshotMeasure } from './measure.ts';

/** The source of the events the back office records by hand, unless the measure reads one source only. */
export const HAND_ENTRY_SOURCE = 'registro-manuale';

/** Measures whose events a person records by hand: a register's entries, a snapshot's values. */
export type HandRecordedMeasure = RegisterMeasure | SnapshotMeasure;

export function isHandRecorded(measure: Measure): measure is HandRecordedMeasure {
  return measure.kind === 'register' || measure.kind === 'snapshot';
}

/** One attribute the form asks for: one its measure's conditions read. */
export interface HandEntryField {
  attribute: string;
  /** How the text typed is read: the type of the values the conditions compare it with. */
  type: 'text' | 'number' | 'boolean';
  /** Values the conditions name ("done", "planned"), offered as suggestions. */
  suggestions: string[];
}

/** What the form of one hand-recorded indicator asks, and what it fills in by itself. */
export interface HandEntryForm {
  kind: HandRecordedMeasure['kind'];
  /** The event kind recorded ("register.entry", "staff.recorded"). */
  eventKind: string;
  source: string;
  /** A register measure's register. */
  register: string | null;
  /** A snapshot's value attribute ("value"). */
  valueAttribute: string | null;
  fields: HandEntryField[];
  /** Attributes the form sets itself: the register's name, a snapshot selector's "=" conditions. */
  fixed: Record<string, AttributeValue>;
  /** Picks the events of this measure, to list its latest entries. */
  selector: EventSelector;
}

/** What a person typed: every value as text, as a form sends it. */
export interface HandEntryInput {
  /** Local date 'YYYY-MM-DD'. */
  date: string;
  /** A register entry's number (required for a register, ignored for a snapshot). */
  subject: string;
  /** A snapshot's value. */
  value: string;
  /** Where the number comes from (a protocol number, a document): optional. */
  evidence: string;
  attributes: Record<string, string>;
}

/** Attributes the back office writes on every entry besides the measure's own. */
const RECORDED_BY = 'recordedBy';
const EVIDENCE = 'evidence';
const MAX_TEXT = 500;

/** The form of a hand-recorded measure: the attributes its conditions read, typed and with the values they name. */
export function handEntryFormOf(measure: HandRecordedMeasure): HandEntryForm {
  if (measure.kind === 'register') {
    const selector = registerEntrySelector(measure);
    const conditions = [...(measure.total ?? []), ...measure.good].filter((c) => c.attribute !== 'register');
    return {
      kind: 'register',
      eventKind: REGISTER_ENTRY_KIND,
      source: HAND_ENTRY_SOURCE,
      register: measure.register,
      valueAttribute: null,
      fields: fieldsOf(conditions),
      fixed: { register: measure.register },
      selector,
    };
  }
  const { select } = measure;
  const kinds = typeof select.kind === 'string' ? [select.kind] : select.kind;
  const valueAttribute = measure.valueAttribute ?? 'value';
  const fixed: Record<string, AttributeValue> = {};
  const open: Condition[] = [];
  for (const condition of select.where ?? []) {
    const { value } = condition;
    // An "=" condition has one answer: the form gives it, so the value always counts for this indicator.
    if (condition.op === '=' && value !== undefined && !Array.isArray(value)) fixed[condition.attribute] = value;
    else if (condition.attribute !== valueAttribute) open.push(condition);
  }
  return {
    kind: 'snapshot',
    eventKind: kinds[0] ?? '',
    // A measure reading one source only would not count an entry from another.
    source: select.source ?? HAND_ENTRY_SOURCE,
    register: null,
    valueAttribute,
    fields: fieldsOf(open.filter((c) => !Object.hasOwn(fixed, c.attribute))),
    fixed,
    selector: select,
  };
}

/**
 * The event an entry typed by hand stands for, with an id derived from what identifies it, so that a double submit is
 * a duplicate and a second entry of the same thing a correction: a register entry by its register and number, a
 * snapshot by its date and the attributes that tell its indicator apart (one value a day). It happens at noon of its
 * local date. Throws a UserError naming the field.
 */
export function handEntryEventOf(form: HandEntryForm, input: HandEntryInput, context: { timeZone: string; recordedBy: string }): MeasureEvent {
  const date = input.date.trim();
  try {
    parseLocalDate(date);
  } catch {
    throw new UserError(`"${date}" is not a date written YYYY-MM-DD`, { field: 'date' });
  }
  const attributes: Record<string, AttributeValue> = { ...form.fixed };
  for (const field of form.fields) {
    const text = (input.attributes[field.attribute] ?? '').trim();
    if (text !== '') attributes[field.attribute] = readValue(text, field.type, field.attribute);
  }
  const evidence = checkedText(input.evidence, EVIDENCE);
  if (evidence !== '') attributes[EVIDENCE] = evidence;
  attributes[RECORDED_BY] = context.recordedBy;
  const occurredAt = instantOf(date, '12:00', context.timeZone);

  if (form.kind === 'register') {
    const subject = checkedText(input.subject, 'subject');
    if (subject === '') throw new UserError('a register entry needs its number, e.g. "INT-7"', { field: 'subject' });
    return { id: `${form.register ?? ''}:${subject}`, source: form.source, kind: form.eventKind, subject, occurredAt, attributes };
  }
  const valueAttribute = form.valueAttribute ?? 'value';
  const valueText = input.value.trim();
  if (valueText === '') throw new UserError('a value is needed', { field: 'value' });
  attributes[valueAttribute] = readValue(valueText, 'number', 'value');
  const telling = Object.keys(attributes)
    .filter((name) => name !== valueAttribute && name !== EVIDENCE && name !== RECORDED_BY)
    .sort()
    .map((name) => `;${name}=${String(attributes[name])}`)
    .join('');
  return { id: `${form.eventKind}:${date}${telling}`, source: form.source, kind: form.eventKind, subject: null, occurredAt, attributes };
}

function fieldsOf(conditions: readonly Condition[]): HandEntryField[] {
  const byAttribute = new Map<string, HandEntryField>();
  for (const condition of conditions) {
    const field = byAttribute.get(condition.attribute) ?? { attribute: condition.attribute, type: 'text', suggestions: [] };
    byAttribute.set(condition.attribute, field);
    const values = condition.value === undefined ? [] : Array.isArray(condition.value) ? condition.value : [condition.value];
    for (const value of values) {
      if (value === null) continue;
      if (typeof value === 'boolean') field.type = 'boolean';
      else if (typeof value === 'number' && field.type === 'text') field.type = 'number';
      if (condition.op !== 'exists' && !field.suggestions.includes(String(value))) field.suggestions.push(String(value));
    }
  }
  return [...byAttribute.values()];
}

/** Text typed in a field as the attribute's type: a number also with a decimal comma, a boolean as true/false (sì/no). */
function readValue(text: string, type: HandEntryField['type'], field: string): AttributeValue {
  if (type === 'number') {
    const n = Number(text.replace(',', '.'));
    if (text.includes(' ') || !Number.isFinite(n)) throw new UserError(`"${text}" is not a number`, { field });
    return n;
  }
  if (type === 'boolean') {
    const lower = text.toLowerCase();
    if (['true', 'sì', 'si', 'yes'].includes(lower)) return true;
    if (['false', 'no'].includes(lower)) return false;
    throw new UserError(`"${text}" is neither true nor false`, { field });
  }
  return checkedText(text, field);
}

function checkedText(text: string, field: string): string {
  const trimmed = text.trim();
  if (trimmed.length > MAX_TEXT) throw new UserError(`is ${trimmed.length} characters long; at most ${MAX_TEXT} are allowed`, { field });
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) throw new UserError('contains control characters', { field });
  return trimmed;
}
