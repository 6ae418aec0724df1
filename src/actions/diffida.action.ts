import type { Actor } from '../domain/accounts/actor.ts';
import { describeActor } from '../domain/accounts/actor.ts';
import { localDateOf } from '../domain/calendar/index.ts';
import type { Indicator } from '../domain/cards/card.ts';
import {
  checkDiffidaRequest,
  checkDiffidaStep,
  daysLeftOf,
  diffidaTermsOf,
  erasableFromOf,
  isDueForErasure,
  DIFFIDA_OUTCOMES,
  isAwaitingOutcome,
  isDiffidaNumber,
  selectDueDiffide,
  type DiffidaOutcome,
  type DiffidaRequest,
  type DiffidaState,
  type DiffidaStep,
  type DiffidaTerms,
} from '../domain/diffide/diffida.ts';
import { composeOfficeNotice, composeReceiptMail, composeReminder, composeStepMail, type DiffidaMailFacts } from '../domain/diffide/diffida-mail.ts';
import { UserError } from '../domain/shared/errors.ts';
import { slugify } from '../domain/shared/slug.ts';
import type { Database } from '../storage/database.ts';
import type { Queryable } from '../storage/schema.ts';
import { listAccounts } from '../storage/repositories/account.repository.ts';
import { appendAuditRecord } from '../storage/repositories/audit-log.repository.ts';
import { listCards } from '../storage/repositories/card.repository.ts';
import {
  eraseDiffidaPersonalData,
  findDiffidaByNumber,
  insertDiffida,
  listDiffidaHistory,
  listDiffide as listStoredDiffide,
  recordDiffidaStep as recordStoredStep,
  takeDiffidaNumber,
  type StoredDiffida,
  type StoredDiffidaStep,
} from '../storage/repositories/diffida.repository.ts';
import { findServicesByIds, findServicesBySlugs } from '../storage/repositories/service.repository.ts';
import { nowOf } from './account-deps.ts';
import { findDiffidaRecipient, pickCardInForce, type DiffidaRecipient } from './diffida-recipient.ts';
import type { MailOutbox } from './mail-outbox.ts';

/** What the diffida actions need: the database, the clock, the administration's time zone and the mail outbox. */
export interface DiffidaDeps {
  database: Database;
  now?: () => Date;
  timeZone: string;
  mail: MailOutbox;
  /** MISURA_BASE_URL: links in e-mails are absolute on it; without it they are site paths (development). */
  baseUrl?: string | null;
}

/** Who receives a diffida sent through the public form. */
const PUBLIC_FORM: Actor = { kind: 'system', name: 'diffida-form' };

/** What the citizen is shown once the diffida is registered: nothing personal, so the page may be seen by anyone with the number. */
export interface DiffidaReceipt {
  number: string;
  serviceSlug: string;
  serviceName: string;
  standardText: string | null;
  organo: string;
  organoPec: string | null;
  /** UTC instant. */
  receivedAt: string;
  terms: DiffidaTerms;
}

/** One diffida in the back office: what was sent, its terms, days left, state and outcome. */
export interface DiffidaListing extends DiffidaReceipt {
  indicatorSlug: string | null;
  facts: string;
  claimantName: string;
  claimantEmail: string;
  state: DiffidaState;
  outcome: DiffidaOutcome | null;
  measures: string | null;
  /** Days to the deadline from today: 0 on it, negative past it. */
  daysLeft: number;
  /** Past the deadline with no outcome recorded. */
  overdue: boolean;
  /** When the claimant's data, the facts and the notes were erased at the end of their retention (UTC); null while kept. */
  personalDataErasedAt: string | null;
}

export interface DiffidaDetail extends DiffidaListing {
  history: StoredDiffidaStep[];
}

/** The standard as a citizen reads it: its sub-dimension (or dimension), description and valore programmato. */
function standardTextOf(indicator: Indicator): string {
  const name = indicator.subdimension ?? indicator.dimension;
  return [name, indicator.description, indicator.target.text].filter((part) => part !== null && part !== '').join(' — ');
}

