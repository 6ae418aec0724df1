import { parseEuroAmount } from '../shared/euro-amount.ts';
import { findEmailAddresses } from '../cards/channels-from-text.ts';
import type { Link, RichText, Service } from '../cards/card.ts';

// A service's card says who it is, who runs it and whom to send a diffida; the quality office corrects and completes
// that in the back office (the card is an adopted act, re-imported every year; a PEC address changes in between), and
// adds what cards never say: how to complain and whether an indemnity is paid. A field left empty falls back to the card.

/** What the back office may set about a service; null: not set, the card's value (if any) stands. */
export interface ServiceProfile {
  name: string | null;
  office: string | null;
  /** Channels and hours in words, shown instead of the card's list (measures keep the card's channels and hours). */
  channelsText: string | null;
  /** The organo cui notificare la diffida (art. 3 c.1 d.lgs. 198/2009). */
  diffidaBody: string | null;
  diffidaPec: string | null;
  /** How the administration handles a diffida, in its own words. */
  diffidaProcedure: string | null;
  webAddress: string | null;
  /** How and where to complain (reclamo). */
  complaintHow: string | null;
  /** Days within which a complaint is answered. */
  complaintResponseDays: number | null;
  /** Euro cents; with the conditions, the indemnity; neither: "indennizzo non previsto". */
  indemnityAmountCents: number | null;
  indemnityConditions: string | null;
}

/** The form's fields, in the order the form shows them. */
export const PROFILE_FIELDS = [
  'name',
  'office',
  'channelsText',
  'webAddress',
  'diffidaBody',
  'diffidaPec',
  'diffidaProcedure',
  'complaintHow',
  'complaintResponseDays',
  'indemnityAmount',
  'indemnityConditions',
] as const;

export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** The profile as typed in the form, every field as text ('' when left empty). */
export type ProfileInput = Record<ProfileField, string>;

export type ProfileProblem = 'email' | 'url' | 'days' | 'amount' | 'too-long' | 'control-characters';

/** What is wrong with one field: the problem (pages word it in their language) and an English message for logs and the CLI. */
export interface ProfileFieldError {
  field: ProfileField;
  problem: ProfileProblem;
  message: string;
}

export const EMPTY_PROFILE: ServiceProfile = {
  name: null,
  office: null,
  channelsText: null,
  diffidaBody: null,
  diffidaPec: null,
  diffidaProcedure: null,
  webAddress: null,
  complaintHow: null,
  complaintResponseDays: null,
  indemnityAmountCents: null,
  indemnityConditions: null,
};

/** Longest text per field: a name is a line, the others a few paragraphs. */
const MAX_LENGTH: Record<ProfileField, number> = {
  name: 300,
  office: 300,
  channelsText: 4000,
  webAddress: 2000,
  diffidaBody: 1000,
  diffidaPec: 254,
  diffidaProcedure: 4000,
  complaintHow: 4000,
  complaintResponseDays: 10,
  indemnityAmount: 30,
  indemnityConditions: 4000,
};
/** A year: a complaint answered later than that is no standard anyone would publish. */
const MAX_RESPONSE_DAYS = 365;
/** One million euro, far above any indemnity, and within a 32-bit integer column (PostgreSQL's integer). */
const MAX_AMOUNT_CENTS = 1_000_000_00;

/** Checks the form's text and turns it into a profile; every field's problem at once, so the form can show them all. */
export function parseServiceProfile(input: ProfileInput): { profile: ServiceProfile; errors: [] } | { profile: null; errors: ProfileFieldError[] } {
  const errors: ProfileFieldError[] = [];
  const fail = (field: ProfileField, problem: ProfileProblem, message: string) => {
    errors.push({ field, problem, message: `field "${field}": ${message}` });
    return null;
  };
  const text = (field: ProfileField): string | null => {
    const value = input[field].trim().replace(/\r\n?/g, '\n');
    if (value === '') return null;
    if (value.length > MAX_LENGTH[field]) return fail(field, 'too-long', `is ${value.length} characters long; at most ${MAX_LENGTH[field]} are allowed`);
    // Line breaks and tabs are fine in the long texts; other control characters are never typed on purpose.
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(value)) return fail(field, 'control-characters', 'contains control characters');
    return value;
  };
  const oneLine = (field: ProfileField) => {
    const value = text(field);
    return value === null ? null : value.replace(/\s+/g, ' ');
  };

  const pec = oneLine('diffidaPec');
  if (pec !== null && !isEmailAddress(pec)) fail('diffidaPec', 'email', `"${pec}" is not an e-mail (PEC) address such as protocollo@pec.comune.example.it`);
  const web = oneLine('webAddress');
  if (web !== null && !isWebAddress(web)) fail('webAddress', 'url', `"${web}" is not a web address starting with https:// or http://`);
  const daysText = oneLine('complaintResponseDays');
  const days = daysText === null ? null : parseResponseDays(daysText);
  if (daysText !== null && days === null) fail('complaintResponseDays', 'days', `"${daysText}" is not a whole number of days from 1 to ${MAX_RESPONSE_DAYS}`);
  const amountText = oneLine('indemnityAmount');
  const cents = amountText === null ? null : parseEuroCents(amountText);
  if (amountText !== null && cents === null) fail('indemnityAmount', 'amount', `"${amountText}" is not an amount in euro such as 25 or 25,50`);

  const profile: ServiceProfile = {
    name: oneLine('name'),
    office: oneLine('office'),
    channelsText: text('channelsText'),
    diffidaBody: text('diffidaBody'),
    diffidaPec: pec,
    diffidaProcedure: text('diffidaProcedure'),
    webAddress: web,
    complaintHow: text('complaintHow'),
    complaintResponseDays: days,
    indemnityAmountCents: cents,
    indemnityConditions: text('indemnityConditions'),
  };
  return errors.length > 0 ? { profile: null, errors } : { profile, errors: [] };
}

