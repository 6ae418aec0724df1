import { describe, expect, it } from 'vitest';
import { pickCardInForce } from './card-in-force.ts';

describe('pickCardInForce', () => {
  const cards = [{ year: 2021 }, { year: 2024 }, { year: null }, { year: 2026 }];

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
    expect(pickCardInForce([{ year: 2024 }], 2023)).toBeUndefined();
  });
});
