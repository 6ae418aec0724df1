import { createHash } from 'node:crypto';
import type { StandardCard } from '../domain/cards/card.ts';

/**
 * A content hash of a card as it would be stored: service, card fields and indicators (targets
 * included, so an override changes it). Neither key order nor indicator order matters (storage
 * orders indicators by position), and an indicator's source file is left out because storage keeps
 * one file per card.
 */
export function hashCard(card: StandardCard): string {
  const content = {
    ...card,
    indicators: [...card.indicators]
      .sort((a, b) => a.position - b.position)
      .map((indicator) => ({ ...indicator, source: { line: indicator.source.line } })),
  };
  return createHash('sha256').update(stringifyCanonical(content)).digest('hex');
}

/** JSON with object keys sorted, so equal values always give equal text. */
export function stringifyCanonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    const entries = Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries);
  });
}
