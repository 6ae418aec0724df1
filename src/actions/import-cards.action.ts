import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Actor } from '../domain/accounts/actor.ts';
import { DEFAULT_WORK_CALENDAR, type WorkCalendar } from '../domain/calendar/index.ts';
import { editionKeyOf, type Indicator, type Organisation, type StandardCard } from '../domain/cards/card.ts';
import { editionKeyOfRevision, isFrozen, parseEditionKey, type EditionStatus } from '../domain/editions/edition-status.ts';
import { matchIndicators } from '../domain/editions/indicator-match.ts';
import type { Finding } from '../domain/cards/finding.ts';
import type { ImportedCard } from '../domain/cards/imported-card.ts';
import { overrideComparator } from '../domain/cards/target-parse.ts';
import { UserError } from '../domain/shared/errors.ts';
import { slugify } from '../domain/shared/slug.ts';
import { hashCard } from '../storage/card-hash.ts';
import type { Database } from '../storage/database.ts';
import type { Queryable, Schema } from '../storage/schema.ts';
import { appendAuditRecord } from '../storage/repositories/audit-log.repository.ts';
import { listCards, saveCard, type StoredCard } from '../storage/repositories/card.repository.ts';
import { findComparatorOverrides, type ComparatorOverride } from '../storage/repositories/comparator-override.repository.ts';
import { listOrganisations, saveOrganisation } from '../storage/repositories/organisation.repository.ts';
import { findService, findServicesBySlugs, saveService } from '../storage/repositories/service.repository.ts';
import { bumpDataVersion, bumpRollupEpoch } from '../storage/repositories/data-version.repository.ts';
import { copyMeasuresForward } from './copy-measures.ts';
import { approveInTransaction, publishInTransaction, sortEditions, type ApprovalInput } from './edition-steps.ts';

export type ImportStatus = 'created' | 'updated' | 'unchanged';

/** How `misura import --publish` adopts the imported cards in the same transaction. */
export type ImportPublication = ApprovalInput;

export interface ImportCardsOptions {
  /** Who imports (the audit log records it); misura itself when absent. */
  actor?: Actor;
  /** Approve and publish each imported draft at once, with this act; without it, imports are drafts. */
  publish?: ImportPublication;
  /**
   * A reviewer's answers to unsure matches, by "service slug/indicator slug": the stable id of the indicator it is,
   * or null for a new one. Without an answer, an unsure row is kept apart as new.
   */
  decisions?: ReadonlyMap<string, string | null>;
}

/** An imported indicator that looks like one of the edition before but not enough to say: kept apart, for a person to decide. */
export interface UnsureMatch {
  slug: string;
  candidate: string;
  /** The stable id of the candidate, for a reviewer's answer. */
  candidateUid: string;
  similarity: number;
}

/** What happened to one card of the batch. */
export interface ImportedCardSummary {
  file: string;
  organisationSlug: string;
  serviceName: string;
  serviceSlug: string;
  year: number | null;
  /** The edition key written: "2027", or "2027-r2" for a correction of a published 2027 card. */
  edition: string;
  /** Where the edition stands after the import: draft, or published with --publish. */
  editionStatus: EditionStatus;
  indicatorCount: number;
  status: ImportStatus;
  /** Reworded indicators that may or may not be those of the edition before (each got a new stable id). */
  unsure: UnsureMatch[];
  /** Measures carried over from the edition before, by stable id. */
  measuresCopied: number;
  /** The reader's doubts, passed through for the person to check. */
  doubts: Finding[];
}

export interface ImportSummary {
  /** In the order the cards were given. */
  cards: ImportedCardSummary[];
}

export interface ImportCardsDeps {
  database: Database;
  /** The clock; tests pin it. */
  now?: () => Date;
  /** The calendar the rollups of carried-over measures are computed on. */
  calendar?: WorkCalendar;
}

/** The organisation of a card whose file names none: the office in charge, else a generic one. */
export function defaultOrganisationFor(card: StandardCard): Organisation {
  const name = card.service.office?.trim() || 'Default organisation';
  return { slug: slugify(name), name };
}

/**
 * Stores a batch of read cards in ONE transaction as draft editions: all are written or none. A draft is updated in
 * place; a card whose year is already published becomes a correction ("2027-r2"), published only when approved; an
 * approved edition waiting for publication is refused. Idempotent: a card whose content (stored comparator overrides
 * applied) equals the latest edition of its year is left untouched and reported 'unchanged'. Indicators keep their
 * stable ids through rewording (matched with the edition before) and carry their measures over. With
 * `options.publish`, each draft is approved (the "(&)" check included) and published in the same transaction.
 */
