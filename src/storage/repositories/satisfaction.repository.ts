import { sql } from 'kysely';
import type { VoteCountRow } from '../../domain/satisfaction/satisfaction-vote.ts';
import type { Queryable } from '../schema.ts';

/** A vote as stored, without the client's key. */
export interface VoteToStore {
  serviceId: number;
  channel: string;
  face: string;
  reason: string | null;
  votedAt: string;
  votedOn: string;
  clientKey: string;
  eventId: string;
}

/** A reason given with a vote, for the back office (never published). */
export interface StoredVoteReason {
  service: string;
  channel: string;
  face: string;
  reason: string;
  votedAt: string;
}

/**
 * The salt of a local day, made now with `makeSalt` by whoever asks first (servers racing on one PostgreSQL database
 * keep the first one); salts of days before `keepFrom` are deleted, so their client keys can no longer be recomputed.
 */
export async function findOrMakeDaySalt(db: Queryable, day: string, makeSalt: () => string, keepFrom: string): Promise<string> {
  const found = await findDaySalt(db, day);
  if (found !== undefined) return found;
  await db.insertInto('satisfaction_salts').values({ day, salt: makeSalt() }).onConflict((oc) => oc.column('day').doNothing()).execute();
  await db.deleteFrom('satisfaction_salts').where('day', '<', keepFrom).execute();
  const salt = await findDaySalt(db, day);
  if (salt === undefined) throw new Error(`the satisfaction salt of ${day} was neither made nor found`);
  return salt;
}

/** The salt of a local day, or undefined (not made yet, or deleted as too old). */
export async function findDaySalt(db: Queryable, day: string): Promise<string | undefined> {
  const row = await db.selectFrom('satisfaction_salts').select('salt').where('day', '=', day).executeTakeFirst();
  return row?.salt;
}

/** Records a form token's nonce as used: true the first time, false when it was used already. */
export async function useTokenNonce(db: Queryable, nonce: string, at: string): Promise<boolean> {
  const result = await db.insertInto('satisfaction_token_uses').values({ nonce, used_at: at }).onConflict((oc) => oc.column('nonce').doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Forgets nonces used before `before`: their tokens have expired, so they can no longer be presented anyway. */
export async function forgetTokenUsesBefore(db: Queryable, before: string): Promise<void> {
  await db.deleteFrom('satisfaction_token_uses').where('used_at', '<', before).execute();
}

/** Erases the reasons of votes cast before `beforeDay` (a local day): the face, channel and day stay, and are counted. */
export async function eraseVoteReasonsBefore(db: Queryable, beforeDay: string): Promise<void> {
  await db.updateTable('satisfaction_votes').set({ reason: null }).where('voted_on', '<', beforeDay).where('reason', 'is not', null).execute();
}

/** Stores a vote unless the same client voted on the same service, channel and day: true when stored. */
export async function insertVoteIfFirst(db: Queryable, vote: VoteToStore): Promise<boolean> {
  const result = await db
    .insertInto('satisfaction_votes')
    .values({
      service_id: vote.serviceId,
      channel: vote.channel,
      face: vote.face,
      reason: vote.reason,
      voted_at: vote.votedAt,
      voted_on: vote.votedOn,
      client_key: vote.clientKey,
      event_id: vote.eventId,
    })
    .onConflict((oc) => oc.columns(['client_key', 'service_id', 'channel', 'voted_on']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Votes from `fromDay` to `toDay` (local days, inclusive) counted by service slug, channel, month and face. */
export async function countVotes(db: Queryable, fromDay: string, toDay: string): Promise<VoteCountRow[]> {
  // substr is the same function on SQLite and PostgreSQL; the month is the first 7 characters of the local day.
  const month = sql<string>`substr(satisfaction_votes.voted_on, 1, 7)`;
  const rows = await db
    .selectFrom('satisfaction_votes')
    .innerJoin('services', 'services.id', 'satisfaction_votes.service_id')
    .select(['services.slug as service', 'satisfaction_votes.channel as channel', 'satisfaction_votes.face as face'])
    .select(month.as('month'))
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('satisfaction_votes.voted_on', '>=', fromDay)
    .where('satisfaction_votes.voted_on', '<=', toDay)
    .groupBy(['services.slug', 'satisfaction_votes.channel', month, 'satisfaction_votes.face'])
    .orderBy('services.slug')
    .execute();
  // PostgreSQL's count is a bigint, handed back as text.
  return rows.map((row) => ({ service: row.service, channel: row.channel, month: row.month, face: row.face, count: Number(row.count) }));
}

/** The first and the latest day any vote was cast on (local), or nulls with none. */
export async function findVoteDaySpan(db: Queryable): Promise<{ first: string | null; last: string | null }> {
  const row = await db.selectFrom('satisfaction_votes').select((eb) => [eb.fn.min('voted_on').as('first'), eb.fn.max('voted_on').as('last')]).executeTakeFirst();
  return { first: row?.first ?? null, last: row?.last ?? null };
}

/** The latest day any vote was cast on (local), or null with none. */
export async function findLatestVoteDay(db: Queryable): Promise<string | null> {
  const row = await db.selectFrom('satisfaction_votes').select((eb) => eb.fn.max('voted_on').as('day')).executeTakeFirst();
  return row?.day ?? null;
}

/** Reasons given from `fromDay` to `toDay`, newest first, at most `limit`. */
export async function listVoteReasons(db: Queryable, fromDay: string, toDay: string, limit: number): Promise<StoredVoteReason[]> {
  const rows = await db
    .selectFrom('satisfaction_votes')
    .innerJoin('services', 'services.id', 'satisfaction_votes.service_id')
    .select(['services.slug as service', 'satisfaction_votes.channel', 'satisfaction_votes.face', 'satisfaction_votes.reason', 'satisfaction_votes.voted_at'])
    .where('satisfaction_votes.reason', 'is not', null)
    .where('satisfaction_votes.voted_on', '>=', fromDay)
    .where('satisfaction_votes.voted_on', '<=', toDay)
    .orderBy('satisfaction_votes.voted_at', 'desc')
    .orderBy('satisfaction_votes.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ service: row.service, channel: row.channel, face: row.face, reason: row.reason ?? '', votedAt: row.voted_at }));
}
