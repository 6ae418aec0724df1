/** A word of a card that looks like a known slip, with what it should read. */
export interface SpellingSlip {
  /** The word as written. */
  word: string;
  /** The fix, in the word's own case ("Masimo" → "Massimo"). */
  suggestion: string;
  /** Where the word starts in the text (UTF-16 index, as String.prototype.slice counts). */
  index: number;
}

interface KnownSlip {
  /** Matches a whole word, lower case and without accents. */
  pattern: RegExp;
  /** The fix, lower case with its accents; "$1" takes the ending the pattern captured. */
  fix: string;
}

// Slips seen in real cards, and close relatives. Data, not a spell checker: a word that is not
// listed is never flagged, so a correct but unusual word cannot raise a false alarm.
const KNOWN_SLIPS: readonly KnownSlip[] = [
  { pattern: /^masim([oaie])$/, fix: 'massim$1' },
  // "Esautivit" is the same slip with its accented letter lost.
  { pattern: /^esautivit(a)?$/, fix: 'esaustività' },
  { pattern: /^esautiv([oaie])$/, fix: 'esaustiv$1' },
  { pattern: /^efficenz([ae])$/, fix: 'efficienz$1' },
  { pattern: /^efficent([ei])$/, fix: 'efficient$1' },
  { pattern: /^sufficent([ei])$/, fix: 'sufficient$1' },
  { pattern: /^publicazion([ei])$/, fix: 'pubblicazion$1' },
  { pattern: /^publicat([oaie])$/, fix: 'pubblicat$1' },
  { pattern: /^necesari([oaie])$/, fix: 'necessari$1' },
  { pattern: /^interruzzion([ei])$/, fix: 'interruzion$1' },
];

function stripAccents(word: string): string {
  return word
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Gives the fix the case of the word: all capitals, a capital first letter, or lower case. */
function matchCase(word: string, fix: string): string {
  const letters = word.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && letters === letters.toUpperCase()) return fix.toUpperCase();
  const first = word.charAt(0);
  if (first !== first.toLowerCase()) return fix.charAt(0).toUpperCase() + fix.slice(1);
  return fix;
}

/** The known slips in a text (accent-insensitive), each with its fix in the word's case and where it starts. */
export function findSpellingSlips(text: string): SpellingSlip[] {
  const slips: SpellingSlip[] = [];
  for (const match of text.matchAll(/[\p{L}\p{M}]+/gu)) {
    const word = match[0];
    const plain = stripAccents(word);
    for (const { pattern, fix } of KNOWN_SLIPS) {
      const found = pattern.exec(plain);
      if (found) {
        slips.push({ word, suggestion: matchCase(word, fix.replace('$1', found[1] ?? '')), index: match.index });
        break;
      }
    }
  }
  return slips;
}
