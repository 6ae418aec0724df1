import type { Selectable } from 'kysely';
import { formatDiffidaNumber, type DiffidaOutcome, type DiffidaState } from '../../domain/diffide/diffida.ts';
import type { DiffidaHistoryTable, DiffideTable, Queryable } from '../schema.ts';

/** A stored diffida. */
export interface StoredDiffida {
  id: number;
  number: string;
  serviceId: number;
  editionKey: string | null;
  indicatorSlug: string | null;
  standardText: string | null;
  facts: string;
  claimantName: string;
  claimantEmail: string;
  organo: string;
  organoPec: string | null;
  receivedAt: string;
  receivedOn: string;
  state: DiffidaState;
  outcome: DiffidaOutcome | null;
  measures: string | null;
  updatedAt: string;
  /** When the claimant's data, the facts and the notes were erased at the end of their retention; null while kept. */
  personalDataErasedAt: string | null;
}

/** One step of a diffida's history. */
export interface StoredDiffidaStep {
  at: string;
  step: DiffidaState;
  actor: string;
  note: string | null;
}

export type NewDiffida = Omit<StoredDiffida, 'id' | 'number' | 'state' | 'outcome' | 'measures' | 'updatedAt' | 'personalDataErasedAt'>;

function diffidaFromRow(row: Selectable<DiffideTable>): StoredDiffida {
  return {
    id: Number(row.id),
    number: row.number,
    serviceId: Number(row.service_id),
    editionKey: row.edition_key,
    indicatorSlug: row.indicator_slug,
    standardText: row.standard_text,
    facts: row.facts,
    claimantName: row.claimant_name,
    claimantEmail: row.claimant_email,
    organo: row.organo,
    organoPec: row.organo_pec,
    receivedAt: row.received_at,
    receivedOn: row.received_on,
    state: row.state as DiffidaState,
    outcome: row.outcome as DiffidaOutcome | null,
    measures: row.measures,
    updatedAt: row.updated_at,
    personalDataErasedAt: row.personal_data_erased_at,
  };
}

function stepFromRow(row: Selectable<DiffidaHistoryTable>): StoredDiffidaStep {
  return { at: row.at, step: row.step as DiffidaState, actor: row.actor, note: row.note };
}

/**
 * The next number of `year`, in the caller's transaction. One upsert reads and bumps the counter: PostgreSQL locks the
 * row until commit (a concurrent transaction waits, then sees the bumped value), SQLite holds the write lock; so two
 * servers never hand out the same number, and a rolled-back receipt gives its number back.
 */
export async function takeDiffidaNumber(trx: Queryable, year: number): Promise<string> {
  const row = await trx
    .insertInto('diffida_counters')
    .values({ year, last_number: 1 })
    .onConflict((conflict) => conflict.column('year').doUpdateSet((eb) => ({ last_number: eb('diffida_counters.last_number', '+', 1) })))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return formatDiffidaNumber(year, Number(row.last_number));
}

/** Stores a received diffida under `number`, with its first history step. */
export async function insertDiffida(trx: Queryable, number: string, diffida: NewDiffida, actor: string): Promise<StoredDiffida> {
  const row = await trx
    .insertInto('diffide')
    .values({
      number,
      service_id: diffida.serviceId,
      edition_key: diffida.editionKey,
      indicator_slug: diffida.indicatorSlug,
      standard_text: diffida.standardText,
      facts: diffida.facts,
      claimant_name: diffida.claimantName,
      claimant_email: diffida.claimantEmail,
      organo: diffida.organo,
      organo_pec: diffida.organoPec,
      received_at: diffida.receivedAt,
      received_on: diffida.receivedOn,
      state: 'received',
      outcome: null,
      measures: null,
      updated_at: diffida.receivedAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx.insertInto('diffida_history').values({ diffida_id: row.id, at: diffida.receivedAt, step: 'received', actor, note: null }).execute();
  return diffidaFromRow(row);
}

export async function findDiffidaByNumber(db: Queryable, number: string): Promise<StoredDiffida | undefined> {
  const row = await db.selectFrom('diffide').selectAll().where('number', '=', number).executeTakeFirst();
  return row === undefined ? undefined : diffidaFromRow(row);
}

/** Every diffida (only those in `states` when given), oldest receipt first. */
export async function listDiffide(db: Queryable, filter: { states?: readonly DiffidaState[] } = {}): Promise<StoredDiffida[]> {
  let query = db.selectFrom('diffide').selectAll();
  if (filter.states !== undefined) {
    if (filter.states.length === 0) return [];
    query = query.where('state', 'in', [...filter.states]);
  }
  const rows = await query.orderBy('received_at').orderBy('id').execute();
  return rows.map(diffidaFromRow);
}

/** A diffida's history, in order. */
export async function listDiffidaHistory(db: Queryable, diffidaId: number): Promise<StoredDiffidaStep[]> {
  const rows = await db.selectFrom('diffida_history').selectAll().where('diffida_id', '=', diffidaId).orderBy('at').orderBy('id').execute();
  return rows.map(stepFromRow);
}

/**
 * Moves a diffida to `step` (with the outcome and measures when given) and records the step, only if it is still in
 * `fromState`: false when someone changed it meanwhile.
 */
export async function recordDiffidaStep(
  trx: Queryable,
  diffidaId: number,
  fromState: DiffidaState,
  change: { step: DiffidaState; at: string; actor: string; note: string | null; outcome?: DiffidaOutcome; measures?: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('diffide')
    .set({
      state: change.step,
      updated_at: change.at,
      ...(change.outcome !== undefined ? { outcome: change.outcome } : {}),
      ...(change.measures !== undefined ? { measures: change.measures } : {}),
    })
    .where('id', '=', diffidaId)
    .where('state', '=', fromState)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return false;
  await trx.insertInto('diffida_history').values({ diffida_id: diffidaId, at: change.at, step: change.step, actor: change.actor, note: change.note }).execute();
  return true;
}

/**
 * Erases what identifies the claimant or may hold personal data: name, e-mail, the facts they wrote and the office's
 * notes on each step. What the administration did (state, outcome, measures) and the dates stay. False when the
 * diffida was already erased.
 */
export async function eraseDiffidaPersonalData(trx: Queryable, diffidaId: number, at: string): Promise<boolean> {
  const result = await trx
    .updateTable('diffide')
    .set({ claimant_name: '', claimant_email: '', facts: '', personal_data_erased_at: at, updated_at: at })
    .where('id', '=', diffidaId)
    .where('personal_data_erased_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return false;
  await trx.updateTable('diffida_history').set({ note: null }).where('diffida_id', '=', diffidaId).execute();
  return true;
}