export async function importCards(deps: ImportCardsDeps, cards: readonly ImportedCard[], options: ImportCardsOptions = {}): Promise<ImportSummary> {
  return deps.database.db.transaction().execute((trx) => importCardsIn(trx, deps, cards, options));
}

/** importCards inside the caller's transaction: the card editor saves a draft's cells and measures at once. */
export async function importCardsIn(trx: Transaction<Schema>, deps: Omit<ImportCardsDeps, 'database'>, cards: readonly ImportedCard[], options: ImportCardsOptions = {}): Promise<ImportSummary> {
  const now = (deps.now?.() ?? new Date()).toISOString();
  const context: ImportContext = {
    now,
    actor: options.actor ?? { kind: 'system', name: 'import' },
    calendar: deps.calendar ?? DEFAULT_WORK_CALENDAR,
    decisions: options.decisions ?? new Map(),
    ...(options.publish !== undefined ? { publish: options.publish } : {}),
  };
  const seen = new Map<string, string>();
  const fallback = await fallbackOrganisation(trx, cards);
  // Each card is checked just before it is written, so a bad card anywhere in the batch rolls back the ones before it.
  // When publishing, earlier years first, so that each edition is checked against the one it follows.
  const summaries: ImportedCardSummary[] = [];
  const order = options.publish === undefined ? cards.map((_card, index) => index) : inEditionOrder(cards);
  for (const index of order) {
    const imported = cards[index];
    if (imported !== undefined) summaries[index] = await importCard(trx, imported, seen, context, fallback);
  }
  if (summaries.some((card) => card.status !== 'unchanged')) {
    await bumpDataVersion(trx);
    // Definitions changed: a drain that folded with the old ones must not land its rollups.
    await bumpRollupEpoch(trx);
  }
  return { cards: summaries };
}

/**
 * The PA of a card that names none (card 003 has no header): the one PA the batch names, else the one PA already
 * stored; only when that is ambiguous does the card's office (or a default) stand in. A misura instance normally
 * serves one PA, so its cards should not scatter over made-up organisations.
 */
async function fallbackOrganisation(db: Queryable, cards: readonly ImportedCard[]): Promise<Organisation | null> {
  const named = new Map(cards.flatMap((c) => (c.organisation ? [[c.organisation.slug, c.organisation] as const] : [])));
  if (named.size === 1) return [...named.values()][0] ?? null;
  if (named.size > 1) return null;
  const stored = await listOrganisations(db);
  return stored.length === 1 && stored[0] ? { slug: stored[0].slug, name: stored[0].name } : null;
}

interface ImportContext {
  now: string;
  actor: Actor;
  calendar: WorkCalendar;
  decisions: ReadonlyMap<string, string | null>;
  publish?: ImportPublication;
}

/** Indexes of the cards, earlier years first (a stable sort keeps the batch's order within a year). */
function inEditionOrder(cards: readonly ImportedCard[]): number[] {
  const yearOf = (index: number) => cards[index]?.card.year ?? -Infinity;
  return cards.map((_card, index) => index).sort((a, b) => yearOf(a) - yearOf(b));
}

