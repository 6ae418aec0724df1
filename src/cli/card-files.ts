import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { CardReadError } from '../domain/cards/card-read-error.ts';
import type { Finding } from '../domain/cards/finding.ts';
import type { ImportedCard } from '../domain/cards/imported-card.ts';
import { UserError } from '../domain/shared/errors.ts';

export interface CardFileOptions {
  /** The year of cards that state none. */
  year?: number;
  /** Import documents that do not look like standard cards, with a warning. */
  force?: boolean;
  /** A file that cannot be read becomes an error finding and the others are still read (dry runs); otherwise it stops all. */
  keepGoing?: boolean;
}

/** The cards read from files and what the readers found about the files themselves. */
export interface CardFileSet {
  cards: ImportedCard[];
  findings: Finding[];
  /** Files that could not be read (with keepGoing). */
  failed: string[];
}

/** Reads card files from disk; a missing or unreadable file is a UserError naming it. */
export async function readCardFiles(paths: string[], options: CardFileOptions = {}): Promise<ImportedCard[]> {
  return (await readCardFileSet(paths, options)).cards;
}

/** Reads card files of any supported format (found from their content); each file may hold several cards (sheets). */
export async function readCardFileSet(paths: string[], options: CardFileOptions = {}): Promise<CardFileSet> {
  if (paths.length === 0) throw new UserError('no card file given');
  // The readers (office documents, PDF) are loaded only when a command reads cards.
  const { readCardFile } = await import('../formats/card-file.importer.ts');
  const set: CardFileSet = { cards: [], findings: [], failed: [] };
  for (const path of paths) {
    const file = basename(path);
    try {
      let bytes: Uint8Array;
      try {
        const buffer = await readFile(path);
        bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new UserError(code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a folder, not a card file' : `cannot read the file (${code ?? String(error)})`, { file: path });
      }
      const read = await readCardFile(bytes, { file, ...(options.year !== undefined ? { year: options.year } : {}), ...(options.force ? { force: true } : {}) });
      set.cards.push(...read.cards);
      set.findings.push(...read.findings);
    } catch (error) {
      if (!options.keepGoing || !(error instanceof UserError)) throw error;
      set.failed.push(file);
      set.findings.push(error instanceof CardReadError ? error.toFinding() : { code: 'unreadable-file', severity: 'error', file, line: null, field: null, message: error.message });
    }
  }
  return set;
}

/** Parses a --year option: a four-digit year or a clear error. */
export function parseYearOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const year = Number(value);
  if (!/^\d{4}$/.test(value) || year < 1990 || year > 2100) throw new UserError(`--year must be a year such as 2024, got "${value}"`);
  return year;
}
