/**
 * The edition in force in `year`: the latest published dated edition of that year or before, else the undated one.
 * Superseded and withdrawn editions are listed but never in force. Mirrors IndicatorReport.card, for pages that must
 * show a card before any measure exists.
 */
export function pickCardInForce<T extends { year: number | null; lifecycle: { status: string } }>(all: readonly T[], year: number): T | undefined {
  const cards = all.filter((card) => card.lifecycle.status === 'published');
  let best: T | undefined;
  for (const card of cards) {
    if (card.year !== null && card.year <= year && (best?.year ?? -Infinity) < card.year) best = card;
  }
  return best ?? cards.find((card) => card.year === null);
}
