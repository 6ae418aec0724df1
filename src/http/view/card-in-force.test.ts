import { describe, expect, it } from 'vitest';
import { pickCardInForce } from './card-in-force.ts';

const published = (year: number | null) => ({ year, lifecycle: { status: 'published' } });

describe('pickCardInForce', () => {
  const cards = [published(2021), published(2024), published(null), published(2026)];

  it.each<[number, number | null | undefined]>([
    [2026, 2026],
    [2025, 2024],
    [2024, 2024],
    [2022, 2021],
    [2020, null],
  ])('in %s picks the edition of %s', (year, expected) => {
    expect(pickCardInForce(cards, year)?.year).toBe(expected);
  });

  it('finds nothing when there is no dated edition before the year and no undated one', () => {
    expect(pickCardInForce([published(2024)], 2023)).toBeUndefined();
  });

  it('never puts a superseded, withdrawn or draft edition in force', () => {
    const cards = [published(2024), { year: 2025, lifecycle: { status: 'withdrawn' } }, { year: 2026, lifecycle: { status: 'draft' } }];
    expect(pickCardInForce(cards, 2026)?.year).toBe(2024);
  });
});