/** The form's text of a stored profile: what the edit page fills its fields with. */
export function profileInputOf(profile: ServiceProfile): ProfileInput {
  return {
    name: profile.name ?? '',
    office: profile.office ?? '',
    channelsText: profile.channelsText ?? '',
    webAddress: profile.webAddress ?? '',
    diffidaBody: profile.diffidaBody ?? '',
    diffidaPec: profile.diffidaPec ?? '',
    diffidaProcedure: profile.diffidaProcedure ?? '',
    complaintHow: profile.complaintHow ?? '',
    complaintResponseDays: profile.complaintResponseDays === null ? '' : String(profile.complaintResponseDays),
    indemnityAmount: profile.indemnityAmountCents === null ? '' : formatEuroAmount(profile.indemnityAmountCents),
    indemnityConditions: profile.indemnityConditions ?? '',
  };
}

/** Whether the text looks like one e-mail address (a PEC address is one). */
export function isEmailAddress(text: string): boolean {
  return text.length <= 254 && /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:".]{2,}$/.test(text);
}

/** Whether the text is an absolute http(s) address with a host name. */
export function isWebAddress(text: string): boolean {
  if (!/^https?:\/\//i.test(text) || /\s/.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

function parseResponseDays(text: string): number | null {
  const match = /^(\d{1,3})(?:\s*(?:giorni|gg\.?|days))?$/i.exec(text);
  const days = match === null ? NaN : Number(match[1]);
  return Number.isInteger(days) && days >= 1 && days <= MAX_RESPONSE_DAYS ? days : null;
}

/** An indemnity as written ("25,50", "€ 1.250,00", "25.50 euro"; see parseEuroAmount), in cents; null when it is no positive amount. */
export function parseEuroCents(text: string): number | null {
  const parsed = parseEuroAmount(text, MAX_AMOUNT_CENTS);
  return parsed.kind === 'cents' && parsed.cents > 0 ? parsed.cents : null;
}

/** Cents as Italian documents write an amount: "25", "25,50", "1.250,00". */
export function formatEuroAmount(cents: number): string {
  const whole = Math.floor(cents / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const rest = cents % 100;
  return rest === 0 ? whole : `${whole},${String(rest).padStart(2, '0')}`;
}

/** The indemnity a profile states, or null: none provided ("indennizzo non previsto"). */
export interface Indemnity {
  amountCents: number | null;
  conditions: string | null;
}

/** How to complain and what is paid when a standard is not met. */
export interface ComplaintTerms {
  how: string | null;
  responseDays: number | null;
  indemnity: Indemnity | null;
}

/** What the public pages and documents show about a service: its card's values, overridden by the profile. */
export interface EffectiveServiceProfile {
  /** The card's service with the profile's name, office, web page and organo in their place. */
  service: Service;
  channelsText: string | null;
  diffida: { body: RichText; pec: string | null; procedure: string | null };
  complaints: ComplaintTerms;
  /** The fields the profile sets (the others are the card's). */
  overridden: ProfileField[];
}

/** The service as its card says it, with every field the profile sets in place of the card's. */
export function effectiveServiceProfile(card: Service, profile: ServiceProfile = EMPTY_PROFILE): EffectiveServiceProfile {
  const webAddress: Link | null = profile.webAddress === null ? card.webAddress : { text: profile.webAddress, href: profile.webAddress };
  const service: Service = {
    ...card,
    name: profile.name ?? card.name,
    office: profile.office ?? card.office,
    webAddress,
    diffidaBody: profile.diffidaBody === null ? card.diffidaBody : { text: profile.diffidaBody, links: [] },
  };
  const indemnity = profile.indemnityAmountCents === null && profile.indemnityConditions === null ? null : { amountCents: profile.indemnityAmountCents, conditions: profile.indemnityConditions };
  return {
    service,
    channelsText: profile.channelsText,
    diffida: { body: service.diffidaBody, pec: profile.diffidaPec ?? pecOfCard(card.diffidaBody), procedure: profile.diffidaProcedure },
    complaints: { how: profile.complaintHow, responseDays: profile.complaintResponseDays, indemnity },
    overridden: PROFILE_FIELDS.filter((field) => profileValue(profile, field) !== null),
  };
}

function profileValue(profile: ServiceProfile, field: ProfileField): unknown {
  return field === 'indemnityAmount' ? profile.indemnityAmountCents : profile[field];
}

/** The address the card gives beside its organo (a mailto link, or one written out), when it gives one. */
function pecOfCard(body: RichText): string | null {
  const mailto = body.links.find((link) => /^mailto:/i.test(link.href));
  if (mailto !== undefined) return mailto.href.replace(/^mailto:/i, '').split('?', 1)[0] ?? null;
  return findEmailAddresses(body.text)[0]?.address ?? null;
}

/** What the card itself says for each field the profile may set, as text ('' when the card says nothing): shown beside the form's fields. */
export function cardValuesOf(card: Service): ProfileInput {
  const effective = effectiveServiceProfile(card);
  return {
    name: card.name,
    office: card.office ?? '',
    channelsText: card.channels.map((channel) => (channel.address === null ? channel.label : `${channel.label}: ${channel.address}`)).join('; '),
    webAddress: card.webAddress?.href ?? '',
    diffidaBody: card.diffidaBody.text,
    diffidaPec: effective.diffida.pec ?? '',
    diffidaProcedure: '',
    complaintHow: '',
    complaintResponseDays: '',
    indemnityAmount: '',
    indemnityConditions: '',
  };
}
