import { addDays, daysBetween, daysInMonth, formatLocalDate, parseLocalDate } from '../calendar/index.ts';
import { normaliseEmail } from '../accounts/email.ts';
import { UserError } from '../shared/errors.ts';

/**
 * A diffida (d.lgs. 198/2009 art. 3 c.1): a citizen's formal notice to the organo of the administration that a
 * standard was not met. Its life: received → acknowledged (taken in charge) → outcome (with the measures taken) → closed.
 */
export type DiffidaState = 'received' | 'acknowledged' | 'outcome' | 'closed';

export const DIFFIDA_STATES: readonly DiffidaState[] = ['received', 'acknowledged', 'outcome', 'closed'];

/** What the administration concluded: the causes removed, removed in part, or the diffida found unfounded. */
export type DiffidaOutcome = 'remedied' | 'partly-remedied' | 'rejected';

export const DIFFIDA_OUTCOMES: readonly DiffidaOutcome[] = ['remedied', 'partly-remedied', 'rejected'];

/** The steps the back office records after receipt. */
export type DiffidaStep = Exclude<DiffidaState, 'received'>;

/** The days of a diffida, local dates ('YYYY-MM-DD') in the administration's time zone. */
export interface DiffidaTerms {
  receivedOn: string;
  /** The last day of the 90 the administration has to act. */
  deadline: string;
  /** The first day a ricorso per l'efficienza may be filed, if the administration did not act (or only in part). */
  ricorsoFrom: string;
  /** The last day of the one-year window for the ricorso (a peremptory term). */
  ricorsoUntil: string;
}

/** The days the administration has to act on a diffida. */
export const DIFFIDA_TERM_DAYS = 90;

/**
 * The terms of a diffida received on `receivedOn`. Art. 3 c.1 d.lgs. 198/2009 gives the administration "novanta
 * giorni" (calendar days, not working days: pa-framework.md, "Deadline arithmetic"), so the deadline is D + 90; per
 * art. 3 c.2 the ricorso may follow once those days have passed, within the peremptory term of one year from their
 * end: until (D + 90) + 1 year. A year is counted as art. 2963 c.c. counts it: the same day of the month a year
 * later, the last day of February when that day does not exist (29 February).
 */
export function diffidaTermsOf(receivedOn: string): DiffidaTerms {
  const deadline = addDays(receivedOn, DIFFIDA_TERM_DAYS);
  return { receivedOn, deadline, ricorsoFrom: addDays(deadline, 1), ricorsoUntil: addYears(deadline, 1) };
}

/** `date` plus whole years; a 29 February becomes the 28th in a year without one. */
export function addYears(date: string, years: number): string {
  const { year, month, day } = parseLocalDate(date);
  const target = year + years;
  return formatLocalDate(target, month, Math.min(day, daysInMonth(target, month)));
}

/** Days from `today` to `deadline`: 0 on the deadline itself, negative once it has passed. */
export function daysLeftOf(today: string, deadline: string): number {
  return daysBetween(today, deadline);
}

/** Whether the administration still owes an answer: no outcome recorded and not closed. */
export function isAwaitingOutcome(state: DiffidaState): boolean {
  return state === 'received' || state === 'acknowledged';
}

/** A diffida's number: "D-2026-0001", the year of receipt and its order in that year (more digits past 9999). */
export function formatDiffidaNumber(year: number, sequence: number): string {
  return `D-${year}-${String(sequence).padStart(4, '0')}`;
}

/** Whether text is a diffida number as formatDiffidaNumber writes it. */
export function isDiffidaNumber(text: string): boolean {
  return /^D-\d{4}-\d{4,}$/.test(text);
}

/** The fields of a diffida as a citizen sends it, before checks. */
export interface DiffidaRequest {
  service: string;
  /** The slug of the standard (indicator) not met; empty when the citizen names none in particular. */
  indicator: string;
  facts: string;
  claimantName: string;
  claimantEmail: string;
  consent: boolean;
}

export const DIFFIDA_LIMITS = { facts: 5000, name: 200 } as const;

/** A diffida request checked: trimmed texts, e-mail lower-cased. A UserError names the first field that fails. */
export function checkDiffidaRequest(request: DiffidaRequest): DiffidaRequest {
  const facts = request.facts.trim();
  const claimantName = request.claimantName.trim();
  if (facts === '') throw new UserError('describe the facts: what happened, when, and which standard was not met', { field: 'facts' });
  if (facts.length > DIFFIDA_LIMITS.facts) throw new UserError(`the facts take at most ${DIFFIDA_LIMITS.facts} characters`, { field: 'facts' });
  if (claimantName === '') throw new UserError('give your name and surname', { field: 'claimantName' });
  if (claimantName.length > DIFFIDA_LIMITS.name) throw new UserError(`the name takes at most ${DIFFIDA_LIMITS.name} characters`, { field: 'claimantName' });
  const claimantEmail = normaliseEmail(request.claimantEmail, 'claimantEmail');
  if (!request.consent) throw new UserError('consent to the processing of personal data is needed to register a diffida', { field: 'consent' });
  return { ...request, service: request.service.trim(), indicator: request.indicator.trim(), facts, claimantName, claimantEmail };
}

/**
 * Whether the back office may record `step` on a diffida in `state`: taken in charge once, before its outcome; an
 * outcome once, with its measures; closed from any open state.
 */
export function checkDiffidaStep(state: DiffidaState, step: DiffidaStep): void {
  const allowed: Record<DiffidaStep, readonly DiffidaState[]> = {
    acknowledged: ['received'],
    outcome: ['received', 'acknowledged'],
    closed: ['received', 'acknowledged', 'outcome'],
  };
  if (!allowed[step].includes(state)) throw new UserError(`a diffida that is "${state}" cannot be marked "${step}"`, { field: 'step' });
}

/**
 * The first day the personal data of a diffida may be erased: `retentionYears` after its receipt
 * (MISURA_DIFFIDA_RETENTION_YEARS, what the privacy notice promises), and never while a ricorso per l'efficienza may
 * still be filed on it (until the end of its one-year window).
 */
export function erasableFromOf(terms: DiffidaTerms, retentionYears: number): string {
  const retained = addYears(terms.receivedOn, retentionYears);
  const afterRicorso = addDays(terms.ricorsoUntil, 1);
  return retained > afterRicorso ? retained : afterRicorso;
}

/**
 * Whether a diffida's personal data are due for erasure on `today`: past their retention, and the diffida settled (an
 * outcome recorded, or closed). One still awaiting an outcome is a proceeding under way: it is kept, and says so.
 */
export function isDueForErasure(diffida: { state: DiffidaState; terms: DiffidaTerms }, today: string, retentionYears: number): boolean {
  return !isAwaitingOutcome(diffida.state) && today >= erasableFromOf(diffida.terms, retentionYears);
}

/** One diffida as the queue and reminders read it. */
export interface DiffidaDue {
  number: string;
  state: DiffidaState;
  terms: DiffidaTerms;
}

/**
 * The diffide still awaiting an outcome whose deadline is within `withinDays` of `today`, or past: the reminders'
 * list, most urgent first.
 */
export function selectDueDiffide<T extends DiffidaDue>(diffide: readonly T[], today: string, withinDays: number): T[] {
  return diffide
    .filter((diffida) => isAwaitingOutcome(diffida.state) && daysLeftOf(today, diffida.terms.deadline) <= withinDays)
    .sort((a, b) => a.terms.deadline.localeCompare(b.terms.deadline) || a.number.localeCompare(b.number));
}
