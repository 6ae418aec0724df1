import type { ChannelKind } from '../cards/card.ts';
import { UserError } from '../shared/errors.ts';

/**
 * "Mettiamoci la faccia": a user's judgement of a service on one channel, as one of three faces (green: satisfied,
 * yellow: neutral, red: dissatisfied) with an optional reason. Votes feed the Servizi in rete page (CAD art. 7 c.3)
 * and, as events, an indicator such as "% giudizi positivi".
 */
export const FACES = ['positive', 'neutral', 'negative'] as const;
export type Face = (typeof FACES)[number];

/**
 * The channels a vote may be about: one fixed list, so that votes of every service add up per channel. Italian words,
 * as they appear in the widget's URL (?canale=web) and in the events.
 */
export const SATISFACTION_CHANNELS = ['web', 'app', 'telefono', 'email', 'sportello', 'social'] as const;
export type SatisfactionChannel = (typeof SATISFACTION_CHANNELS)[number];

/** The longest reason kept, in characters. */
export const REASON_MAX_LENGTH = 500;

/** What the form sent, unchecked. */
export interface VoteInput {
  service: string;
  channel: string;
  face: string;
  reason: string;
}

/** A checked vote. */
export interface SatisfactionVote {
  service: string;
  channel: SatisfactionChannel;
  face: Face;
  /** Trimmed; null when none was given. */
  reason: string | null;
}

const CHANNEL_OF_KIND: Record<ChannelKind, SatisfactionChannel | null> = {
  web: 'web',
  app: 'app',
  phone: 'telefono',
  email: 'email',
  desk: 'sportello',
  social: 'social',
  other: null,
};

export function isFace(value: string): value is Face {
  return (FACES as readonly string[]).includes(value);
}

export function isSatisfactionChannel(value: string): value is SatisfactionChannel {
  return (SATISFACTION_CHANNELS as readonly string[]).includes(value);
}

/**
 * The channels a service's form offers: the web always (the form itself is on the web, and Servizi in rete is about
 * online services), then those of the card's channels, in the fixed order.
 */
export function offeredChannelsOf(kinds: readonly ChannelKind[]): SatisfactionChannel[] {
  const offered = new Set<SatisfactionChannel>(['web']);
  for (const kind of kinds) {
    const channel = CHANNEL_OF_KIND[kind];
    if (channel !== null) offered.add(channel);
  }
  return SATISFACTION_CHANNELS.filter((channel) => offered.has(channel));
}

/**
 * Checks what the form sent: a face among the three, a channel of the fixed list, a reason of at most
 * REASON_MAX_LENGTH characters without control characters (line breaks allowed). Throws a UserError naming the field.
 */
export function parseVote(input: VoteInput): SatisfactionVote {
  const face = input.face.trim();
  if (!isFace(face)) throw new UserError(`choose one of ${FACES.join(', ')}`, { field: 'face' });
  const channel = input.channel.trim();
  if (!isSatisfactionChannel(channel)) throw new UserError(`the channel must be one of ${SATISFACTION_CHANNELS.join(', ')}`, { field: 'channel' });
  const reason = input.reason.replace(/\r\n?/g, '\n').trim();
  if ([...reason].length > REASON_MAX_LENGTH) throw new UserError(`the reason may be at most ${REASON_MAX_LENGTH} characters`, { field: 'reason' });
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(reason)) throw new UserError('the reason holds control characters', { field: 'reason' });
  return { service: input.service, channel, face, reason: reason === '' ? null : reason };
}

/** Votes of each face. */
export interface FaceCounts {
  positive: number;
  neutral: number;
  negative: number;
}

/** Stored votes counted by service, channel, month and face (what the repository's GROUP BY gives). */
export interface VoteCountRow {
  service: string;
  channel: string;
  /** 'YYYY-MM', the local month of the vote. */
  month: string;
  face: string;
  count: number;
}

/** The votes of one channel of a service over a period, with the share of positive ones. */
export interface ChannelSatisfaction {
  channel: string;
  counts: FaceCounts;
  total: number;
  /** Positive votes / all votes, in percent; null with no vote (never 0 % on nothing). */
  positiveShare: number | null;
  /** The same, month by month ('YYYY-MM'), only months with votes, oldest first. */
  months: { month: string; counts: FaceCounts; total: number; positiveShare: number | null }[];
}

/** A service's votes over a period, per channel (fixed order) and altogether. */
export interface ServiceSatisfaction {
  service: string;
  channels: ChannelSatisfaction[];
  all: { counts: FaceCounts; total: number; positiveShare: number | null };
}

function emptyCounts(): FaceCounts {
  return { positive: 0, neutral: 0, negative: 0 };
}

function totalOf(counts: FaceCounts): number {
  return counts.positive + counts.neutral + counts.negative;
}

/** Positive / all in percent, rounded to one decimal; null on no vote. */
export function positiveShareOf(counts: FaceCounts): number | null {
  const total = totalOf(counts);
  return total === 0 ? null : Math.round((counts.positive / total) * 1000) / 10;
}

function channelOrder(channel: string): number {
  const index = (SATISFACTION_CHANNELS as readonly string[]).indexOf(channel);
  return index < 0 ? SATISFACTION_CHANNELS.length : index;
}

/** Summaries per service (in the order first met) and channel from counted rows; rows of an unknown face are ignored. */
export function summariseVotes(rows: readonly VoteCountRow[]): ServiceSatisfaction[] {
  const services = new Map<string, Map<string, Map<string, FaceCounts>>>();
  for (const row of rows) {
    if (!isFace(row.face)) continue;
    const channels = services.get(row.service) ?? new Map<string, Map<string, FaceCounts>>();
    services.set(row.service, channels);
    const months = channels.get(row.channel) ?? new Map<string, FaceCounts>();
    channels.set(row.channel, months);
    const counts = months.get(row.month) ?? emptyCounts();
    months.set(row.month, counts);
    counts[row.face] += row.count;
  }
  return [...services].map(([service, channels]) => {
    const all = emptyCounts();
    const summaries = [...channels]
      .sort(([a], [b]) => channelOrder(a) - channelOrder(b) || a.localeCompare(b))
      .map(([channel, months]): ChannelSatisfaction => {
        const counts = emptyCounts();
        const monthly = [...months].sort(([a], [b]) => a.localeCompare(b)).map(([month, c]) => {
          for (const face of FACES) counts[face] += c[face];
          return { month, counts: c, total: totalOf(c), positiveShare: positiveShareOf(c) };
        });
        for (const face of FACES) all[face] += counts[face];
        return { channel, counts, total: totalOf(counts), positiveShare: positiveShareOf(counts), months: monthly };
      });
    return { service, channels: summaries, all: { counts: all, total: totalOf(all), positiveShare: positiveShareOf(all) } };
  });
}
