import { describeActor, type Actor } from '../domain/accounts/actor.ts';
import { localDateOf } from '../domain/calendar/index.ts';
import {
  CLASS_ACTION_STATUSES,
  CORRECTABLE_FIELDS,
  parseClassActionCase,
  parseClassActionPublication,
  statusAfterPublication,
  type CaseInput,
  type FieldError,
  type PublicationInput,
} from '../domain/class-actions/class-action.ts';
import { UserError } from '../domain/shared/errors.ts';
import type { Database } from '../storage/database.ts';
import { appendAuditRecord } from '../storage/repositories/audit-log.repository.ts';
import { deleteClassActionPublication, findClassActionCases, insertClassActionCase, insertClassActionPublication, updateClassActionCase, updateClassActionStatus, type StoredClassActionCase } from '../storage/repositories/class-action.repository.ts';
import { bumpDataVersion } from '../storage/repositories/data-version.repository.ts';
import { findServicesBySlugs } from '../storage/repositories/service.repository.ts';
import { nowOf } from './account-deps.ts';

export type { StoredClassActionCase } from '../storage/repositories/class-action.repository.ts';

export interface ClassActionDeps {
  database: Database;
  /** The clock; tests pin it. */
  now?: () => Date;
  /** The administration's time zone: which day "today" is, so that no date after it is accepted. */
  timeZone?: string;
}

/** Every case with its publications, newest first, and when any of them last changed. */
export interface ClassActionListing {
  cases: StoredClassActionCase[];
  /** UTC instant of the latest case recorded or publication added; null when nothing was ever recorded. */
  lastChangeAt: string | null;
}

/** A form refused: every field's problem, so the form can show each beside its field. */
export class ClassActionValidationError extends UserError {
  constructor(readonly errors: readonly FieldError[]) {
    super(errors.map((e) => e.message).join('; '));
    this.name = 'ClassActionValidationError';
  }
}

function todayOf(deps: ClassActionDeps): string {
  return localDateOf(deps.now?.() ?? new Date(), deps.timeZone);
}

/** A case id as typed (a form field, a CLI argument): a positive whole number, else the field's error. */
function parseCaseId(text: string | number): number | FieldError {
  const id = typeof text === 'number' ? text : /^\s*\d{1,9}\s*$/.test(text) ? Number(text) : NaN;
  if (Number.isSafeInteger(id) && id > 0) return id;
  return String(text).trim() === ''
    ? { field: 'caseId', problem: 'required', message: 'field "caseId": choose the case the publication belongs to' }
    : { field: 'caseId', problem: 'choice', message: `field "caseId": "${text}" is not the number of a recorded case` };
}

/**
 * Records a ricorso per l'efficienza, all or nothing: refused with every field's problem (ClassActionValidationError,
 * personal data included), else stored with a "class-action.record" audit record in the same transaction. The data
 * version moves, so the public page's cached answers follow.
 */
export async function recordClassActionCase(deps: ClassActionDeps, actor: Actor, input: CaseInput): Promise<StoredClassActionCase> {
  const parsed = parseClassActionCase(input, todayOf(deps));
  if (parsed.value === null) throw new ClassActionValidationError(parsed.errors);
  const value = parsed.value;
  const now = nowOf(deps);
  return deps.database.db.transaction().execute(async (trx) => {
    if (value.serviceSlug !== null && (await findServicesBySlugs(trx, [value.serviceSlug])).length === 0) {
      throw new ClassActionValidationError([{ field: 'service', problem: 'choice', message: `field "service": no stored service is called "${value.serviceSlug}"` }]);
    }
    const id = await insertClassActionCase(trx, value, describeActor(actor), now);
    await appendAuditRecord(trx, actor, { action: 'class-action.record', entityType: 'class-action', entityKey: String(id), before: null, after: value }, now);
    await bumpDataVersion(trx);
    const [stored] = await findClassActionCases(trx, id);
    if (stored === undefined) throw new Error(`class-action case ${id} vanished in its own transaction`);
    return stored;
  });
}