function localTimeText(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('it-IT', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(new Date(instant));
}

/**
 * Registers a diffida sent through the public form: checked, numbered ("D-2026-0001", from a per-year counter in the
 * same transaction), addressed to the organo of the card in force, audited without its personal data; then the
 * claimant gets the receipt by e-mail and the quality office a notice, in the background.
 */
export async function sendDiffida(deps: DiffidaDeps, input: DiffidaRequest): Promise<DiffidaReceipt> {
  const request = checkDiffidaRequest(input);
  const { db } = deps.database;
  const receivedAt = nowOf(deps);
  const receivedOn = localDateOf(new Date(receivedAt), deps.timeZone);
  const year = Number(receivedOn.slice(0, 4));
  const [service] = await findServicesBySlugs(db, [...new Set([request.service, slugify(request.service)])]);
  if (service === undefined) throw new UserError(`unknown service "${request.service}"`, { field: 'service' });
  const card = pickCardInForce(await listCards(db, { serviceIds: [service.id], statuses: ['published'] }), year);
  let indicator: Indicator | undefined;
  if (request.indicator !== '') {
    indicator = card?.card.indicators.find((candidate) => candidate.slug === request.indicator);
    if (indicator === undefined) throw new UserError(`the card in force has no standard "${request.indicator}"`, { field: 'indicator' });
  }
  const recipient = await findDiffidaRecipient(db, service.id, year);
  const stored = await db.transaction().execute(async (trx) => {
    const number = await takeDiffidaNumber(trx, year);
    const diffida = await insertDiffida(
      trx,
      number,
      {
        serviceId: service.id,
        editionKey: card?.editionKey ?? null,
        indicatorSlug: indicator?.slug ?? null,
        standardText: indicator === undefined ? null : standardTextOf(indicator),
        facts: request.facts,
        claimantName: request.claimantName,
        claimantEmail: request.claimantEmail,
        organo: recipient.organo,
        organoPec: recipient.pec,
        receivedAt,
        receivedOn,
      },
      describeActor(PUBLIC_FORM),
    );
    // The audit log is a chain that is never rewritten: it keeps no personal data (facts, name, e-mail).
    await appendAuditRecord(trx, PUBLIC_FORM, { action: 'diffida.receive', entityType: 'diffida', entityKey: number, before: null, after: { service: service.service.slug, indicator: indicator?.slug ?? null, state: 'received', receivedOn } }, receivedAt);
    return diffida;
  });
  const listing = toListing(stored, service.service.slug, service.service.name, receivedOn);
  const facts = mailFactsOf(listing, deps.timeZone);
  deps.mail.post({ to: [stored.claimantEmail], ...composeReceiptMail(facts) }, `receipt of diffida ${stored.number}`);
  deps.mail.post({ to: await officeAddresses(db), ...composeOfficeNotice(facts, `${deps.baseUrl ?? ''}/admin/diffide/scheda?numero=${encodeURIComponent(stored.number)}`) }, `quality office's notice of diffida ${stored.number}`);
  return receiptOf(listing);
}

/** To whom a diffida about this service goes today (the service page shows it, with the model text). */
export async function findServiceDiffidaRecipient(deps: DiffidaDeps, serviceSlug: string): Promise<DiffidaRecipient> {
  const { db } = deps.database;
  const [service] = await findServicesBySlugs(db, [serviceSlug]);
  if (service === undefined) throw new UserError(`unknown service "${serviceSlug}"`, { field: 'service' });
  const year = Number(localDateOf(deps.now?.() ?? new Date(), deps.timeZone).slice(0, 4));
  return findDiffidaRecipient(db, service.id, year);
}

/** The receipt of a diffida by its number (the public receipt page); undefined when there is none. */
export async function findDiffidaReceipt(deps: DiffidaDeps, number: string): Promise<DiffidaReceipt | undefined> {
  const found = await findDiffidaDetail(deps, number);
  return found === undefined ? undefined : receiptOf(found);
}

/** Every diffida (only those awaiting an outcome with `open`), with its terms and days left today, oldest first. */
export async function listDiffide(deps: DiffidaDeps, filter: { open?: boolean } = {}): Promise<DiffidaListing[]> {
  const { db } = deps.database;
  const stored = await listStoredDiffide(db, filter.open === true ? { states: ['received', 'acknowledged'] } : {});
  const services = new Map((await findServicesByIds(db, [...new Set(stored.map((d) => d.serviceId))])).map((s) => [s.id, s.service]));
  const today = localDateOf(deps.now?.() ?? new Date(), deps.timeZone);
  return stored.map((diffida) => {
    const service = services.get(diffida.serviceId);
    return toListing(diffida, service?.slug ?? '', service?.name ?? '', today);
  });
}

/** The diffide received in `year` (the local day of receipt): the service and the standard each names, nothing personal. */
export async function listDiffideOfYear(deps: DiffidaDeps, year: number): Promise<{ serviceSlug: string; indicatorSlug: string | null }[]> {
  const prefix = `${year}-`;
  return (await listDiffide(deps)).filter((d) => d.terms.receivedOn.startsWith(prefix)).map((d) => ({ serviceSlug: d.serviceSlug, indicatorSlug: d.indicatorSlug }));
}

/** One diffida with its history, or undefined. */
export async function findDiffidaDetail(deps: DiffidaDeps, number: string): Promise<DiffidaDetail | undefined> {
  if (!isDiffidaNumber(number)) return undefined;
  const { db } = deps.database;
  const stored = await findDiffidaByNumber(db, number);
  if (stored === undefined) return undefined;
  const [service] = await findServicesByIds(db, [stored.serviceId]);
  const today = localDateOf(deps.now?.() ?? new Date(), deps.timeZone);
  return { ...toListing(stored, service?.service.slug ?? '', service?.service.name ?? '', today), history: await listDiffidaHistory(db, stored.id) };
}

/** The diffide awaiting an outcome whose deadline is within `withinDays` days, or past: most urgent first. */
export async function listDueDiffide(deps: DiffidaDeps, withinDays: number): Promise<DiffidaListing[]> {
  if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > 90) throw new UserError(`the days ahead must be a whole number from 0 to 90, got ${withinDays}`, { field: 'days' });
  const today = localDateOf(deps.now?.() ?? new Date(), deps.timeZone);
  return selectDueDiffide(await listDiffide(deps, { open: true }), today, withinDays);
}

