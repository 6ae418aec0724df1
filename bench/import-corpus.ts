import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ExpectedFile } from './import-score.ts';

/**
 * The corpus of real documents the import bench reads (test/fixtures/cards/corpus): each file with its
 * expected reading beside it (`<file>.expected.json`) and its line in test/fixtures/cards/README.md.
 */

export const CORPUS_DIR = fileURLToPath(new URL('../test/fixtures/cards/corpus/', import.meta.url));
export const CORPUS_README = fileURLToPath(new URL('../test/fixtures/cards/README.md', import.meta.url));

const EXPECTED_SUFFIX = '.expected.json';

export interface CorpusEntry {
  /** The file name inside the corpus folder. */
  name: string;
  path: string;
  expected: ExpectedFile;
}

/** Every document of the corpus (not the expected readings), sorted by name. */
export function listCorpusFiles(): string[] {
  return readdirSync(CORPUS_DIR)
    .filter((name) => !name.endsWith(EXPECTED_SUFFIX))
    .sort();
}

export function expectedPathOf(name: string): string {
  return `${CORPUS_DIR}${name}${EXPECTED_SUFFIX}`;
}

/** The corpus with each file's expected reading; throws, naming the file, when a reading is missing or malformed. */
export function readCorpus(): CorpusEntry[] {
  return listCorpusFiles().map((name) => {
    const path = expectedPathOf(name);
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new Error(`${name}${EXPECTED_SUFFIX}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    const problems = checkExpected(value);
    if (problems.length > 0) throw new Error(`${name}${EXPECTED_SUFFIX}: ${problems.join('; ')}`);
    return { name, path: `${CORPUS_DIR}${name}`, expected: value as ExpectedFile };
  });
}

/** The file names the README's tables list (the first cell of each row, in backticks). */
export function listedInReadme(readme: string): string[] {
  return readme
    .split('\n')
    .map((line) => /^\|\s*`([^`]+)`\s*\|/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);
}

const COMPARATORS = new Set(['>=', '<=', '=', null]);
const UNITS = new Set(['percent', 'days', 'working-days', 'hours', 'minutes', 'count', null]);

function isText(value: unknown): boolean {
  return typeof value === 'string';
}

function isTextOrNull(value: unknown): boolean {
  return value === null || typeof value === 'string';
}

/** What is wrong with an expected reading, in words; empty when it is well formed. */
export function checkExpected(value: unknown): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return ['not a JSON object'];
  const file = value as Record<string, unknown>;
  if ('notACard' in file) {
    const problems: string[] = [];
    if (file.notACard !== true) problems.push('"notACard" must be true');
    if (typeof file.why !== 'string' || file.why.trim() === '') problems.push('a non-card needs "why": what the document is and why it is not a card');
    if ('cards' in file) problems.push('a non-card has no "cards"');
    return problems;
  }
  if (!Array.isArray(file.cards) || file.cards.length === 0) return ['"cards" must list at least one card (or the file is {"notACard": true, "why": …})'];
  const problems: string[] = [];
  if ('truncation' in file && (typeof file.truncation !== 'string' || file.truncation.trim() === '')) problems.push('"truncation" must say what is cut');
  let truncatedRows = 0;
  (file.cards as unknown[]).forEach((card, c) => {
    const where = `cards[${c}]`;
    if (card === null || typeof card !== 'object') {
      problems.push(`${where} is not an object`);
      return;
    }
    const k = card as Record<string, unknown>;
    if (!isTextOrNull(k.service)) problems.push(`${where}.service must be text or null`);
    if (!(k.year === null || Number.isInteger(k.year))) problems.push(`${where}.year must be a year or null`);
    if (!(k.organisation === null || (typeof k.organisation === 'object' && isText((k.organisation as Record<string, unknown>).name)))) {
      problems.push(`${where}.organisation must be null or {slug, name}`);
    }
    if (!Array.isArray(k.indicators) || k.indicators.length === 0) {
      problems.push(`${where}.indicators must list the card's rows`);
      return;
    }
    (k.indicators as unknown[]).forEach((indicator, i) => {
      const at = `${where}.indicators[${i}]`;
      if (indicator === null || typeof indicator !== 'object') {
        problems.push(`${at} is not an object`);
        return;
      }
      const row = indicator as Record<string, unknown>;
      if (row.position !== i + 1) problems.push(`${at}.position must be ${i + 1}`);
      // A document that states no dimension for a row: both null, never an invented one.
      const unstated = row.dimension === null && row.dimensionKey === null;
      if (!unstated) {
        if (!isText(row.dimension) || (row.dimension as string).trim() === '') problems.push(`${at}.dimension must be the dimension as written, or null with dimensionKey when the document states none`);
        if (!isText(row.dimensionKey)) problems.push(`${at}.dimensionKey must be text`);
      }
      for (const field of ['subdimension', 'description', 'formula'] as const) if (!isTextOrNull(row[field])) problems.push(`${at}.${field} must be text or null`);
      if (typeof row.additional !== 'boolean') problems.push(`${at}.additional must be true or false`);
      if (row.truncated !== undefined && row.truncated !== true) problems.push(`${at}.truncated is true or absent`);
      if (row.truncated === true) truncatedRows += 1;
      const target = row.target;
      if (target === null || typeof target !== 'object') {
        problems.push(`${at}.target must be {text, comparator, value, unit}`);
        return;
      }
      const t = target as Record<string, unknown>;
      if (!isText(t.text)) problems.push(`${at}.target.text must be the cell as written`);
      if (!COMPARATORS.has(t.comparator as string | null)) problems.push(`${at}.target.comparator must be ">=", "<=", "=" or null`);
      if (!(t.value === null || (typeof t.value === 'number' && Number.isFinite(t.value)))) problems.push(`${at}.target.value must be a number or null`);
      if (!UNITS.has(t.unit as string | null)) problems.push(`${at}.target.unit must be one of ${[...UNITS].join(', ')}`);
      if ((t.value === null) !== (t.comparator === null) || (t.value === null) !== (t.unit === null)) problems.push(`${at}.target gives a value, comparator and unit together or none`);
    });
  });
  if (truncatedRows > 0 && !('truncation' in file)) problems.push('rows marked "truncated" need a top-level "truncation"');
  return problems;
}
