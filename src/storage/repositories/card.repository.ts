import type { Insertable, Selectable } from 'kysely';
import { editionKeyOf, type Indicator, type StandardCard } from '../../domain/cards/card.ts';
import type { Comparator, Target, TargetUnit } from '../../domain/cards/target.ts';
import type { EditionRecord, Justification } from '../../domain/editions/edition.ts';
import type { EditionStatus } from '../../domain/editions/edition-status.ts';
import { hashCard } from '../card-hash.ts';
import { chunksOf } from '../chunks.ts';
import { compareText } from '../compare-text.ts';
import { fromJsonColumn, toJsonColumn } from '../json-column.ts';
import type { CardsTable, EditionJustificationsTable, IndicatorsTable, Queryable } from '../schema.ts';
import { findOrganisationsByIds, type StoredOrganisation } from './organisation.repository.ts';
import { findServicesByIds, type StoredService } from './service.repository.ts';

/** A card as stored: the domain card (with its service) plus ids, hash and import time. */
export interface StoredCard {
  id: number;
  serviceId: number;
  organisation: StoredOrganisation;
  card: StandardCard;
  editionKey: string;
  /** hashCard(card) when it was last written. */
  hash: string;
  importedAt: string;
  /** Indicator ids, in the order of card.indicators (by position). */
  indicatorIds: number[];
  /** Stable indicator ids, in the same order. */
  indicatorUids: string[];
  /** Status, approval, act and justifications. */
  edition: EditionRecord;
}

/** Which cards listCards returns; absent fields do not filter. */
export interface CardFilter {
  year?: number;
  serviceSlugs?: readonly string[];
  serviceIds?: readonly number[];
  /** Only editions in these states (every state when absent). */
  statuses?: readonly EditionStatus[];
}

/** Ids of a written card and of its indicators, by position. */
export interface SavedCard {
  id: number;
  indicatorIds: number[];
}

/** The card of this service and edition ("2021" or "undated"). */
export async function findCard(db: Queryable, serviceId: number, editionKey: string): Promise<StoredCard | undefined> {
  const row = await db
    .selectFrom('cards')
    .selectAll()
    .where('service_id', '=', serviceId)
    .where('edition_key', '=', editionKey)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const [card] = await assembleCards(db, [row]);
  return card;
}

/** Cards matching the filter, ordered by organisation, service, year (undated last). */
export async function listCards(db: Queryable, filter: CardFilter = {}): Promise<StoredCard[]> {
  const { year, serviceSlugs, serviceIds, statuses } = filter;
  if (serviceSlugs?.length === 0 || serviceIds?.length === 0 || statuses?.length === 0) return [];
  let query = db.selectFrom('cards').innerJoin('services', 'services.id', 'cards.service_id').selectAll('cards');
  if (year !== undefined) query = query.where('cards.year', '=', year);
  if (serviceSlugs !== undefined) query = query.where('services.slug', 'in', serviceSlugs);
  if (serviceIds !== undefined) query = query.where('cards.service_id', 'in', serviceIds);
  if (statuses !== undefined) query = query.where('cards.status', 'in', statuses);
  const rows = await query.orderBy('cards.id').execute();
  const cards = await assembleCards(db, rows);
  return cards.sort(
    (a, b) =>
      compareText(a.organisation.slug, b.organisation.slug) ||
      compareText(a.card.service.slug, b.card.service.slug) ||
      (a.card.year ?? Number.MAX_SAFE_INTEGER) - (b.card.year ?? Number.MAX_SAFE_INTEGER) ||
      a.id - b.id,
  );
}

/** Loads services, organisations and indicators for card rows, in a fixed number of queries. */
async function assembleCards(db: Queryable, rows: readonly Selectable<CardsTable>[]): Promise<StoredCard[]> {
  if (rows.length === 0) return [];
  const services = new Map((await findServicesByIds(db, unique(rows.map((row) => row.service_id)))).map((s) => [s.id, s]));
  const organisations = new Map(
    (await findOrganisationsByIds(db, unique([...services.values()].map((s) => s.organisationId)))).map((o) => [o.id, o]),
  );
  const indicatorRows = await db
    .selectFrom('indicators')
    .selectAll()
    .where('card_id', 'in', rows.map((row) => row.id))
    .orderBy('card_id')
    .orderBy('position')
    .execute();
  const indicatorsByCard = groupByCard(indicatorRows);
  const justificationsByCard = groupByCard(
    await db.selectFrom('edition_justifications').selectAll().where('card_id', 'in', rows.map((row) => row.id)).orderBy('id').execute(),
  );
  return rows.map((row) => {
    const stored = services.get(row.service_id);
    const organisation = stored && organisations.get(stored.organisationId);
    if (!stored || !organisation) throw new Error(`card ${row.id} has no service or organisation: the database is inconsistent`);
    return cardFromRows(row, stored, organisation, indicatorsByCard.get(row.id) ?? [], justificationsByCard.get(row.id) ?? []);
  });
}