/**
 * Adds a publication to a case (the notice, the sentence, the measures taken), all or nothing, audited as
 * "class-action.publish" with the case's status before and after: a sentence decides the case, measures comply with it.
 */
export async function addClassActionPublication(deps: ClassActionDeps, actor: Actor, input: PublicationInput & { caseId: string | number }): Promise<StoredClassActionCase> {
  const parsed = parseClassActionPublication(input, todayOf(deps));
  const caseId = parseCaseId(input.caseId);
  if (parsed.value === null || typeof caseId !== 'number') throw new ClassActionValidationError([...(typeof caseId === 'number' ? [] : [caseId]), ...parsed.errors]);
  const value = parsed.value;
  const now = nowOf(deps);
  return deps.database.db.transaction().execute(async (trx) => {
    const [before] = await findClassActionCases(trx, caseId);
    if (before === undefined) throw new ClassActionValidationError([{ field: 'caseId', problem: 'choice', message: `field "caseId": no case number ${caseId} is recorded` }]);
    const status = statusAfterPublication(before.status, value.kind);
    const id = await insertClassActionPublication(trx, caseId, value, status, describeActor(actor), now);
    await appendAuditRecord(
      trx,
      actor,
      { action: 'class-action.publish', entityType: 'class-action', entityKey: String(caseId), before: { status: before.status }, after: { publication: id, ...value, status } },
      now,
    );
    await bumpDataVersion(trx);
    const [after] = await findClassActionCases(trx, caseId);
    if (after === undefined) throw new Error(`class-action case ${caseId} vanished in its own transaction`);
    return after;
  });
}

/**
 * Sets a case's status by hand: "closed" when nothing more will be published, or a correction. Audited as
 * "class-action.status" with the status before and after; setting the status it already has changes nothing.
 */
export async function setClassActionStatus(deps: ClassActionDeps, actor: Actor, input: { caseId: string | number; status: string }): Promise<StoredClassActionCase> {
  const caseId = parseCaseId(input.caseId);
  const status = CLASS_ACTION_STATUSES.find((s) => s === input.status.trim());
  const errors: FieldError[] = typeof caseId === 'number' ? [] : [caseId];
  if (status === undefined) errors.push({ field: 'status', problem: 'choice', message: `field "status": "${input.status}" is not one of ${CLASS_ACTION_STATUSES.join(', ')}` });
  if (typeof caseId !== 'number' || status === undefined) throw new ClassActionValidationError(errors);
  const now = nowOf(deps);
  return deps.database.db.transaction().execute(async (trx) => {
    const [before] = await findClassActionCases(trx, caseId);
    if (before === undefined) throw new ClassActionValidationError([{ field: 'caseId', problem: 'choice', message: `field "caseId": no case number ${caseId} is recorded` }]);
    if (before.status === status) return before;
    await updateClassActionStatus(trx, caseId, status, now);
    await appendAuditRecord(trx, actor, { action: 'class-action.status', entityType: 'class-action', entityKey: String(caseId), before: { status: before.status }, after: { status } }, now);
    await bumpDataVersion(trx);
    return { ...before, status, updatedAt: now };
  });
}

/** The correction form: a case's fields as typed, without its status (set apart), and which case. */
export type CaseCorrectionInput = Omit<CaseInput, 'status'> & { caseId: string | number };

/**
 * Corrects a recorded case's own fields (a typo in the court or the number), checked as when recording it; its status
 * and publications stay. All or nothing, audited as "class-action.correct" with the fields that changed, before and
 * after; a correction that changes nothing changes nothing (no audit record, the data version stays).
 */
