import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { addDays, DEFAULT_WORK_CALENDAR, localDateOf, type WorkCalendar } from '../domain/calendar/index.ts';
import type { MeasureEvent } from '../domain/events/event.ts';
import type { EventWindowSettings } from '../domain/events/event-window.ts';
import { parseVote, summariseVotes, type Face, type SatisfactionChannel, type ServiceSatisfaction, type VoteInput } from '../domain/satisfaction/satisfaction-vote.ts';
import { UserError } from '../domain/shared/errors.ts';
import type { Database } from '../storage/database.ts';
import {
  countVotes,
  eraseVoteReasonsBefore,
  findDaySalt,
  findLatestVoteDay,
  findVoteDaySpan,
  findOrMakeDaySalt,
  forgetTokenUsesBefore,
  insertVoteIfFirst,
  listVoteReasons,
  useTokenNonce,
  type StoredVoteReason,
} from '../storage/repositories/satisfaction.repository.ts';

export type { StoredVoteReason };
import { findServicesBySlugs } from '../storage/repositories/service.repository.ts';
import { ingestEvents } from './ingest-events.action.ts';

export interface SatisfactionDeps {
  database: Database;
  now?: () => Date;
  /** The administration's calendar: its time zone gives each vote's local day. */
  calendar?: WorkCalendar;
  eventWindow?: EventWindowSettings;
}

/** The source and kind of the events votes become: a ratio measure reads them (see docs/events.md). */
export const SATISFACTION_SOURCE = 'soddisfazione';
export const SATISFACTION_EVENT_KIND = 'satisfaction.vote';
/**
 * How long the optional reason of a vote is kept: it is free text and may name someone, so it is erased after a year
 * (the privacy notice says so); the face stays, and is counted.
 */
export const REASON_RETENTION_DAYS = 365;
/** How long a form token may wait before it is sent. */
export const TOKEN_TTL_MS = 2 * 60 * 60 * 1000;

/** Why a vote was refused before it was even read: no token, a forged or expired one, one used already, or the trap. */
export type RefusalReason = 'missing' | 'invalid' | 'expired' | 'used' | 'trap';

/** A vote refused for how it was sent rather than for what it says; the page explains each reason in words. */
export class VoteRefusedError extends UserError {
  constructor(readonly reason: RefusalReason) {
    super(`the vote was not counted: ${reason === 'trap' ? 'the form was not sent by a person' : `the form token is ${reason}`}`, { field: reason === 'trap' ? 'sito' : 'token' });
    this.name = 'VoteRefusedError';
  }
}

/** What a vote came to: counted, or a repeat of the same client, service, channel and day (accepted, not counted). */
export interface VoteOutcome {
  status: 'counted' | 'repeat';
  service: string;
  channel: SatisfactionChannel;
  face: Face;
}

/** A vote as the form sent it, with the token, the trap field and the client's address (hashed, never kept). */
export interface RecordVoteInput extends VoteInput {
  token: string;
  trap: string;
  clientAddress: string;
}

/** The year's votes per service and channel, and the last day any vote was cast. */
export interface SatisfactionSummary {
  year: number;
  services: ServiceSatisfaction[];
  /** The local day of the latest vote ever, or null. */
  latestVoteDay: string | null;
}

class RepeatedVote extends Error {}

/** The event a counted vote becomes: what a measure reads of it (never the reason). */
function voteEventOf(id: string, vote: { service: string; channel: SatisfactionChannel; face: Face }, at: Date): MeasureEvent {
  return { id, source: SATISFACTION_SOURCE, kind: SATISFACTION_EVENT_KIND, subject: vote.service, occurredAt: at, attributes: { service: vote.service, channel: vote.channel, face: vote.face } };
}

function timeZoneOf(deps: SatisfactionDeps): string {
  return (deps.calendar ?? DEFAULT_WORK_CALENDAR).timeZone;
}

function hmac(key: string, text: string): string {
  return createHmac('sha256', key).update(text).digest('base64url');
}

/** Today's salt, made if needed; salts before yesterday go (a token of late yesterday still verifies after midnight). */
async function todaysSalt(deps: SatisfactionDeps, today: string): Promise<string> {
  return findOrMakeDaySalt(deps.database.db, today, () => randomBytes(32).toString('base64url'), addDays(today, -1));
}

