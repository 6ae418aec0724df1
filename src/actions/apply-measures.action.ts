import type { Transaction } from 'kysely';
import type { Actor } from '../domain/accounts/actor.ts';
import type { Indicator, Service } from '../domain/cards/card.ts';
import { DEFAULT_WORK_CALENDAR, type WorkCalendar } from '../domain/calendar/index.ts';
import type { Measure } from '../domain/measures/measure.ts';
import { checkMeasureFitsTarget } from '../domain/measures/measure-unit.ts';
import { channelKeysOf, validateMeasure } from '../domain/measures/measure-validate.ts';
import { formatWhere, UserError } from '../domain/shared/errors.ts';
import type { Database } from '../storage/database.ts';
import type { Schema } from '../storage/schema.ts';
import { appendAuditRecord } from '../storage/repositories/audit-log.repository.ts';
import { listCards, type StoredCard } from '../storage/repositories/card.repository.ts';
import { findMeasure, saveMeasure, type MeasureSaveStatus } from '../storage/repositories/measure.repository.ts';
import { bumpDataVersion, bumpRollupEpoch } from '../storage/repositories/data-version.repository.ts';
import { rebuildIndicatorsById } from './rebuild-rollups.action.ts';

export interface ApplyMeasuresDeps {
  database: Database;
  now?: () => Date;
  calendar?: WorkCalendar;
}

export interface ApplyMeasuresOptions {
  /** Who applies: each new or changed measure is then recorded in the audit log (before and after). */
  actor?: Actor;
}

/** Where the document came from, so errors can name the file and line (a MeasuresFile fits). */
export interface MeasuresOrigin {
  file?: string;
  lineOf?(path: string): number | undefined;
}

export interface AppliedMeasure {
  service: string;
  edition: string;
  indicator: string;
  status: MeasureSaveStatus;
}

export interface ApplyMeasuresSummary {
  /** In the order of the document. */
  measures: AppliedMeasure[];
  /** Day rollups written by the rebuild of the new and changed measures. */
  rebuiltDays: number;
}

const ENTRY_FIELDS = ['service', 'edition', 'indicator', 'measure'];

export interface CheckedEntry {
  index: number;
  service: string;
  edition: string;
  indicatorSlug: string;
  indicatorId: number;
  /** The indicator's stable id, which outlives rewording and editions. */
  indicatorUid: string | null;
  measure: Measure;
}

/**
 * Checks every entry of a measures document ({ measures: [{ service, edition, indicator, measure }] }) against the
 * stored cards, then stores them all in ONE transaction and rebuilds the rollups of new and changed measures from
 * the raw events. Indicators the document does not name keep their measure. Any bad entry is a UserError naming its
 * index and key (and file and line when `origin` says them), and nothing is stored.
 */
export async function applyMeasures(deps: ApplyMeasuresDeps, document: unknown, origin: MeasuresOrigin = {}, options: ApplyMeasuresOptions = {}): Promise<ApplyMeasuresSummary> {
  return deps.database.db.transaction().execute((trx) => applyMeasuresIn(trx, deps, document, origin, options));
}

/** applyMeasures inside the caller's transaction: the card editor saves a draft's cells and measures at once. */
export async function applyMeasuresIn(
  trx: Transaction<Schema>,
  deps: Omit<ApplyMeasuresDeps, 'database'>,
  document: unknown,
  origin: MeasuresOrigin = {},
  options: ApplyMeasuresOptions = {},
): Promise<ApplyMeasuresSummary> {
  const now = (deps.now?.() ?? new Date()).toISOString();
  const calendar = deps.calendar ?? DEFAULT_WORK_CALENDAR;
  const entries = checkMeasureEntries(document, await listCards(trx), origin);
  const measures: AppliedMeasure[] = [];
  const changed: number[] = [];
  for (const entry of entries) {
    const before = options.actor === undefined ? undefined : await findMeasure(trx, entry.indicatorId);
    const status = await saveMeasure(trx, entry.indicatorId, entry.measure, now);
    if (status !== 'unchanged') changed.push(entry.indicatorId);
    if (status !== 'unchanged' && options.actor !== undefined) {
      await appendAuditRecord(
        trx,
        options.actor,
        { action: 'measure.apply', entityType: 'indicator', entityKey: `${entry.service}/${entry.edition}/${entry.indicatorSlug}`, before: before === undefined ? null : { uid: entry.indicatorUid, measure: before.measure }, after: { uid: entry.indicatorUid, measure: entry.measure } },
        now,
      );
    }
    measures.push({ service: entry.service, edition: entry.edition, indicator: entry.indicatorSlug, status });
  }
  const rebuiltDays = await rebuildIndicatorsById(trx, changed, calendar);
  if (changed.length > 0) {
    await bumpDataVersion(trx);
    // Definitions changed: a drain that folded with the old ones must not land its rollups.
    await bumpRollupEpoch(trx);
  }
  return { measures, rebuiltDays };
}

