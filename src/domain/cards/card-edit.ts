import type { Indicator, StandardCard } from './card.ts';
import type { Target } from './target.ts';
import { parseTarget } from './target-parse.ts';

/** What a person changed in one row of a card, in the review screen or the card editor; absent fields stay. */
export interface IndicatorEdit {
  subdimension?: string;
  description?: string;
  formula?: string;
  /** The valore programmato as the person writes it: read again like the importer reads a cell. */
  target?: string;
}

/** Blank cells are missing values, as the importer reads them. */
function cell(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

function editIndicator(indicator: Indicator, edit: IndicatorEdit): Indicator {
  const subdimension = edit.subdimension === undefined ? indicator.subdimension : cell(edit.subdimension);
  const description = edit.description === undefined ? indicator.description : cell(edit.description);
  const formula = edit.formula === undefined ? indicator.formula : cell(edit.formula);
  const wordingChanged = subdimension !== indicator.subdimension || description !== indicator.description || formula !== indicator.formula;
  const targetText = edit.target === undefined ? indicator.target.text : edit.target.trim();
  let target: Target = indicator.target;
  // A new text, or new words the comparator is read against: the target is read again (an override stays the person's).
  if (targetText !== indicator.target.text || (wordingChanged && indicator.target.comparatorSource === 'inferred')) {
    const { achieved: _achieved, suggestion: _suggestion, ...parsed } = parseTarget(targetText, { dimension: indicator.dimension, subdimension, description, formula });
    target = parsed;
  }
  return { ...indicator, subdimension, description, formula, target };
}

/**
 * The card with a person's corrections: rows by position, and the year when given. Slugs stay as read, so that a
 * corrected typo never changes an indicator's address.
 */
export function applyCardEdits(card: StandardCard, edits: ReadonlyMap<number, IndicatorEdit>, year?: number | null): StandardCard {
  return {
    ...card,
    ...(year !== undefined ? { year } : {}),
    indicators: card.indicators.map((indicator) => {
      const edit = edits.get(indicator.position);
      return edit === undefined ? indicator : editIndicator(indicator, edit);
    }),
  };
}