async function importCard(trx: Transaction<Schema>, imported: ImportedCard, seen: Map<string, string>, context: ImportContext, fallback: Organisation | null): Promise<ImportedCardSummary> {
  const { now } = context;
  const organisation = imported.organisation ?? fallback ?? defaultOrganisationFor(imported.card);
  const { service } = imported.card;
  const file = imported.card.source.file;
  assertFirstInBatch(seen, `${organisation.slug}/${service.slug}/${editionKeyOf(imported.card.year)}`, imported.card);
  assertDistinctIndicators(imported.card);

  const { id: organisationId } = await saveOrganisation(trx, organisation);
  const storedService = await findService(trx, organisationId, service.slug);
  const editions = storedService === undefined ? [] : sortEditions(await listCards(trx, { serviceIds: [storedService.id] }));
  const target = chooseEdition(editions, imported.card);
  // Overrides are kept per year: a correction of the year is read as the year's first text was.
  const card = applyOverrides(imported.card, await findComparatorOverrides(trx, service.slug, editionKeyOf(imported.card.year)));
  const summary = {
    file,
    organisationSlug: organisation.slug,
    serviceName: service.name,
    serviceSlug: service.slug,
    year: card.year,
    edition: target.key,
    indicatorCount: card.indicators.length,
    doubts: imported.doubts,
  };
  if (target.same !== undefined && hashCard(target.same.card) === hashCard(card)) {
    const unchanged = target.same;
    const published = context.publish !== undefined && unchanged.edition.status === 'draft' ? await publishDraft(trx, context, unchanged) : unchanged;
    return { ...summary, edition: unchanged.editionKey, editionStatus: published.edition.status, status: 'unchanged', unsure: [], measuresCopied: 0 };
  }
  if (target.same !== undefined && target.same.edition.status === 'approved') {
    throw new UserError(
      `the ${target.same.editionKey} edition of "${service.slug}" is approved and waits to be published: publish it (misura editions publish ${service.slug} ${target.same.editionKey}) or withdraw it, then import again`,
      { file, field: 'edition' },
    );
  }

  const draft = target.same?.edition.status === 'draft' ? target.same : undefined;
  const baseline = baselineOf(editions, target);
  const { uids, unsure } = assignUids(baseline, card, decisionsOf(context.decisions, service.slug));
  const serviceId = await saveService(trx, organisationId, service, now);
  const saved = await saveCard(trx, serviceId, card, now, { editionKey: target.key, uids, status: 'draft' });
  const measuresCopied = baseline === undefined || baseline === draft ? 0 : await copyMeasuresForward(trx, baseline, { indicatorIds: saved.indicatorIds, indicatorUids: uids }, now, context.calendar);
  await appendAuditRecord(
    trx,
    context.actor,
    {
      action: draft === undefined ? 'edition.import' : 'edition.reimport',
      entityType: 'edition',
      entityKey: `${service.slug}/${target.key}`,
      before: draft === undefined ? null : { hash: draft.hash, indicators: draft.card.indicators.length },
      after: { status: 'draft', file, hash: hashCard(card), indicators: card.indicators.length },
    },
    now,
  );
  let editionStatus: EditionStatus = 'draft';
  if (context.publish !== undefined) {
    const written = (await listCards(trx, { serviceIds: [serviceId] })).find((stored) => stored.id === saved.id);
    if (written === undefined) throw new Error(`the ${target.key} edition just written cannot be read back`);
    editionStatus = (await publishDraft(trx, context, written)).edition.status;
  }
  return { ...summary, editionStatus, status: draft === undefined ? 'created' : 'updated', unsure, measuresCopied };
}

/**
 * Which edition a card goes to: the draft or approved edition of its year (updated in place, or refused), a new
 * correction when the year's latest edition is frozen, else the year's first edition. `same` is the edition of the
 * year the card is compared with, to say 'unchanged'.
 */
function chooseEdition(editions: readonly StoredCard[], card: StandardCard): { key: string; same: StoredCard | undefined } {
  const ofYear = editions.filter((stored) => stored.card.year === card.year);
  const latest = ofYear.at(-1);
  if (latest === undefined) return { key: editionKeyOf(card.year), same: undefined };
  if (!isFrozen(latest.edition.status)) return { key: latest.editionKey, same: latest };
  const revision = Math.max(...ofYear.map((stored) => parseEditionKey(stored.editionKey)?.revision ?? 1)) + 1;
  // The text of the year in force (or the last one taken back) is the one a re-import would repeat.
  const same = ofYear.filter((stored) => stored.edition.status === 'published').at(-1) ?? latest;
  return { key: editionKeyOfRevision(card.year, revision), same };
}

/** What a card's indicators are matched with: the draft it updates, else the latest published edition, else the latest. */
function baselineOf(editions: readonly StoredCard[], target: { same: StoredCard | undefined }): StoredCard | undefined {
  if (target.same?.edition.status === 'draft') return target.same;
  return editions.filter((e) => e.edition.status === 'published').at(-1) ?? editions.at(-1);
}

/** The reviewer's answers for one service, by indicator slug. */
function decisionsOf(decisions: ReadonlyMap<string, string | null>, serviceSlug: string): Map<string, string | null> {
  const prefix = `${serviceSlug}/`;
  return new Map([...decisions].filter(([key]) => key.startsWith(prefix)).map(([key, uid]) => [key.slice(prefix.length), uid]));
}

/**
 * The rows of each card that look like an indicator of the edition before but not enough to say, found as an import
 * would find them, without writing anything: what the review screen asks a person about.
 */