export async function correctClassActionCase(deps: ClassActionDeps, actor: Actor, input: CaseCorrectionInput): Promise<StoredClassActionCase> {
  const caseId = parseCaseId(input.caseId);
  const parsed = parseClassActionCase({ service: input.service, court: input.court, caseNumber: input.caseNumber, filedOn: input.filedOn, subject: input.subject, status: '' }, todayOf(deps));
  if (parsed.value === null || typeof caseId !== 'number') throw new ClassActionValidationError([...(typeof caseId === 'number' ? [] : [caseId]), ...parsed.errors]);
  const { status: _status, ...value } = parsed.value;
  const now = nowOf(deps);
  return deps.database.db.transaction().execute(async (trx) => {
    const [before] = await findClassActionCases(trx, caseId);
    if (before === undefined) throw new ClassActionValidationError([{ field: 'caseId', problem: 'choice', message: `field "caseId": no case number ${caseId} is recorded` }]);
    const changed = CORRECTABLE_FIELDS.filter((field) => before[field] !== value[field]);
    if (changed.length === 0) return before;
    if (changed.includes('serviceSlug') && value.serviceSlug !== null && (await findServicesBySlugs(trx, [value.serviceSlug])).length === 0) {
      throw new ClassActionValidationError([{ field: 'service', problem: 'choice', message: `field "service": no stored service is called "${value.serviceSlug}"` }]);
    }
    await updateClassActionCase(trx, caseId, value, now);
    await appendAuditRecord(
      trx,
      actor,
      {
        action: 'class-action.correct',
        entityType: 'class-action',
        entityKey: String(caseId),
        before: Object.fromEntries(changed.map((field) => [field, before[field]])),
        after: Object.fromEntries(changed.map((field) => [field, value[field]])),
      },
      now,
    );
    await bumpDataVersion(trx);
    return { ...before, ...value, updatedAt: now };
  });
}

/** The longest reason for withdrawing a publication. */
const MAX_REASON = 500;

/**
 * Withdraws a publication from the public page (a wrong text or document, or personal data that slipped through), with
 * the reason, audited as "class-action.withdraw" with what it was but not its text. The case's status stays: if the
 * publication had moved it, the office sets it again by hand.
 */
export async function withdrawClassActionPublication(deps: ClassActionDeps, actor: Actor, input: { publicationId: string | number; reason: string }): Promise<StoredClassActionCase> {
  const text = String(input.publicationId).trim();
  const publicationId = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
  const reason = input.reason.trim();
  const errors: FieldError[] = [];
  if (!(publicationId > 0)) {
    errors.push(text === '' ? { field: 'publicationId', problem: 'required', message: 'field "publicationId": choose the publication to withdraw' } : { field: 'publicationId', problem: 'choice', message: `field "publicationId": "${text}" is not the number of a publication` });
  }
  if (reason === '') errors.push({ field: 'reason', problem: 'required', message: 'field "reason": say why the publication is withdrawn' });
  else if (reason.length > MAX_REASON) errors.push({ field: 'reason', problem: 'too-long', message: `field "reason": at most ${MAX_REASON} characters` });
  if (errors.length > 0) throw new ClassActionValidationError(errors);
  const now = nowOf(deps);
  return deps.database.db.transaction().execute(async (trx) => {
    const withdrawn = await deleteClassActionPublication(trx, publicationId, now);
    if (withdrawn === undefined) throw new ClassActionValidationError([{ field: 'publicationId', problem: 'choice', message: `field "publicationId": no publication number ${publicationId} is recorded` }]);
    await appendAuditRecord(
      trx,
      actor,
      { action: 'class-action.withdraw', entityType: 'class-action', entityKey: String(withdrawn.caseId), before: { publication: withdrawn.id, kind: withdrawn.kind, publishedOn: withdrawn.publishedOn }, after: { reason } },
      now,
    );
    await bumpDataVersion(trx);
    const [after] = await findClassActionCases(trx, withdrawn.caseId);
    if (after === undefined) throw new Error(`class-action case ${withdrawn.caseId} vanished in its own transaction`);
    return after;
  });
}

/** Every case with its publications, newest first, and the instant of the last change. */
export async function listClassActions(deps: ClassActionDeps): Promise<ClassActionListing> {
  const cases = await findClassActionCases(deps.database.db);
  const instants = cases.flatMap((c) => [c.updatedAt, ...c.publications.map((p) => p.createdAt)]);
  const lastChangeAt = instants.length === 0 ? null : instants.reduce((a, b) => (a > b ? a : b));
  return { cases, lastChangeAt };
}