export interface DiffidaStepInput {
  number: string;
  step: DiffidaStep;
  /** Required with the outcome. */
  outcome?: DiffidaOutcome;
  /** The measures taken; required with an outcome other than "rejected". */
  measures?: string;
  note?: string;
}

/**
 * Records a step of a diffida (taken in charge, outcome with the measures taken, closed), audited with the state
 * before and after; the claimant is told by e-mail.
 */
export async function recordDiffidaStep(deps: DiffidaDeps, actor: Actor, input: DiffidaStepInput): Promise<DiffidaDetail> {
  const number = input.number.trim();
  const note = input.note?.trim() || null;
  const measures = input.measures?.trim() || undefined;
  if (input.step === 'outcome') {
    if (input.outcome === undefined || !DIFFIDA_OUTCOMES.includes(input.outcome)) throw new UserError('choose the outcome', { field: 'outcome' });
    if (input.outcome !== 'rejected' && measures === undefined) throw new UserError('describe the measures taken', { field: 'measures' });
  }
  const at = nowOf(deps);
  const { db } = deps.database;
  await db.transaction().execute(async (trx) => {
    const stored = isDiffidaNumber(number) ? await findDiffidaByNumber(trx, number) : undefined;
    if (stored === undefined) throw new UserError(`no diffida is numbered "${input.number}"`, { field: 'number' });
    checkDiffidaStep(stored.state, input.step);
    const change = {
      step: input.step,
      at,
      actor: describeActor(actor),
      note,
      ...(input.step === 'outcome' ? { outcome: input.outcome!, ...(measures === undefined ? {} : { measures }) } : {}),
    };
    if (!(await recordStoredStep(trx, stored.id, stored.state, change))) throw new UserError(`diffida ${number} was changed meanwhile: reload it`, { field: 'number' });
    await appendAuditRecord(
      trx,
      actor,
      {
        action: `diffida.${input.step === 'acknowledged' ? 'acknowledge' : input.step === 'outcome' ? 'outcome' : 'close'}`,
        entityType: 'diffida',
        entityKey: number,
        before: { state: stored.state, outcome: stored.outcome, measures: stored.measures },
        // The note to the claimant may name them, and the chain is never rewritten: it records that a note was
        // written; the text lives in the diffida's history, erased with the rest at the end of its retention.
        after: { state: input.step, outcome: change.outcome ?? stored.outcome, measures: change.measures ?? stored.measures, noteWritten: note !== null },
      },
      at,
    );
  });
  const detail = await findDiffidaDetail(deps, number);
  if (detail === undefined) throw new Error(`diffida ${number} vanished after its step`);
  const mail = composeStepMail(mailFactsOf(detail, deps.timeZone), input.step, { outcome: detail.outcome, measures: detail.measures, note });
  // Once erased at the end of its retention, there is nobody left to tell.
  deps.mail.post({ to: detail.personalDataErasedAt === null ? [detail.claimantEmail] : [], ...mail }, `${input.step} of diffida ${number} to its claimant`);
  return detail;
}

/** Mails the quality office the diffide due within `withinDays` days or overdue; nothing when none is. */
export async function remindDiffide(deps: DiffidaDeps, withinDays: number): Promise<{ due: DiffidaListing[]; recipients: number; sent: boolean }> {
  const due = await listDueDiffide(deps, withinDays);
  if (due.length === 0) return { due, recipients: 0, sent: false };
  const to = await officeAddresses(deps.database.db);
  const mail = composeReminder(due.map((d) => ({ number: d.number, serviceName: d.serviceName, deadline: d.terms.deadline, daysLeft: d.daysLeft })), withinDays);
  const sent = await deps.mail.sendNow({ to, ...mail }, `reminder of ${due.length} diffide`);
  return { due, recipients: to.length, sent };
}

