import type { Actor } from '../domain/accounts/actor.ts';
import { applyCardEdits, type IndicatorEdit } from '../domain/cards/card-edit.ts';
import { lintCard } from '../domain/cards/card-lint.ts';
import type { Finding } from '../domain/cards/finding.ts';
import type { ImportedCard } from '../domain/cards/imported-card.ts';
import { UserError } from '../domain/shared/errors.ts';
import { readCardFile } from '../formats/card-file.importer.ts';
import type { EditionReference } from './approve-edition.action.ts';
import { findDraftCard } from './find-edition-card.action.ts';
import { findUnsureMatches, importCards, type ImportCardsDeps, type ImportSummary, type UnsureMatch } from './import-cards.action.ts';

/** Cards to review, and for each what the reader doubted and the checker found, with where. */
export interface CardReview {
  cards: ImportedCard[];
  findings: Finding[][];
  /** Per card, the rows that may or may not be an indicator of the edition before: the reviewer says which. */
  unsure: UnsureMatch[][];
}

async function reviewOf(deps: ImportCardsDeps, cards: ImportedCard[], fileFindings: readonly Finding[] = []): Promise<CardReview> {
  return {
    cards,
    unsure: await findUnsureMatches(deps, cards),
    findings: cards.map((imported, index) => {
      const seen = new Set(imported.doubts.map((d) => `${d.code}|${d.line}`));
      const linted = lintCard(imported.card).filter((f) => !seen.has(`${f.code}|${f.line}`));
      return [...(index === 0 ? fileFindings : []), ...imported.doubts, ...linted];
    }),
  };
}

/** Reads an uploaded card file (any format the importer reads) for review; nothing is written. */
export async function reviewCardUpload(deps: ImportCardsDeps, bytes: Uint8Array, options: { file: string; year?: number }): Promise<CardReview> {
  const read = await readCardFile(bytes, options);
  if (read.cards.length === 0) throw new UserError('the file holds no card', { file: options.file });
  return reviewOf(deps, read.cards, read.findings);
}

/** A draft edition for the card editor, with the checker's findings. */
export async function reviewDraft(deps: ImportCardsDeps, input: EditionReference): Promise<CardReview> {
  return reviewOf(deps, [await findDraftCard(deps, input)]);
}

/** The cards of a review form as they came back: checked for shape, since the browser could send anything. */
export function parseReviewedCards(text: string): ImportedCard[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UserError('the review form came back damaged: read the file again', { field: 'cards' });
  }
  const isCard = (value: unknown): value is ImportedCard => {
    const card = (value as { card?: { service?: { slug?: unknown; name?: unknown }; indicators?: unknown; source?: { file?: unknown } } } | null)?.card;
    return (
      typeof card === 'object' &&
      card !== null &&
      typeof card.service?.slug === 'string' &&
      typeof card.service.name === 'string' &&
      Array.isArray(card.indicators) &&
      typeof card.source?.file === 'string'
    );
  };
  if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every(isCard)) {
    throw new UserError('the review form came back damaged: read the file again', { field: 'cards' });
  }
  return parsed;
}

/**
 * Saves reviewed cards as drafts, with the person's corrections (card index → row position → cells) and answers to
 * unsure matches ("service/indicator" → stable id, or null for a new indicator), through the same import as
 * `misura import`: transactional, audited, the draft updated in place when it exists.
 */
export async function saveReviewedCards(
  deps: ImportCardsDeps,
  actor: Actor,
  cards: readonly ImportedCard[],
  edits: ReadonlyMap<number, ReadonlyMap<number, IndicatorEdit>>,
  decisions: ReadonlyMap<string, string | null> = new Map(),
): Promise<ImportSummary> {
  const edited = cards.map((imported, index) => ({ ...imported, card: applyCardEdits(imported.card, edits.get(index) ?? new Map()) }));
  return importCards(deps, edited, { actor, decisions });
}
