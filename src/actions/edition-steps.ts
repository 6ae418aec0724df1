import type { WorkCalendar } from '../domain/calendar/index.ts';
import { describeActor, type Actor } from '../domain/accounts/actor.ts';
import { isDimensionUnstated } from '../domain/cards/dimension.ts';
import { defaultInForceFrom, parseDay, type Justification } from '../domain/editions/edition.ts';
import { findWorsenings, type ComparableIndicator, type Worsening } from '../domain/editions/edition-diff.ts';
import { nextEditionStatus, parseEditionKey } from '../domain/editions/edition-status.ts';
import { UserError } from '../domain/shared/errors.ts';
import { slugify } from '../domain/shared/slug.ts';
import type { Database } from '../storage/database.ts';
import type { Queryable, Schema } from '../storage/schema.ts';
import type { Transaction } from 'kysely';
import { appendAuditRecord } from '../storage/repositories/audit-log.repository.ts';
import { listCards, type StoredCard } from '../storage/repositories/card.repository.ts';
import { bumpDataVersion } from '../storage/repositories/data-version.repository.ts';
import { recordIndicatorSlugs, replaceJustifications, updateEditionState } from '../storage/repositories/edition.repository.ts';
import { findServicesBySlugs } from '../storage/repositories/service.repository.ts';

/** What the edition actions need: the database and the clock (tests pin it). */
export interface EditionDeps {
  database: Database;
  now?: () => Date;
  /** The calendar rollups of copied measures are computed on. */
  calendar?: WorkCalendar;
}

export { nowOf } from './account-deps.ts';

/** A service and every edition of its card, oldest first (undated first, then by year and revision). */
export interface ServiceEditions {
  serviceId: number;
  serviceSlug: string;
  editions: StoredCard[];
}

/** The service named by slug or name, with its editions; a UserError names what is unknown or ambiguous. */
export async function loadServiceEditions(db: Queryable, service: string): Promise<ServiceEditions> {
  const found = await findServicesBySlugs(db, [...new Set([service, slugify(service)])]);
  const [first] = found;
  if (first === undefined) throw new UserError(`unknown service "${service}"`, { field: 'service' });
  if (found.length > 1) {
    throw new UserError(`"${service}" names services of ${found.length} organisations; give the slug of one`, { field: 'service' });
  }
  const editions = sortEditions(await listCards(db, { serviceIds: [first.id] }));
  return { serviceId: first.id, serviceSlug: first.service.slug, editions };
}

/** Editions in the order they follow each other: undated first, then by year, then by revision. */
export function sortEditions(editions: readonly StoredCard[]): StoredCard[] {
  return [...editions].sort((a, b) => compareOrder(orderOf(a), orderOf(b)));
}

type Order = [year: number, revision: number];

function orderOf(stored: StoredCard): Order {
  const parsed = parseEditionKey(stored.editionKey);
  return [stored.card.year ?? -Infinity, parsed?.revision ?? 1];
}

function compareOrder(a: Order, b: Order): number {
  return a[0] - b[0] || a[1] - b[1];
}

/**
 * The edition a person means: "2027-r2" exactly, "2027" the latest revision of 2027, "undated" the undated one.
 * A UserError lists the editions there are.
 */
export function resolveEdition(service: ServiceEditions, reference: string): StoredCard {
  const wanted = reference.trim().toLowerCase();
  const exact = service.editions.find((stored) => stored.editionKey === wanted);
  const parsed = parseEditionKey(wanted);
  const latestOfYear = parsed !== null && parsed.revision === 1 && wanted.indexOf('-r') === -1
    ? service.editions.filter((stored) => stored.card.year === parsed.year).at(-1)
    : undefined;
  const found = latestOfYear ?? exact;
  if (found !== undefined) return found;
  const known = service.editions.map((stored) => `${stored.editionKey} (${stored.edition.status})`).join(', ');
  throw new UserError(`service "${service.serviceSlug}" has no edition "${reference}"${known === '' ? '' : `; its editions: ${known}`}`, { field: 'edition' });
}

/**
 * The edition `stored` follows for the "(&)" rule: the latest published one before it, if any. An undated card
 * follows and precedes only undated ones (its revisions): when it was adopted, against a dated one, is unknown.
 */
