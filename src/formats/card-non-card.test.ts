import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CardReadError } from '../domain/cards/card-read-error.ts';
import { readCardText } from './card-text.importer.ts';

const CORPUS = join(import.meta.dirname, '../../test/fixtures/cards/corpus');
const FIXTURES = join(import.meta.dirname, '../../test/fixtures/cards');

/** The error reading `file` of the corpus fails with. */
function refusalOf(dir: string, file: string): CardReadError | Error {
  try {
    readCardText(readFileSync(join(dir, file), 'utf8'), { file });
  } catch (error) {
    return error as Error;
  }
  throw new Error(`${file} was read as a card`);
}

describe('documents that are not standard cards, as real PAs publish them', () => {
  it.for([
    ['inail-relazione-performance-2019.txt', /it looks like a Piano della performance indicator sheet .*"relazione sulla performance"/],
    ['inail-obiettivi-produzione-sedi.txt', /it looks like a Piano della performance indicator sheet .*"obiettivo indicatore baseline target", "baseline"/],
    ['salute-nsg-indicatori-2019.txt', /it looks like a list of monitoring indicators .*"elenco degli indicatori"/],
  ] as const)('refuses %s saying what kind of document it looks like', ([file, message]) => {
    const error = refusalOf(CORPUS, file);
    expect(error).toBeInstanceOf(CardReadError);
    expect((error as CardReadError).code).toBe('not-a-card');
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/Use --force to import it anyway$/);
  });

  it.for([
    ['venezia-standard-qualita.txt', '"standard di qualità"'],
    ['entrate-la-scheda-servizio.txt', '"valori programmati"'],
    ['asl1sassari-servizi-erogati.txt', '"carta dei servizi"'],
  ] as const)('tells that %s speaks of the card but is a page about it, and what to import instead', ([file, words]) => {
    const error = refusalOf(CORPUS, file);
    expect((error as CardReadError).code).toBe('no-indicator-table');
    expect(error.message).toContain(`not a standard card: it speaks of ${words}`);
    expect(error.message).toContain('it looks like a page that presents the card or links to it. Import the card itself');
  });

  it('says of a text with nothing of a card which layout it looked for and which formats misura reads', () => {
    const error = refusalOf(FIXTURES, 'shopping-list.txt');
    expect(error.message).toMatch(/^shopping-list\.txt: not a standard card: no indicator table \(a tab-separated header row .*\)\. misura reads cards as DOCX, ODT, XLSX, ODS, PDF/);
  });
});