export async function findUnsureMatches(deps: ImportCardsDeps, cards: readonly ImportedCard[]): Promise<UnsureMatch[][]> {
  const { db } = deps.database;
  const found: UnsureMatch[][] = [];
  for (const imported of cards) {
    const services = await findServicesBySlugs(db, [imported.card.service.slug]);
    const editions = services.length === 1 && services[0] !== undefined ? sortEditions(await listCards(db, { serviceIds: [services[0].id] })) : [];
    found.push(assignUids(baselineOf(editions, chooseEdition(editions, imported.card)), imported.card, new Map()).unsure);
  }
  return found;
}

/** Stable ids for the card's indicators: those of the baseline they match, new ones for the rest (unsure ones included). */
function assignUids(baseline: StoredCard | undefined, card: StandardCard, decisions: ReadonlyMap<string, string | null>): { uids: string[]; unsure: UnsureMatch[] } {
  const known = baseline === undefined ? [] : baseline.card.indicators.map((indicator, index) => ({ ...knownOf(indicator), uid: baseline.indicatorUids[index] ?? indicator.slug }));
  const matches = matchIndicators(known, card.indicators.map(knownOf), decisions);
  const unsure: UnsureMatch[] = [];
  const uids = matches.map((match, index) => {
    if (match.uid !== null) return match.uid;
    const slug = card.indicators[index]?.slug ?? '';
    if (match.by === 'unsure') unsure.push({ slug, candidate: match.candidate.slug, candidateUid: match.candidate.uid, similarity: Math.round(match.similarity * 100) / 100 });
    return newIndicatorUid();
  });
  return { uids, unsure };
}

function knownOf(indicator: Indicator) {
  const { slug, position, dimensionKey, subdimension, description, formula } = indicator;
  return { slug, position, dimensionKey, subdimension, description, formula };
}

/** A stable id for an indicator seen for the first time: short, opaque, never reused. */
function newIndicatorUid(): string {
  return `i-${randomUUID().replace(/-/g, '').slice(0, 16)}`;
}

async function publishDraft(trx: Transaction<Schema>, context: ImportContext, draft: StoredCard): Promise<StoredCard> {
  if (context.publish === undefined) return draft;
  const service = { serviceId: draft.serviceId, serviceSlug: draft.card.service.slug, editions: sortEditions(await listCards(trx, { serviceIds: [draft.serviceId] })) };
  const fresh = service.editions.find((stored) => stored.id === draft.id) ?? draft;
  const approved = await approveInTransaction(trx, context.actor, service, fresh, context.publish, context.now);
  return publishInTransaction(trx, context.actor, service, approved, context.now);
}

/** Two files for the same service and edition in one batch would silently overwrite each other. */
function assertFirstInBatch(seen: Map<string, string>, key: string, card: StandardCard): void {
  const earlier = seen.get(key);
  if (earlier !== undefined) {
    const edition = editionKeyOf(card.year);
    throw new UserError(`the ${edition} card of service "${card.service.slug}" is also in ${earlier}; import one of them`, {
      file: card.source.file,
      field: 'service',
    });
  }
  seen.set(key, card.source.file);
}

/** Positions and slugs identify indicators inside a card; a repeat is an input error, not a database one. */
function assertDistinctIndicators(card: StandardCard): void {
  const positions = new Map<number, number>();
  const slugs = new Map<string, number>();
  for (const indicator of card.indicators) {
    const where = { file: card.source.file, line: indicator.source.line, field: 'indicator' };
    const atPosition = positions.get(indicator.position);
    if (atPosition !== undefined) throw new UserError(`indicator position ${indicator.position} is used twice (also at line ${atPosition})`, where);
    const atSlug = slugs.get(indicator.slug);
    if (atSlug !== undefined) throw new UserError(`indicator slug "${indicator.slug}" is used twice (also at line ${atSlug})`, where);
    positions.set(indicator.position, indicator.source.line);
    slugs.set(indicator.slug, indicator.source.line);
  }
}

/** The person's comparator beats the one read from the file. */
function applyOverrides(card: StandardCard, overrides: readonly ComparatorOverride[]): StandardCard {
  if (overrides.length === 0) return card;
  const bySlug = new Map(overrides.map((override) => [override.indicatorSlug, override]));
  return {
    ...card,
    indicators: card.indicators.map((indicator) => {
      const override = bySlug.get(indicator.slug);
      return override ? { ...indicator, target: overrideComparator(indicator.target, override.comparator, override.reason) } : indicator;
    }),
  };
}
