import { describe, expect, it } from 'vitest';
import { CardReadError } from '../domain/cards/card-read-error.ts';
import { buildCards } from './card-builder.ts';
import { singlePartDocument, type DocumentRow } from './card-document.ts';
import { readLineCells } from './card-line-cells.ts';

const rowsOf = (lines: string[]): DocumentRow[] => lines.map((text, index) => ({ cells: [{ text }], place: { line: index + 1 }, table: null }));
const cellsOf = (rows: readonly DocumentRow[]) => rows.map((row) => row.cells.map((cell) => cell.text));

const HEADER = ['Dimensioni della qualità', 'Indicatori', 'Valore 2020', 'Valore programmato 2021'];

describe('readLineCells', () => {
  it('reads a header of known column names one per line, and rows whose indicator runs into its numbers or its repeated words', () => {
    const read = readLineCells(rowsOf(['Denominazione del servizio', 'Prestito', ...HEADER, 'Accessibilità', 'Ore settimanali di apertura 50 55', 'Tempestività', 'Tempo medio di erogazione Tempestivo Tempestivo']), 'carta.txt');
    expect(cellsOf(read!.rows).slice(2)).toEqual([
      ['Dimensioni della qualità', 'Indicatori', 'Valore 2020', 'Valore programmato 2021'],
      ['Accessibilità', 'Ore settimanali di apertura', '50', '55'],
      ['Tempestività', 'Tempo medio di erogazione', 'Tempestivo', 'Tempestivo'],
    ]);
    expect(read!.doubts).toContainEqual(expect.objectContaining({ code: 'doubtful-cell', severity: 'warning' }));
  });

  it('splits a value of several lines written once per column where a line repeats the words that close the indicator\'s line', () => {
    const read = readLineCells(rowsOf([...HEADER, 'Trasparenza', 'Grado di pubblicizzazione E-mail', 'Sito web', 'E-mail', 'Sito web', 'Social', 'Tempo medio di aggiornamento 2 2']), 'carta.txt');
    expect(cellsOf(read!.rows).slice(1)).toEqual([
      ['Trasparenza', 'Grado di pubblicizzazione', 'E-mail Sito web', 'E-mail Sito web Social'],
      ['Trasparenza', 'Tempo medio di aggiornamento', '2', '2'],
    ]);
  });

  it('gives a card of the year the valore programmato names, the past year\'s values left out', () => {
    const document = singlePartDocument('carta.txt', 'text', rowsOf(['Denominazione del servizio', 'Prestito', ...HEADER, 'Accessibilità', 'Ore settimanali di apertura 50 55']));
    const { cards } = buildCards(document, { file: 'carta.txt' });
    expect(cards.map((c) => [c.card.year, c.card.indicators.map((i) => [i.dimension, i.description, i.target.text])])).toEqual([[2021, [['Accessibilità', 'Ore settimanali di apertura', '55']]]]);
  });

  it('leaves out a last row the text cuts before its last value, as truncated', () => {
    const read = readLineCells(rowsOf([...HEADER, 'Accessibilità', 'Ore settimanali di apertura 50 55', 'Modalità di contatto E-mail', 'Telefono', 'E-mai']), 'carta.txt');
    expect(read!.rows).toHaveLength(2);
    expect(read!.truncated).toBe(true);
    expect(read!.doubts).toContainEqual(expect.objectContaining({ code: 'truncated-row' }));
  });

  it('refuses a text cut inside the first row under a header that has the dimension written above it', () => {
    const lines = ['Standard di qualità', '', 'Tempestività', '', 'Indicatore', 'Valore garantito', 'Risultati raggiunti anno precedente', 'Gestione segna'];
    expect(() => readLineCells(rowsOf(lines), 'carta.txt')).toThrow(CardReadError);
    expect(() => readLineCells(rowsOf(lines), 'carta.txt')).toThrow(/cut short inside the first row/);
  });

  it('finds nothing in a text with no three column names on lines of their own', () => {
    expect(readLineCells(rowsOf(['Indicatori', 'Il servizio è aperto', 'Valore programmato']), 'carta.txt')).toBeNull();
  });
});

describe('readLineCells on a Comune di Genova service page', () => {
  const page = ['Tempestività', 'Indicatore', 'Valore garantito', 'Risultati raggiunti anno precedente', 'Tempo di registrazione in anagrafe', '2 giorni lavorativi', '100%'];

  it('reads a row whose indicator and values are each a line of their own', () => {
    const read = readLineCells(rowsOf([...page, '', 'Azioni di miglioramento.']), 'pagina.txt');
    expect(cellsOf(read!.rows)[2]).toEqual(['Tempestività', 'Tempo di registrazione in anagrafe', '2 giorni lavorativi', '100%']);
    expect(read!.truncated).toBe(false);
  });

  it('says the text is cut short when it ends, after the table, on one word with no closing mark', () => {
    const read = readLineCells(rowsOf([...page, '', 'Azio']), 'pagina.txt');
    expect(read!.truncated).toBe(true);
    expect(read!.doubts).toContainEqual(expect.objectContaining({ code: 'truncated-text', severity: 'warning' }));
  });

  it('does not read a last row the text cuts short as whole because it shows as many lines as values', () => {
    expect(() => readLineCells(rowsOf([...page.slice(0, 5), '2 giorni', 'A']), 'pagina.txt')).toThrow(CardReadError);
  });
});
