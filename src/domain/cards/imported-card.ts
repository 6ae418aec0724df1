import type { Organisation, StandardCard } from './card.ts';
import type { Finding } from './finding.ts';

/** What reading one card file gives: the card, its PA when the file names it, and every cell the reader doubted. */
export interface ImportedCard {
  organisation: Organisation | null;
  card: StandardCard;
  /** Cells the reader was unsure of (code "doubtful-…"), never silently guessed. */
  doubts: Finding[];
}
