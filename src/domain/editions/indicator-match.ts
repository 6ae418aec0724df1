/** An indicator of the edition before, with its stable id. */
export interface KnownIndicator {
  uid: string;
  slug: string;
  position: number;
  dimensionKey: string;
  subdimension: string | null;
  description: string | null;
  formula: string | null;
}

/** An indicator being imported or copied in, not yet tied to an id. */
export type IncomingIndicator = Omit<KnownIndicator, 'uid'>;

/**
 * How an incoming indicator was tied to one before it:
 * - slug: the same slug;
 * - wording: the same dimension, description and formula (a typo fixed in the sub-dimension changes the slug, not this);
 * - reworded: same dimension and place, wording nearly the same (a typo fixed): the same indicator, said as a doubt;
 * - unsure: like one before it, but not enough to say: a person decides (the CLI keeps them apart);
 * - new: like none.
 */
export type IndicatorMatch =
  | { by: 'slug' | 'wording' | 'reworded'; uid: string; similarity: number }
  | { by: 'unsure'; uid: null; candidate: { uid: string; slug: string }; similarity: number }
  | { by: 'new'; uid: null };

/** Trigram similarity at or above which a same-place, same-dimension rewording is taken as the same indicator. */
export const REWORDED_SIMILARITY = 0.8;
/** Below this, an indicator is simply new; between the two, a person decides. */
export const UNSURE_SIMILARITY = 0.5;

/**
 * Ties each incoming indicator (in order) to at most one indicator before it, each of those used once: first by
 * slug, then by identical wording, then by similar wording. `decisions` (incoming slug → uid, or null for "new") are
 * a reviewer's answers to earlier 'unsure' matches and win over every rule.
 */
export function matchIndicators(
  known: readonly KnownIndicator[],
  incoming: readonly IncomingIndicator[],
  decisions: ReadonlyMap<string, string | null> = new Map(),
): IndicatorMatch[] {
  const free = new Map(known.map((indicator) => [indicator.uid, indicator]));
  const result: (IndicatorMatch | undefined)[] = incoming.map(() => undefined);
  const take = (index: number, match: IndicatorMatch): void => {
    result[index] = match;
    if (match.uid !== null) free.delete(match.uid);
  };

  incoming.forEach((indicator, index) => {
    if (!decisions.has(indicator.slug)) return;
    const uid = decisions.get(indicator.slug) ?? null;
    if (uid === null) take(index, { by: 'new', uid: null });
    else if (free.has(uid)) take(index, { by: 'reworded', uid, similarity: 1 });
  });
  const bySlug = new Map(known.map((indicator) => [indicator.slug, indicator]));
  incoming.forEach((indicator, index) => {
    const same = bySlug.get(indicator.slug);
    if (result[index] === undefined && same !== undefined && free.has(same.uid)) take(index, { by: 'slug', uid: same.uid, similarity: 1 });
  });
  const byWording = new Map<string, KnownIndicator[]>();
  for (const candidate of free.values()) {
    const key = wordingKey(candidate);
    if (key !== '') byWording.set(key, [...(byWording.get(key) ?? []), candidate]);
  }
  incoming.forEach((indicator, index) => {
    if (result[index] !== undefined) return;
    const same = byWording.get(wordingKey(indicator))?.find((candidate) => free.has(candidate.uid));
    if (same !== undefined) take(index, { by: 'wording', uid: same.uid, similarity: 1 });
  });

  // The rest by similarity, best pairs first, so that two close rewordings do not steal each other's match.
  const pairs: { index: number; candidate: KnownIndicator; similarity: number }[] = [];
  const grams = new Map<string, Map<string, number>>();
  const gramsOf = (id: string, text: string) => {
    let found = grams.get(id);
    if (found === undefined) grams.set(id, (found = trigrams(text)));
    return found;
  };
  const unmatched = incoming.filter((_indicator, index) => result[index] === undefined).length;
  // Every pair when that is cheap; on huge cards only the neighbours by place, so matching stays linear.
  const byPosition = unmatched * free.size > MAX_PAIRS ? indexByPosition(free.values()) : undefined;
  incoming.forEach((indicator, index) => {
    if (result[index] !== undefined) return;
    const mine = gramsOf(`in:${index}`, fullText(indicator));
    const candidates = byPosition === undefined ? free.values() : neighboursOf(byPosition, indicator.position);
    for (const candidate of candidates) {
      if (candidate.dimensionKey !== indicator.dimensionKey) continue;
      const similarity = dice(mine, gramsOf(`known:${candidate.uid}`, fullText(candidate)));
      if (similarity >= UNSURE_SIMILARITY) pairs.push({ index, candidate, similarity });
    }
  });
  pairs.sort((x, y) => y.similarity - x.similarity || x.index - y.index);
  for (const { index, candidate, similarity } of pairs) {
    if (result[index] !== undefined || !free.has(candidate.uid)) continue;
    const indicator = incoming[index];
    const samePlace = indicator !== undefined && indicator.position === candidate.position;
    if (similarity >= REWORDED_SIMILARITY && samePlace) take(index, { by: 'reworded', uid: candidate.uid, similarity });
    else result[index] = { by: 'unsure', uid: null, candidate: { uid: candidate.uid, slug: candidate.slug }, similarity };
  }
  return result.map((match) => match ?? { by: 'new', uid: null });
}

/** Pairs compared before the comparison narrows to neighbours by place. */
const MAX_PAIRS = 250_000;
const NEIGHBOURHOOD = 10;

function indexByPosition(indicators: Iterable<KnownIndicator>): Map<number, KnownIndicator[]> {
  const byPosition = new Map<number, KnownIndicator[]>();
  for (const indicator of indicators) {
    const list = byPosition.get(indicator.position) ?? [];
    list.push(indicator);
    byPosition.set(indicator.position, list);
  }
  return byPosition;
}

function neighboursOf(byPosition: ReadonlyMap<number, KnownIndicator[]>, position: number): KnownIndicator[] {
  const found: KnownIndicator[] = [];
  for (let at = position - NEIGHBOURHOOD; at <= position + NEIGHBOURHOOD; at += 1) found.push(...(byPosition.get(at) ?? []));
  return found;
}

/** Description and formula within a dimension; '' when both are empty (nothing to recognise a row by). */
function wordingKey(indicator: IncomingIndicator): string {
  const words = `${fold(indicator.description)}\u0000${fold(indicator.formula)}`;
  return words === '\u0000' ? '' : `${indicator.dimensionKey}\u0000${words}`;
}

function fullText(indicator: IncomingIndicator): string {
  return [indicator.subdimension, indicator.description, indicator.formula].map(fold).join(' | ');
}

function fold(text: string | null): string {
  return (text ?? '')
    .replace(/<[^>]*>/g, ' ')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim();
}

function trigrams(text: string): Map<string, number> {
  const padded = `  ${text} `;
  const counts = new Map<string, number>();
  for (let i = 0; i + 3 <= padded.length; i += 1) {
    const gram = padded.slice(i, i + 3);
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/** Sørensen–Dice over trigram multisets: 1 for the same text, near 1 for a typo, 0 for nothing shared. */
function dice(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let shared = 0;
  let total = 0;
  for (const [gram, count] of a) {
    shared += Math.min(count, b.get(gram) ?? 0);
    total += count;
  }
  for (const count of b.values()) total += count;
  return total === 0 ? 0 : (2 * shared) / total;
}
