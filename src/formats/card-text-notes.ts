import { isNotesHeading } from './card-text-labels.ts';
import type { SourceLine } from './card-text-table.ts';
import { joinInline, startsWithBullet, toInlineText } from './html-text.ts';

/** What a card says under its table. */
export interface CardFootnotes {
  /** Footnotes and notes as plain paragraphs; footnotes keep their mark ("(*) …", "(&) …"). */
  notes: string[];
  /** The "(&)" rule's words without its mark, or null. */
  ruleText: string | null;
}

/** A footnote mark at the start of a line: "(*)", "(\*)", "**(&)**", "(1)". */
const FOOTNOTE_MARK = /^\(\s*([*&]|\d{1,2})\s*\)\s*(?:[-–—:]\s*)?/;

/**
 * Reads the lines after the table into paragraphs. A footnote ("(*) …", "(&) …") starts a paragraph and
 * keeps the list items that follow it, even across a blank line; the "Note" heading is dropped and the
 * paragraphs under it are kept (an empty or missing notes section gives none).
 */
export function readFootnotes(lines: readonly SourceLine[]): CardFootnotes {
  const paragraphs: { mark: string | null; lines: string[] }[] = [];
  let current: { mark: string | null; lines: string[] } | null = null;
  let afterBlank = false;
  for (const line of lines) {
    const text = toInlineText(line.text);
    if (text === '') {
      afterBlank = true;
      continue;
    }
    const bullet = startsWithBullet(line.text);
    const mark = FOOTNOTE_MARK.exec(text);
    if (isNotesHeading(line.text)) {
      current = null;
    } else if (mark) {
      current = { mark: mark[1] ?? null, lines: [text.slice(mark[0].length)] };
      paragraphs.push(current);
    } else if (current !== null && (!afterBlank || (bullet && current.mark !== null))) {
      current.lines.push(text);
    } else {
      current = { mark: null, lines: [text] };
      paragraphs.push(current);
    }
    afterBlank = false;
  }
  const notes = paragraphs.map((p) => (p.mark === null ? joinInline(p.lines) : `(${p.mark}) ${joinInline(p.lines)}`));
  const rule = paragraphs.find((p) => p.mark === '&');
  return { notes, ruleText: rule ? joinInline(rule.lines) : null };
}