/** Checks a measures document against the stored cards, writing nothing; the first bad entry is a UserError. */
export function checkMeasureEntries(document: unknown, cards: readonly StoredCard[], origin: MeasuresOrigin = {}): CheckedEntry[] {
  const fail = (path: string, message: string): never => {
    const line = origin.lineOf?.(path);
    throw new UserError(message, { ...(origin.file !== undefined ? { file: origin.file } : {}), ...(line !== undefined ? { line } : {}), field: path });
  };
  if (!isObject(document)) return fail('measures', 'the document must be an object with a list "measures"');
  const unknown = Object.keys(document).find((key) => key !== 'measures');
  if (unknown !== undefined) fail(unknown, 'unknown field: the document holds only "measures"');
  const list = document.measures;
  if (!Array.isArray(list)) return fail('measures', 'must be a list of { service, edition, indicator, measure }');

  const seen = new Map<number, number>();
  return list.map((raw: unknown, index): CheckedEntry => {
    const at = (field?: string) => (field === undefined ? `measures[${index}]` : `measures[${index}].${field}`);
    if (!isObject(raw)) return fail(at(), 'must be an object { service, edition, indicator, measure }');
    const extra = Object.keys(raw).find((key) => !ENTRY_FIELDS.includes(key));
    if (extra !== undefined) fail(at(extra), `unknown field: an entry has ${ENTRY_FIELDS.join(', ')}`);
    const service = readSlug(raw.service, at('service'), fail);
    const edition = typeof raw.edition === 'number' && Number.isInteger(raw.edition) ? String(raw.edition) : readSlug(raw.edition, at('edition'), fail);
    const indicatorSlug = readSlug(raw.indicator, at('indicator'), fail);
    let measure: Measure;
    try {
      measure = validateMeasure(raw.measure, at('measure'));
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      const field = error.where?.field ?? at('measure');
      return fail(field, error.where === undefined ? error.message : error.message.slice(formatWhere(error.where).length + 2));
    }

    const ofService = cards.filter((card) => card.card.service.slug === service);
    if (ofService.length === 0) return fail(at('service'), `no stored card is for a service "${service}" (import its card first)`);
    const organisations = new Set(ofService.map((card) => card.organisation.slug));
    if (organisations.size > 1) return fail(at('service'), `the service slug "${service}" is used by ${[...organisations].join(' and ')}: it is ambiguous`);
    const card = ofService.find((stored) => stored.editionKey === edition);
    if (card === undefined) {
      return fail(at('edition'), `service "${service}" has no card of edition "${edition}" (it has ${ofService.map((c) => `"${c.editionKey}"`).join(', ')})`);
    }
    const position = card.card.indicators.findIndex((indicator) => indicator.slug === indicatorSlug);
    const indicator = card.card.indicators[position];
    const indicatorId = card.indicatorIds[position];
    if (indicator === undefined || indicatorId === undefined) {
      return fail(at('indicator'), `the ${edition} card of "${service}" has no indicator "${indicatorSlug}" (it has ${card.card.indicators.map((i) => i.slug).join(', ')})`);
    }
    const earlier = seen.get(indicatorId);
    if (earlier !== undefined) fail(at('indicator'), `indicator "${indicatorSlug}" of "${service}" ${edition} already has a measure at measures[${earlier}]`);
    seen.set(indicatorId, index);

    checkFits(measure, indicator, card.card.service, (field, message) => fail(at(field), message));
    return { index, service, edition, indicatorSlug, indicatorId, indicatorUid: card.indicatorUids[position] ?? null, measure };
  });
}

/** The measure must give the target's unit and refer only to channels of the service that have service hours. */
function checkFits(measure: Measure, indicator: Indicator, service: Service, fail: (field: string, message: string) => never): void {
  const misfit = checkMeasureFitsTarget(measure, indicator.target);
  if (misfit !== null) {
    const numeric = indicator.target.measurable && indicator.target.value !== null;
    fail('measure', `${numeric ? "measure does not give the target's unit" : 'measure cannot judge the target'}: ${misfit}`);
  }
  for (const key of channelKeysOf(measure)) {
    const channel = service.channels.find((c) => c.key === key);
    const field = measure.kind === 'duration' ? 'measure.serviceHoursOf' : 'measure.withinServiceHoursOf';
    if (channel === undefined) fail(field, `service "${service.slug}" has no channel "${key}" (it has ${service.channels.map((c) => `"${c.key}"`).join(', ') || 'none'})`);
    else if (channel.hours === null) fail(field, `channel "${key}" of service "${service.slug}" states no service hours to count within`);
  }
}

function readSlug(value: unknown, path: string, fail: (path: string, message: string) => never): string {
  if (typeof value !== 'string' || value.trim() === '') return fail(path, 'missing: give the slug as `misura cards --json` shows it');
  return value.trim();
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
