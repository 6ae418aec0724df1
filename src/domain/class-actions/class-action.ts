import { findPersonalData, type PersonalDataKind } from './personal-data.ts';

// A ricorso per l'efficienza (d.lgs. 198/2009) and what the PA must publish of it: the notice of the ricorso (art. 1
// c.2), the sentence (art. 4 c.2) and the measures taken to comply (art. 4 c.6). Everything here ends up on a public
// page, so the texts are checked for obvious personal data before anything is stored.

/** The fields of a case a correction may change: everything recorded but the status. */
export const CORRECTABLE_FIELDS = ['serviceSlug', 'court', 'caseNumber', 'filedOn', 'subject'] as const;

export const CLASS_ACTION_STATUSES = ['notified', 'decided', 'complied', 'closed'] as const;
export type ClassActionStatus = (typeof CLASS_ACTION_STATUSES)[number];

export const PUBLICATION_KINDS = ['notice', 'sentence', 'measures'] as const;
export type PublicationKind = (typeof PUBLICATION_KINDS)[number];

/** A case as recorded: the service it concerns (optional: a ricorso may concern several), where and when it was filed. */
export interface ClassActionCase {
  serviceSlug: string | null;
  court: string;
  /** The court's number of the case (numero di ruolo generale, "RG 1234/2026"), when known. */
  caseNumber: string | null;
  /** YYYY-MM-DD. */
  filedOn: string;
  /** What the ricorso is about, in a sentence. */
  subject: string;
  status: ClassActionStatus;
}

export interface ClassActionPublication {
  kind: PublicationKind;
  /** YYYY-MM-DD: the day it was published (or the sentence delivered). */
  publishedOn: string;
  text: string;
  /** A link to the document (the sentence, the act adopting the measures), https or http. */
  documentUrl: string | null;
}

export type CaseField = 'service' | 'court' | 'caseNumber' | 'filedOn' | 'subject' | 'status';
export type PublicationField = 'kind' | 'publishedOn' | 'text' | 'documentUrl';

/** The forms' text, '' when left empty. */
export type CaseInput = Record<CaseField, string>;
export type PublicationInput = Record<PublicationField, string>;

export type FieldProblem = 'required' | 'too-long' | 'control-characters' | 'date' | 'future-date' | 'choice' | 'url' | 'personal-data';

/** What is wrong with one field: the problem (pages word it in their language) and an English message for logs and the CLI. */
export interface FieldError<F extends string = string> {
  field: F;
  problem: FieldProblem;
  message: string;
  /** For 'personal-data': what was found, so the page can say what to remove. */
  found?: { kind: PersonalDataKind; text: string }[];
}

const MAX_LENGTH: Record<CaseField | PublicationField, number> = {
  service: 200,
  court: 300,
  caseNumber: 100,
  filedOn: 10,
  subject: 500,
  status: 20,
  kind: 20,
  publishedOn: 10,
  text: 10_000,
  documentUrl: 2000,
};