function groupByCard<T extends { card_id: number }>(rows: readonly T[]): Map<number, T[]> {
  const byCard = new Map<number, T[]>();
  for (const row of rows) {
    const list = byCard.get(row.card_id) ?? [];
    list.push(row);
    byCard.set(row.card_id, list);
  }
  return byCard;
}

function editionFromRow(row: Selectable<CardsTable>, justifications: readonly Selectable<EditionJustificationsTable>[]): EditionRecord {
  return {
    key: row.edition_key,
    // Only the edition actions write the status, with the domain's values.
    status: row.status as EditionStatus,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    act: row.act,
    inForceFrom: row.in_force_from,
    publishedAt: row.published_at,
    closedAt: row.closed_at,
    closeReason: row.close_reason,
    justifications: justifications.map(
      (j): Justification => ({ uid: j.indicator_uid, slug: j.indicator_slug, kind: j.kind as Justification['kind'], text: j.text, recordedBy: j.recorded_by, recordedAt: j.recorded_at }),
    ),
  };
}

function cardFromRows(
  row: Selectable<CardsTable>,
  stored: StoredService,
  organisation: StoredOrganisation,
  indicatorRows: readonly Selectable<IndicatorsTable>[],
  justifications: readonly Selectable<EditionJustificationsTable>[],
): StoredCard {
  return {
    id: row.id,
    serviceId: row.service_id,
    organisation,
    editionKey: row.edition_key,
    hash: row.source_hash,
    importedAt: row.imported_at,
    indicatorIds: indicatorRows.map((indicator) => indicator.id),
    indicatorUids: indicatorRows.map((indicator) => indicator.uid ?? derivedUid(row.service_id, indicator.slug)),
    edition: editionFromRow(row, justifications),
    card: {
      year: row.year,
      service: stored.service,
      indicators: indicatorRows.map((indicator) => indicatorFromRow(indicator, row.source_file)),
      notes: fromJsonColumn<string[]>(row.notes_json),
      ruleText: row.rule_text,
      source: { file: row.source_file },
    },
  };
}

function indicatorFromRow(row: Selectable<IndicatorsTable>, file: string): Indicator {
  const target: Target = {
    text: row.target_text,
    // The check constraints of the migration hold these columns to the domain's values.
    comparator: row.target_comparator as Comparator | null,
    value: row.target_value,
    unit: row.target_unit as TargetUnit | null,
    period: row.target_period as Target['period'],
    measurable: row.target_measurable === 1,
    comparatorReason: row.comparator_reason,
    comparatorSource: row.comparator_source as Target['comparatorSource'],
  };
  return {
    position: row.position,
    slug: row.slug,
    dimension: row.dimension,
    dimensionKey: row.dimension_key,
    subdimension: row.subdimension,
    description: row.description,
    formula: row.formula,
    target,
    notes: row.notes,
    additional: row.additional === 1,
    source: { file, line: row.source_line },
  };
}

function indicatorColumns(indicator: Indicator) {
  const { target } = indicator;
  return {
    position: indicator.position,
    slug: indicator.slug,
    dimension: indicator.dimension,
    dimension_key: indicator.dimensionKey,
    subdimension: indicator.subdimension,
    description: indicator.description,
    formula: indicator.formula,
    target_text: target.text,
    target_comparator: target.comparator,
    target_value: target.value,
    target_unit: target.unit,
    target_period: target.period,
    target_measurable: target.measurable ? 1 : 0,
    comparator_reason: target.comparatorReason,
    comparator_source: target.comparatorSource,
    notes: indicator.notes,
    additional: indicator.additional ? 1 : 0,
    source_line: indicator.source.line,
  } satisfies Omit<Insertable<IndicatorsTable>, 'card_id'>;
}