/** What the retention of diffide did, or would do with `dryRun`. */
export interface DiffidaErasure {
  /** Erased now (or due, with `dryRun`), oldest first. */
  erased: { number: string; receivedOn: string; erasableFrom: string }[];
  /** Past their retention but still awaiting an outcome: kept, as a proceeding under way. */
  keptOpen: { number: string; receivedOn: string; erasableFrom: string }[];
}

/**
 * Erases the personal data of the diffide past their retention (`retentionYears` from receipt, never before the
 * ricorso window closes; see isDueForErasure), each in its own transaction with an audit record that holds no personal
 * data. Idempotent: a diffida already erased is not touched again. Run daily, as `misura diffide erase-expired`.
 */
export async function eraseExpiredDiffide(deps: DiffidaDeps, actor: Actor, options: { retentionYears: number; dryRun?: boolean }): Promise<DiffidaErasure> {
  const { retentionYears } = options;
  if (!Number.isInteger(retentionYears) || retentionYears < 1) throw new UserError(`the retention must be a whole number of years from 1, got ${retentionYears}`, { field: 'MISURA_DIFFIDA_RETENTION_YEARS' });
  const { db } = deps.database;
  const today = localDateOf(deps.now?.() ?? new Date(), deps.timeZone);
  const kept = (await listStoredDiffide(db)).filter((diffida) => diffida.personalDataErasedAt === null);
  const summaryOf = (diffida: StoredDiffida) => ({ number: diffida.number, receivedOn: diffida.receivedOn, erasableFrom: erasableFromOf(diffidaTermsOf(diffida.receivedOn), retentionYears) });
  const due = kept.filter((diffida) => isDueForErasure({ state: diffida.state, terms: diffidaTermsOf(diffida.receivedOn) }, today, retentionYears));
  const keptOpen = kept.filter((diffida) => isAwaitingOutcome(diffida.state) && today >= summaryOf(diffida).erasableFrom);
  const erased: DiffidaErasure['erased'] = [];
  for (const diffida of due) {
    if (options.dryRun !== true) {
      const at = nowOf(deps);
      const done = await db.transaction().execute(async (trx) => {
        if (!(await eraseDiffidaPersonalData(trx, diffida.id, at))) return false;
        await appendAuditRecord(trx, actor, { action: 'diffida.erase-personal-data', entityType: 'diffida', entityKey: diffida.number, before: null, after: { retentionYears, erasedOn: today } }, at);
        return true;
      });
      // Another instance erased it meanwhile: it is not this run's to report.
      if (!done) continue;
    }
    erased.push(summaryOf(diffida));
  }
  return { erased, keptOpen: keptOpen.map(summaryOf) };
}

/** The quality office's addresses: its enabled accounts, else the administrators' (someone must hear of a diffida). */
async function officeAddresses(db: Queryable): Promise<string[]> {
  const enabled = (await listAccounts(db)).filter((account) => account.disabledAt === null);
  const office = enabled.filter((account) => account.role === 'quality-office');
  return (office.length > 0 ? office : enabled.filter((account) => account.role === 'admin')).map((account) => account.email);
}

function toListing(stored: StoredDiffida, serviceSlug: string, serviceName: string, today: string): DiffidaListing {
  const terms = diffidaTermsOf(stored.receivedOn);
  const daysLeft = daysLeftOf(today, terms.deadline);
  return {
    number: stored.number,
    serviceSlug,
    serviceName,
    standardText: stored.standardText,
    organo: stored.organo,
    organoPec: stored.organoPec,
    receivedAt: stored.receivedAt,
    terms,
    indicatorSlug: stored.indicatorSlug,
    facts: stored.facts,
    claimantName: stored.claimantName,
    claimantEmail: stored.claimantEmail,
    state: stored.state,
    outcome: stored.outcome,
    measures: stored.measures,
    daysLeft,
    overdue: isAwaitingOutcome(stored.state) && daysLeft < 0,
    personalDataErasedAt: stored.personalDataErasedAt,
  };
}

function receiptOf(listing: DiffidaReceipt): DiffidaReceipt {
  const { number, serviceSlug, serviceName, standardText, organo, organoPec, receivedAt, terms } = listing;
  return { number, serviceSlug, serviceName, standardText, organo, organoPec, receivedAt, terms };
}

function mailFactsOf(listing: DiffidaReceipt, timeZone: string): DiffidaMailFacts {
  return {
    number: listing.number,
    serviceName: listing.serviceName,
    standardText: listing.standardText,
    organo: listing.organo,
    organoPec: listing.organoPec,
    receivedLocal: localTimeText(listing.receivedAt, timeZone),
    terms: listing.terms,
  };
}