/**
 * A form token for a vote on `service`: "<day>.<issued ms>.<nonce>.<HMAC>", signed with the day's salt. A bot must
 * load a form to get one, it expires after TOKEN_TTL_MS, and it counts once (its nonce is recorded when used).
 */
export async function issueSatisfactionToken(deps: SatisfactionDeps, service: string): Promise<string> {
  const now = deps.now?.() ?? new Date();
  const day = localDateOf(now, timeZoneOf(deps));
  const salt = await todaysSalt(deps, day);
  const payload = `${day}.${now.getTime()}.${randomBytes(16).toString('base64url')}`;
  return `${payload}.${hmac(salt, `${service}\n${payload}`)}`;
}

/** Checks a token for `service`; returns its nonce or throws VoteRefusedError. Does not use it up. */
async function verifyToken(deps: SatisfactionDeps, service: string, token: string, now: Date): Promise<string> {
  if (token.trim() === '') throw new VoteRefusedError('missing');
  const parts = /^(\d{4}-\d{2}-\d{2})\.(\d{1,15})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(token.trim());
  if (parts === null) throw new VoteRefusedError('invalid');
  const [, day = '', issued = '', nonce = '', signature = ''] = parts;
  const salt = await findDaySalt(deps.database.db, day);
  // A salt deleted as too old: the token's day is long past.
  if (salt === undefined) throw new VoteRefusedError(day < localDateOf(now, timeZoneOf(deps)) ? 'expired' : 'invalid');
  const expected = Buffer.from(hmac(salt, `${service}\n${day}.${issued}.${nonce}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new VoteRefusedError('invalid');
  const age = now.getTime() - Number(issued);
  if (age < -60_000) throw new VoteRefusedError('invalid');
  if (age > TOKEN_TTL_MS) throw new VoteRefusedError('expired');
  return nonce;
}

/**
 * Records a vote. In order: the trap field must be empty, the token valid for this service, unexpired and unused; the
 * vote is checked (face, channel, reason: a UserError naming the field); the token is used up; then the vote and its
 * event are stored in ONE transaction (the ingestion's), unless the same client (its address under today's salt)
 * voted on this service and channel today: then nothing is stored and the outcome is 'repeat'. The event (source
 * "soddisfazione", kind "satisfaction.vote", attributes service, channel, face; never the reason) feeds any measure.
 */
export async function recordSatisfactionVote(deps: SatisfactionDeps, input: RecordVoteInput): Promise<VoteOutcome> {
  const now = deps.now?.() ?? new Date();
  if (input.trap.trim() !== '') throw new VoteRefusedError('trap');
  const nonce = await verifyToken(deps, input.service, input.token, now);
  const vote = parseVote(input);
  const [stored] = await findServicesBySlugs(deps.database.db, [vote.service]);
  if (stored === undefined) throw new UserError(`no service "${vote.service}"`, { field: 'service' });

  const { db } = deps.database;
  const at = now.toISOString();
  await forgetTokenUsesBefore(db, new Date(now.getTime() - 2 * TOKEN_TTL_MS).toISOString());
  if (!(await useTokenNonce(db, nonce, at))) throw new VoteRefusedError('used');

  const today = localDateOf(now, timeZoneOf(deps));
  // Each vote also enforces the reasons' retention: no job to schedule, and cheap (reasons are few).
  await eraseVoteReasonsBefore(db, addDays(today, -REASON_RETENTION_DAYS));
  const clientKey = hmac(await todaysSalt(deps, today), input.clientAddress);
  const event = voteEventOf(`voto-${randomUUID()}`, vote, now);
  const outcome = { service: vote.service, channel: vote.channel, face: vote.face };
  try {
    await ingestEvents(deps, [{ line: 1, file: 'vote', event }], {
      mode: 'all-or-nothing',
      inTransaction: async (trx) => {
        const first = await insertVoteIfFirst(trx, {
          serviceId: stored.id,
          channel: vote.channel,
          face: vote.face,
          reason: vote.reason,
          votedAt: at,
          votedOn: today,
          clientKey,
          eventId: event.id,
        });
        // Rolls the event back with it: a repeat leaves no trace.
        if (!first) throw new RepeatedVote();
      },
    });
  } catch (error) {
    if (error instanceof RepeatedVote) return { status: 'repeat', ...outcome };
    throw error;
  }
  return { status: 'counted', ...outcome };
}

/** A vote the system itself casts (the demo's): no form, no token; `client` stands for the client's fingerprint. */
export interface TrustedVote {
  service: string;
  channel: SatisfactionChannel;
  face: Face;
  at: Date;
  client: string;
}

/**
 * Stores votes that need no form (the demo's) with their events, through the same ingestion and tables as a vote of
 * the public form, in one transaction; idempotent: event ids and client keys follow the votes, so storing the same
 * votes again counts nothing twice. Returns how many were counted now.
 */
export async function recordTrustedVotes(deps: SatisfactionDeps, votes: readonly TrustedVote[]): Promise<number> {
  const services = new Map((await findServicesBySlugs(deps.database.db, [...new Set(votes.map((v) => v.service))])).map((s) => [s.service.slug, s.id]));
  const serviceIdOf = (slug: string) => {
    const id = services.get(slug);
    if (id === undefined) throw new UserError(`no service "${slug}"`, { field: 'service' });
    return id;
  };
  const stored = votes.map((vote) => ({
    vote,
    serviceId: serviceIdOf(vote.service),
    event: voteEventOf(`voto-${vote.client}-${vote.channel}`, vote, vote.at),
  }));
  let counted = 0;
  await ingestEvents(
    deps,
    stored.map(({ event }, index) => ({ line: index + 1, file: 'votes', event })),
    {
      mode: 'all-or-nothing',
      inTransaction: async (trx) => {
        for (const { vote, serviceId, event } of stored) {
          const votedOn = localDateOf(vote.at, timeZoneOf(deps));
          const first = await insertVoteIfFirst(trx, { serviceId, channel: vote.channel, face: vote.face, reason: null, votedAt: vote.at.toISOString(), votedOn, clientKey: `trusted:${vote.client}`, eventId: event.id });
          if (first) counted += 1;
        }
      },
    },
  );
  return counted;
}

function yearBounds(year: number): [string, string] {
  return [`${String(year).padStart(4, '0')}-01-01`, `${String(year).padStart(4, '0')}-12-31`];
}

/** The year's votes per service and channel (counts per face, share positive, month by month). */
export async function summariseSatisfaction(deps: SatisfactionDeps, query: { year: number }): Promise<SatisfactionSummary> {
  const [from, to] = yearBounds(query.year);
  const { db } = deps.database;
  const [rows, latestVoteDay] = await Promise.all([countVotes(db, from, to), findLatestVoteDay(db)]);
  return { year: query.year, services: summariseVotes(rows), latestVoteDay };
}

/** The reasons given in the year, newest first (the back office only: they may hold personal data). */
export async function listSatisfactionReasons(deps: SatisfactionDeps, query: { year: number; limit?: number }): Promise<StoredVoteReason[]> {
  const [from, to] = yearBounds(query.year);
  return listVoteReasons(deps.database.db, from, to, query.limit ?? 200);
}

/** Every year's votes per service and channel (the open dataset), and the first and latest day of a vote. */
export interface SatisfactionHistory {
  years: { year: number; services: ServiceSatisfaction[] }[];
  firstVoteDay: string | null;
  lastVoteDay: string | null;
}

/** Every year with votes, oldest first, each summarised as summariseSatisfaction does. */
export async function listSatisfactionHistory(deps: SatisfactionDeps): Promise<SatisfactionHistory> {
  const { db } = deps.database;
  const [rows, span] = await Promise.all([countVotes(db, '0000-01-01', '9999-12-31'), findVoteDaySpan(db)]);
  const byYear = new Map<number, typeof rows>();
  for (const row of rows) {
    const year = Number(row.month.slice(0, 4));
    byYear.set(year, [...(byYear.get(year) ?? []), row]);
  }
  const years = [...byYear].sort(([a], [b]) => a - b).map(([year, ofYear]) => ({ year, services: summariseVotes(ofYear) }));
  return { years, firstVoteDay: span.first, lastVoteDay: span.last };
}