/** How saveCard files a card: under which edition key, with which stable ids, in which state when it is new. */
export interface SaveCardOptions {
  /** editionKeyOf(card.year) when absent; "2027-r2" for a correction. */
  editionKey?: string;
  /** Stable ids in the order of card.indicators; absent: the id already at the position, else one derived from the slug. */
  uids?: readonly string[];
  /** The state of a card created now (default draft); an update never changes the state. */
  status?: EditionStatus;
}

/** The stable id the migration gave indicators stored before stable ids existed, and the fallback for callers that pass none. */
export function derivedUid(serviceId: number, slug: string): string {
  return `i-${serviceId}-${slug}`;
}

/**
 * Writes the card of `serviceId` for its edition: creates it, or updates it in place. Indicators
 * keep their ids by position: existing positions are updated, new ones inserted, missing ones
 * deleted. `now` (canonical UTC ISO) becomes imported_at. Positions, slugs and uids must be unique.
 */
export async function saveCard(db: Queryable, serviceId: number, card: StandardCard, now: string, options: SaveCardOptions = {}): Promise<SavedCard> {
  const content = {
    year: card.year,
    source_file: card.source.file,
    source_hash: hashCard(card),
    notes_json: toJsonColumn(card.notes),
    rule_text: card.ruleText,
    imported_at: now,
  };
  const { id: cardId } = await db
    .insertInto('cards')
    .values({ service_id: serviceId, edition_key: options.editionKey ?? editionKeyOf(card.year), status: options.status ?? 'draft', ...content })
    .onConflict((oc) => oc.columns(['service_id', 'edition_key']).doUpdateSet(content))
    .returning('id')
    .executeTakeFirstOrThrow();

  // Rows at positions the card no longer has go; found here rather than with NOT IN (positions), which would bind one
  // variable per indicator and break the drivers' limits on a card of many thousand rows.
  const positions = new Set(card.indicators.map((indicator) => indicator.position));
  const stored = await db.selectFrom('indicators').select(['id', 'position', 'slug', 'uid']).where('card_id', '=', cardId).execute();
  const gone = stored.filter((row) => !positions.has(row.position)).map((row) => row.id);
  for (const chunk of chunksOf(gone)) await db.deleteFrom('indicators').where('id', 'in', chunk).execute();
  const existing = stored.filter((row) => positions.has(row.position));
  const byPosition = new Map(existing.map((row) => [row.position, row]));
  const uids = card.indicators.map((indicator, index) => options.uids?.[index] ?? byPosition.get(indicator.position)?.uid ?? derivedUid(serviceId, indicator.slug));
  // Park every slug and uid that changes first, so that two indicators swapping them never collide on a unique pair.
  for (const [index, indicator] of card.indicators.entries()) {
    const row = byPosition.get(indicator.position);
    if (row && (row.slug !== indicator.slug || row.uid !== uids[index])) {
      await db.updateTable('indicators').set({ slug: `#parked-${row.id}`, uid: `#parked-${row.id}` }).where('id', '=', row.id).execute();
    }
  }
  const indicatorIds: number[] = [];
  for (const [index, indicator] of card.indicators.entries()) {
    const row = byPosition.get(indicator.position);
    const uid = uids[index] ?? null;
    if (row) {
      await db.updateTable('indicators').set({ ...indicatorColumns(indicator), uid }).where('id', '=', row.id).execute();
      indicatorIds.push(row.id);
    } else {
      const inserted = await db
        .insertInto('indicators')
        .values({ card_id: cardId, ...indicatorColumns(indicator), uid })
        .returning('id')
        .executeTakeFirstOrThrow();
      indicatorIds.push(inserted.id);
    }
  }
  return { id: cardId, indicatorIds };
}

function unique(values: readonly number[]): number[] {
  return [...new Set(values)];
}

/** The year of the earliest dated card edition stored, or null when no card has a year. */
export async function findEarliestEditionYear(db: Queryable): Promise<number | null> {
  const row = await db.selectFrom('cards').select((eb) => eb.fn.min<number | null>('year').as('earliest')).executeTakeFirst();
  return row?.earliest === undefined || row.earliest === null ? null : Number(row.earliest);
}