/** A calendar date written YYYY-MM-DD (not 2026-02-30). */
export function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 2000 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isWebAddress(text: string): boolean {
  if (!/^https?:\/\//i.test(text) || /\s/.test(text)) return false;
  try {
    return new URL(text).hostname !== '';
  } catch {
    return false;
  }
}

const PERSONAL_DATA_WORDS: Record<PersonalDataKind, string> = {
  email: 'an e-mail address',
  'tax-code': 'a codice fiscale',
  phone: 'a phone number',
};

/** A field reader sharing one error list: the parsers below check every field and report all problems at once. */
function fieldReader<F extends CaseField | PublicationField>(input: Record<F, string>, errors: FieldError<F>[]) {
  const fail = (field: F, problem: FieldProblem, message: string, found?: FieldError['found']): null => {
    errors.push({ field, problem, message: `field "${field}": ${message}`, ...(found === undefined ? {} : { found }) });
    return null;
  };
  const text = (field: F, options: { required?: boolean; multiline?: boolean; published?: boolean } = {}): string | null => {
    let value = input[field].trim().replace(/\r\n?/g, '\n');
    if (!options.multiline) value = value.replace(/\s+/g, ' ');
    if (value === '') return options.required ? fail(field, 'required', 'is required') : null;
    if (value.length > MAX_LENGTH[field]) return fail(field, 'too-long', `is ${value.length} characters long; at most ${MAX_LENGTH[field]} are allowed`);
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(value)) return fail(field, 'control-characters', 'contains control characters');
    if (options.published) {
      const found = findPersonalData(value);
      if (found.length > 0) {
        const what = found.map((f) => `${PERSONAL_DATA_WORDS[f.kind]} ("${f.text}")`).join(', ');
        return fail(field, 'personal-data', `contains ${what}: remove it, this text is published on a public page`, found);
      }
    }
    return value;
  };
  const date = (field: F, today: string | undefined): string | null => {
    const value = text(field, { required: true });
    if (value === null) return null;
    if (!isIsoDate(value)) return fail(field, 'date', `"${value}" is not a date written YYYY-MM-DD, such as 2026-03-15`);
    if (today !== undefined && value > today) return fail(field, 'future-date', `${value} is after today (${today})`);
    return value;
  };
  return { fail, text, date };
}

/** Checks the case form's text; every field's problem at once. `today` (YYYY-MM-DD) refuses a ricorso filed later. */
export function parseClassActionCase(input: CaseInput, today?: string): { value: ClassActionCase; errors: [] } | { value: null; errors: FieldError<CaseField>[] } {
  const errors: FieldError<CaseField>[] = [];
  const read = fieldReader(input, errors);
  const serviceSlug = read.text('service');
  const court = read.text('court', { required: true, published: true });
  const caseNumber = read.text('caseNumber', { published: true });
  const filedOn = read.date('filedOn', today);
  const subject = read.text('subject', { required: true, published: true });
  const statusText = read.text('status') ?? 'notified';
  const status = CLASS_ACTION_STATUSES.find((s) => s === statusText);
  if (status === undefined) read.fail('status', 'choice', `"${statusText}" is not one of ${CLASS_ACTION_STATUSES.join(', ')}`);
  if (errors.length > 0 || court === null || filedOn === null || subject === null || status === undefined) return { value: null, errors };
  return { value: { serviceSlug, court, caseNumber, filedOn, subject, status }, errors: [] };
}

/** Checks the publication form's text; every field's problem at once. `today` (YYYY-MM-DD) refuses a later date. */
export function parseClassActionPublication(
  input: PublicationInput,
  today?: string,
): { value: ClassActionPublication; errors: [] } | { value: null; errors: FieldError<PublicationField>[] } {
  const errors: FieldError<PublicationField>[] = [];
  const read = fieldReader(input, errors);
  const kindText = read.text('kind', { required: true });
  const kind = PUBLICATION_KINDS.find((k) => k === kindText);
  if (kindText !== null && kind === undefined) read.fail('kind', 'choice', `"${kindText}" is not one of ${PUBLICATION_KINDS.join(', ')}`);
  const publishedOn = read.date('publishedOn', today);
  const text = read.text('text', { required: true, multiline: true, published: true });
  const documentUrl = read.text('documentUrl');
  if (documentUrl !== null && !isWebAddress(documentUrl)) read.fail('documentUrl', 'url', `"${documentUrl}" is not a web address starting with https:// or http://`);
  if (errors.length > 0 || kind === undefined || publishedOn === null || text === null) return { value: null, errors };
  return { value: { kind, publishedOn, text, documentUrl }, errors: [] };
}

/**
 * The status a case moves to when a publication is added: a sentence decides it, compliance measures comply with it.
 * It never moves back (a late notice does not reopen a decided case), and a closed case stays closed.
 */
export function statusAfterPublication(status: ClassActionStatus, kind: PublicationKind): ClassActionStatus {
  const reached: ClassActionStatus = kind === 'sentence' ? 'decided' : kind === 'measures' ? 'complied' : 'notified';
  return CLASS_ACTION_STATUSES.indexOf(reached) > CLASS_ACTION_STATUSES.indexOf(status) ? reached : status;
}