export function findPrecedingEdition(service: ServiceEditions, stored: StoredCard): StoredCard | undefined {
  const order = orderOf(stored);
  const dated = stored.card.year !== null;
  return service.editions
    .filter((other) => other.id !== stored.id && other.edition.status === 'published' && (other.card.year !== null) === dated && compareOrder(orderOf(other), order) < 0)
    .at(-1);
}

/** An edition's indicators as the diff and the "(&)" check compare them. */
export function comparableIndicators(stored: StoredCard): ComparableIndicator[] {
  return stored.card.indicators.map((indicator, index) => ({
    uid: stored.indicatorUids[index] ?? indicator.slug,
    slug: indicator.slug,
    dimension: indicator.dimension,
    subdimension: indicator.subdimension,
    description: indicator.description,
    formula: indicator.formula,
    target: indicator.target,
  }));
}

/** The edition as the audit log names it: "portale-lavoro/2027-r2". */
export function auditKeyOf(service: ServiceEditions, stored: StoredCard): string {
  return `${service.serviceSlug}/${stored.editionKey}`;
}

function auditedState(stored: StoredCard): Record<string, unknown> {
  const { status, act, inForceFrom, approvedBy } = stored.edition;
  return { status, act, inForceFrom, approvedBy };
}

export interface ApprovalInput {
  /** The act that adopted the card, as written ("Decreto direttoriale n. 12 del 15/01/2027"). */
  act: string;
  /** 'YYYY-MM-DD'; default: 1 January of the card's year when approved before it, else the day of approval. */
  inForceFrom?: string;
  /** Indicator slug (in this edition, or in the one before for a removed one) → why it may get worse. */
  justifications?: Readonly<Record<string, string>>;
}

/**
 * A CIVIT card names a dimension for every indicator: an edition whose rows still have the dimension their document
 * did not state (a table with no dimension column) is not approved, whatever else it says. A UserError names the rows.
 */
function refuseUnstatedDimensions(stored: StoredCard, label: string): void {
  const positions = stored.card.indicators
    .filter((indicator) => isDimensionUnstated(indicator.dimensionKey))
    .map((indicator) => indicator.position)
    .sort((a, b) => a - b);
  if (positions.length === 0) return;
  throw new UserError(
    `the ${label} edition cannot be approved: ${positions.length === 1 ? 'indicator' : 'indicators'} ${positions.join(', ')}: the card states no dimension; choose one in the draft editor before approving`,
    { field: 'dimension' },
  );
}

/**
 * Approves a draft: records the act, the day it comes into force and who approved it. No indicator may lack its
 * dimension (refuseUnstatedDimensions). The "(&)" rule: every
 * valore programmato worse than (or not comparable with) the edition it follows, and every indicator it drops,
 * needs a justification, else a UserError names each one and nothing is written.
 */
export async function approveInTransaction(trx: Transaction<Schema>, actor: Actor, service: ServiceEditions, stored: StoredCard, input: ApprovalInput, now: string): Promise<StoredCard> {
  const label = `${service.serviceSlug} ${stored.editionKey}`;
  const status = nextEditionStatus(stored.edition.status, 'approve', label);
  refuseUnstatedDimensions(stored, label);
  const act = input.act.trim();
  if (act === '') throw new UserError('name the act that adopted the card (kind, number and date, e.g. "Decreto direttoriale n. 12 del 15/01/2027")', { field: 'act' });
  const today = now.slice(0, 10);
  let inForceFrom = defaultInForceFrom(stored.card.year, today);
  if (input.inForceFrom !== undefined) {
    const day = parseDay(input.inForceFrom);
    if (day === null) throw new UserError(`"${input.inForceFrom}" is not a day (YYYY-MM-DD)`, { field: 'in-force-from' });
    inForceFrom = day;
  }
  const preceding = findPrecedingEdition(service, stored);
  const worsenings = preceding === undefined ? [] : findWorsenings(comparableIndicators(preceding), comparableIndicators(stored));
  const justifications = justify(worsenings, input.justifications ?? {}, describeActor(actor), now, label);

  await replaceJustifications(trx, stored.id, justifications);
  await updateEditionState(trx, stored.id, { status, act, inForceFrom, approvedBy: describeActor(actor), approvedAt: now });
  const approved: StoredCard = { ...stored, edition: { ...stored.edition, status, act, inForceFrom, approvedBy: describeActor(actor), approvedAt: now, justifications } };
  await appendAuditRecord(
    trx,
    actor,
    {
      action: 'edition.approve',
      entityType: 'edition',
      entityKey: auditKeyOf(service, stored),
      before: auditedState(stored),
      after: { ...auditedState(approved), justifications: justifications.map(({ slug, kind, text }) => ({ slug, kind, text })) },
    },
    now,
  );
  return approved;
}

