import type { Indicator, StandardCard } from './card.ts';
import { classifyDimension, findDimension, isDimensionUnstated, UNSTATED_DIMENSION } from './dimension.ts';
import type { Target } from './target.ts';
import { parseTarget } from './target-parse.ts';

/** What a person changed in one row of a card, in the review screen or the card editor; absent fields stay. */
export interface IndicatorEdit {
  /**
   * The dimension as the person writes it ("Accessibilità", "Continuità (*)", a dimension of the card's own): read
   * like the importer reads the dimension column; blank: the document's own "no dimension stated".
   */
  dimension?: string;
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

/** Whether a dimension key is additional by its name alone: any dimension beyond the four of delibera 88/2010 (the unstated one is none at all). */
function additionalByName(dimensionKey: string): boolean {
  return findDimension(dimensionKey)?.kind !== 'core' && !isDimensionUnstated(dimensionKey);
}

type RowDimension = Pick<Indicator, 'dimension' | 'dimensionKey' | 'additional'>;

/**
 * The row's dimension once a person wrote it. The same label (or key) keeps the row as it is. Otherwise the new label
 * decides, with one thing carried over: the card's own "(*)" mark on the row. misura keeps no "marked" flag, but a row
 * that is additional while its dimension is not additional by name (a core dimension, or none stated) can only be so
 * because the card marked it, and choosing its dimension does not unmark it: the card's "(*)" note still speaks of
 * that row. A row additional by its name alone (Continuità) loses the flag when it becomes a core dimension, since
 * nothing but that name made it additional; the person writes "(*)" to mark it again.
 */
function editDimension(indicator: Indicator, text: string): RowDimension {
  // The label shown, sent back untouched: kept as stored, even where reading it again would clean it otherwise.
  if (text.trim() === indicator.dimension.trim()) return { dimension: indicator.dimension, dimensionKey: indicator.dimensionKey, additional: indicator.additional };
  const read = classifyDimension(text);
  const chosen = read.key === '' ? UNSTATED_DIMENSION : read;
  if (chosen.key === indicator.dimensionKey && (chosen.label === indicator.dimension || isDimensionUnstated(chosen.key))) {
    return { dimension: indicator.dimension, dimensionKey: indicator.dimensionKey, additional: indicator.additional || read.marked };
  }
  const markedByCard = indicator.additional && !additionalByName(indicator.dimensionKey);
  const additional = read.marked || markedByCard || additionalByName(chosen.key);
  return { dimension: isDimensionUnstated(chosen.key) ? UNSTATED_DIMENSION.label : chosen.label, dimensionKey: chosen.key, additional };
}

function editIndicator(indicator: Indicator, edit: IndicatorEdit): Indicator {
  const { dimension, dimensionKey, additional } = edit.dimension === undefined ? indicator : editDimension(indicator, edit.dimension);
  const subdimension = edit.subdimension === undefined ? indicator.subdimension : cell(edit.subdimension);
  const description = edit.description === undefined ? indicator.description : cell(edit.description);
  const formula = edit.formula === undefined ? indicator.formula : cell(edit.formula);
  const notes = edit.notes === undefined ? indicator.notes : cell(edit.notes);
  const wordingChanged = dimension !== indicator.dimension || subdimension !== indicator.subdimension || description !== indicator.description || formula !== indicator.formula;
  const targetText = edit.target === undefined ? indicator.target.text : edit.target.trim();
  let target: Target = indicator.target;
  // A new text, or new words the comparator is read against: the target is read again (an override stays the person's).
  if (targetText !== indicator.target.text || (wordingChanged && indicator.target.comparatorSource === 'inferred')) {
    const { achieved: _achieved, suggestion: _suggestion, ...parsed } = parseTarget(targetText, { dimension, subdimension, description, formula });
    target = parsed;
  }
  return { ...indicator, dimension, dimensionKey, additional, subdimension, description, formula, target, notes };
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
