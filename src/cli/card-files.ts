import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ImportedCard } from '../domain/cards/imported-card.ts';
import { UserError } from '../domain/shared/errors.ts';
import { readCardText } from '../formats/card-text.importer.ts';

/** Reads card files from disk; a missing or unreadable file is a UserError naming it. */
export async function readCardFiles(paths: string[], options: { year?: number } = {}): Promise<ImportedCard[]> {
  if (paths.length === 0) throw new UserError('no card file given');
  const cards: ImportedCard[] = [];
  for (const path of paths) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UserError(code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a folder, not a card file' : `cannot read the file (${code ?? String(error)})`, { file: path });
    }
    cards.push(readCardText(text, { file: basename(path), ...(options.year !== undefined ? { year: options.year } : {}) }));
  }
  return cards;
}

/** Parses a --year option: a four-digit year or a clear error. */
export function parseYearOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const year = Number(value);
  if (!/^\d{4}$/.test(value) || year < 1990 || year > 2100) throw new UserError(`--year must be a year such as 2024, got "${value}"`);
  return year;
}