/** Ties each worsening to its justification; a UserError lists every one without, and every justification that fits none. */
function justify(worsenings: readonly Worsening[], given: Readonly<Record<string, string>>, by: string, at: string, label: string): Justification[] {
  const bySlug = new Map(Object.entries(given).map(([slug, text]) => [slug.trim(), text.trim()]));
  const missing = worsenings.filter((w) => !bySlug.get(w.slug));
  if (missing.length > 0) {
    const lines = missing.map((w) =>
      w.kind === 'removed'
        ? `  ${w.slug}: removed (it was "${w.before.target.text}")`
        : `  ${w.slug}: "${w.before.target.text}" → "${w.after?.target.text ?? ''}" (${w.change === 'looser' ? 'worse' : 'cannot be ranked against the one before'})`,
    );
    throw new UserError(
      `the (&) rule refuses the ${label} edition: ${missing.length === 1 ? '1 indicator gets' : `${missing.length} indicators get`} worse than in the edition before, or ${missing.length === 1 ? 'is' : 'are'} dropped, without a justification:\n${lines.join('\n')}\ngive one for each (CLI: --justify <indicator>="why")`,
      { field: 'justify' },
    );
  }
  const worsened = new Set(worsenings.map((w) => w.slug));
  const stray = [...bySlug.keys()].filter((slug) => !worsened.has(slug));
  if (stray.length > 0) {
    throw new UserError(`nothing to justify for ${stray.map((s) => `"${s}"`).join(', ')}: no valore programmato of the ${label} edition gets worse there`, { field: 'justify' });
  }
  return worsenings.map((w) => ({ uid: w.uid, slug: w.slug, kind: w.kind, text: bySlug.get(w.slug) ?? '', recordedBy: by, recordedAt: at }));
}

/**
 * Publishes an approved edition: it comes into force for the public; the published edition of the same year it
 * corrects (an earlier revision) becomes superseded. Its slugs are remembered for redirects.
 */
export async function publishInTransaction(trx: Transaction<Schema>, actor: Actor, service: ServiceEditions, stored: StoredCard, now: string): Promise<StoredCard> {
  const status = nextEditionStatus(stored.edition.status, 'publish', `${service.serviceSlug} ${stored.editionKey}`);
  const later = service.editions.find((other) => other.edition.status === 'published' && other.card.year === stored.card.year && compareOrder(orderOf(other), orderOf(stored)) > 0);
  if (later !== undefined) {
    throw new UserError(`the ${later.editionKey} edition, a later correction of the same year, is already published; withdraw ${stored.editionKey} or make a new correction`, { field: 'edition' });
  }
  for (const older of service.editions) {
    if (older.id === stored.id || older.edition.status !== 'published' || older.card.year !== stored.card.year) continue;
    await updateEditionState(trx, older.id, { status: 'superseded', closedAt: now, closeReason: `superseded by ${stored.editionKey}` });
    await appendAuditRecord(trx, actor, { action: 'edition.supersede', entityType: 'edition', entityKey: auditKeyOf(service, older), before: auditedState(older), after: { status: 'superseded', by: stored.editionKey } }, now);
  }
  await updateEditionState(trx, stored.id, { status, publishedAt: now });
  await recordIndicatorSlugs(
    trx,
    stored.serviceId,
    stored.card.indicators.map((indicator, index) => ({ slug: indicator.slug, uid: stored.indicatorUids[index] ?? indicator.slug })),
    now,
  );
  const published: StoredCard = { ...stored, edition: { ...stored.edition, status, publishedAt: now } };
  await appendAuditRecord(trx, actor, { action: 'edition.publish', entityType: 'edition', entityKey: auditKeyOf(service, stored), before: auditedState(stored), after: auditedState(published) }, now);
  await bumpDataVersion(trx);
  return published;
}
