import { describe, expect, it } from 'vitest';
import { UserError } from '../shared/errors.ts';
import { offeredChannelsOf, parseVote, positiveShareOf, REASON_MAX_LENGTH, summariseVotes, type VoteInput } from './satisfaction-vote.ts';

const INPUT: VoteInput = { service: 'anagrafe', channel: 'web', face: 'positive', reason: '' };

function fieldOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof UserError) return error.where?.field;
    throw error;
  }
  return undefined;
}

describe('parseVote', () => {
  it('takes one of three faces on a channel of the fixed list, and a trimmed reason or none', () => {
    expect(parseVote(INPUT)).toEqual({ service: 'anagrafe', channel: 'web', face: 'positive', reason: null });
    expect(parseVote({ ...INPUT, face: 'negative', channel: 'sportello', reason: '  Troppa attesa\r\nal banco  ' })).toEqual({
      service: 'anagrafe',
      channel: 'sportello',
      face: 'negative',
      reason: 'Troppa attesa\nal banco',
    });
  });

  it('names the field it refuses: a face not among the three, an unknown channel, a reason too long or with control characters', () => {
    expect(fieldOf(() => parseVote({ ...INPUT, face: 'happy' }))).toBe('face');
    expect(fieldOf(() => parseVote({ ...INPUT, face: '' }))).toBe('face');
    expect(fieldOf(() => parseVote({ ...INPUT, channel: 'fax' }))).toBe('channel');
    expect(fieldOf(() => parseVote({ ...INPUT, reason: 'x'.repeat(REASON_MAX_LENGTH + 1) }))).toBe('reason');
    expect(fieldOf(() => parseVote({ ...INPUT, reason: 'a\u0000b' }))).toBe('reason');
    // 500 characters counted as characters, not UTF-16 units: 500 emoji pass.
    expect(parseVote({ ...INPUT, reason: '😀'.repeat(REASON_MAX_LENGTH) }).reason).toHaveLength(REASON_MAX_LENGTH * 2);
  });
});

describe('offeredChannelsOf', () => {
  it('offers the web always, then the card channels mapped onto the fixed list in its order', () => {
    expect(offeredChannelsOf([])).toEqual(['web']);
    expect(offeredChannelsOf(['desk', 'phone', 'other', 'web'])).toEqual(['web', 'telefono', 'sportello']);
  });
});

describe('summariseVotes', () => {
  it('counts each face per channel and month, with the share of positive votes, and none on no vote', () => {
    const summary = summariseVotes([
      { service: 'anagrafe', channel: 'sportello', month: '2026-02', face: 'negative', count: 1 },
      { service: 'anagrafe', channel: 'web', month: '2026-03', face: 'positive', count: 2 },
      { service: 'anagrafe', channel: 'web', month: '2026-02', face: 'positive', count: 1 },
      { service: 'anagrafe', channel: 'web', month: '2026-02', face: 'neutral', count: 1 },
      { service: 'anagrafe', channel: 'web', month: '2026-02', face: 'unknown', count: 9 },
    ]);
    expect(summary).toHaveLength(1);
    const [anagrafe] = summary;
    expect(anagrafe?.channels.map((c) => c.channel)).toEqual(['web', 'sportello']);
    expect(anagrafe?.channels[0]).toMatchObject({ counts: { positive: 3, neutral: 1, negative: 0 }, total: 4, positiveShare: 75 });
    expect(anagrafe?.channels[0]?.months.map((m) => [m.month, m.total, m.positiveShare])).toEqual([
      ['2026-02', 2, 50],
      ['2026-03', 2, 100],
    ]);
    expect(anagrafe?.all).toEqual({ counts: { positive: 3, neutral: 1, negative: 1 }, total: 5, positiveShare: 60 });
    expect(positiveShareOf({ positive: 0, neutral: 0, negative: 0 })).toBeNull();
    expect(positiveShareOf({ positive: 1, neutral: 1, negative: 1 })).toBe(33.3);
  });
});
