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
  /** The row's own note (the card's notes column); blank: none. */
  notes?: string;
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
  const notes = edit.notes === undefined ? indicator.notes : cell(edit.notes);
  const wordingChanged = subdimension !== indicator.subdimension || description !== indicator.description || formula !== indicator.formula;
  const targetText = edit.target === undefined ? indicator.target.text : edit.target.trim();
  let target: Target = indicator.target;
  // A new text, or new words the comparator is read against: the target is read again (an override stays the person's).
  if (targetText !== indicator.target.text || (wordingChanged && indicator.target.comparatorSource === 'inferred')) {
    const { achieved: _achieved, suggestion: _suggestion, ...parsed } = parseTarget(targetText, { dimension: indicator.dimension, subdimension, description, formula });
    target = parsed;
  }
  return { ...indicator, subdimension, description, formula, target, notes };
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

/** The "(&)" mark opening the footnote that words the rule, as the readers recognise it. */
const RULE_MARK = /^\(\s*&\s*\)\s*(?:[-–—:]\s*)?/;

/** The card's notes as one text for a person to edit: a paragraph each, separated by a blank line. */
export function cardNotesText(card: StandardCard): string {
  return card.notes.join('\n\n');
}

/**
 * The card with its notes as a person rewrote them: paragraphs separated by blank lines (the lines of one paragraph
 * joined by a space), the "(*)" and "(&)" footnotes keeping their marks. The "(&)" rule's words are read again from
 * its footnote, so that what the card says and what misura keeps of it never drift apart.
 */
export function editCardNotes(card: StandardCard, text: string): StandardCard {
  const notes = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.split('\n').map((line) => line.trim()).filter((line) => line !== '').join(' '))
    .filter((paragraph) => paragraph !== '');
  const rule = notes.find((note) => RULE_MARK.test(note));
  const ruleText = rule === undefined ? null : rule.replace(RULE_MARK, '').trim() || null;
  return { ...card, notes, ruleText };
}
