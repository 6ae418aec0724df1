/**
 * The edition in force in `year`: the latest dated edition of that year or before, else the undated one.
 * Mirrors IndicatorReport.card, for pages that must show a card before any measure exists.
 */
export function pickCardInForce<T extends { year: number | null }>(cards: readonly T[], year: number): T | undefined {
  let best: T | undefined;
  for (const card of cards) {
    if (card.year !== null && card.year <= year && (best?.year ?? -Infinity) < card.year) best = card;
  }
  return best ?? cards.find((card) => card.year === null);
}
