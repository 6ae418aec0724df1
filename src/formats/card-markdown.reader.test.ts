import { describe, expect, it } from 'vitest';
import { readMarkdown } from './card-markdown.reader.ts';

const cellsOf = (text: string) => readMarkdown(text, 'carta.md').parts[0]!.rows.map((row) => ({ table: row.table, cells: row.cells.map((cell) => cell.text) }));

describe('readMarkdown', () => {
  it('reads a header written one cell per line above its rule as one header row', () => {
    const text = ['Dimensioni |', 'Indicatori |', 'Valore programmato |', '---|---|---|', 'Accessibilità | Ore di apertura | 36 |'].join('\n');
    expect(cellsOf(text)).toEqual([
      { table: 1, cells: ['Dimensioni', 'Indicatori', 'Valore programmato'] },
      { table: 1, cells: ['Accessibilità', 'Ore di apertura', '36'] },
    ]);
  });

  it('does not take lines of one cell for a header when there are more of them than the rule has columns', () => {
    const text = ['Nota |', 'Dimensioni |', 'Valore |', '---|---|'].join('\n');
    expect(cellsOf(text)[0]).toEqual({ table: null, cells: ['Nota |'] });
    expect(cellsOf(text)[1]).toEqual({ table: 1, cells: ['Dimensioni', 'Valore'] });
  });

  it('joins a row whose cells run over several lines, each closed by "|", until it has the header\'s cells', () => {
    const text = ['| Dimensioni | Indicatori | 2022 | 2023 |', '|---|---|---|---|', 'Accessibilità | Canali | E-mail Telefono |', 'E-mail |', '|', 'Tempestività | Tempo medio | 4 giorni | 3 giorni |'].join('\n');
    expect(cellsOf(text).map((row) => row.cells)).toEqual([
      ['Dimensioni', 'Indicatori', '2022', '2023'],
      ['Accessibilità', 'Canali', 'E-mail Telefono', 'E-mail'],
      ['Tempestività', 'Tempo medio', '4 giorni', '3 giorni'],
    ]);
  });

  it('keeps a row that opens with "|" as a row of its own though the row above it is short', () => {
    const text = ['| Dimensioni | Sottodimensioni | Descrizione | Valore |', '|---|---|---|---|', '| Accessibilità | Fisica |', '| | | Ore di apertura |'].join('\n');
    expect(cellsOf(text).map((row) => row.cells)).toEqual([
      ['Dimensioni', 'Sottodimensioni', 'Descrizione', 'Valore'],
      ['Accessibilità', 'Fisica'],
      ['', '', 'Ore di apertura'],
    ]);
  });

  it('starts a table of its own at a line above a one-column rule, even right under another table, and does not join it to a short row', () => {
    const text = ['| Dimensioni | Indicatori | Valore |', '|---|---|---|', 'Efficacia | Reclami | E-mail |', 'Contatti per i reclami |', '---|', 'Ufficio studenti |'].join('\n');
    const rows = cellsOf(text);
    expect(rows[1]).toEqual({ table: 1, cells: ['Efficacia', 'Reclami', 'E-mail'] });
    expect(rows[2]).toEqual({ table: 2, cells: ['Contatti per i reclami'] });
    expect(rows[3]).toEqual({ table: 2, cells: ['Ufficio studenti'] });
  });

  it('says the document is cut short when its last line stops inside a cell after lines that close their cells with "|"', () => {
    const cut = readMarkdown(['Risultati |', '---|', "L'ateneo conduce indagini di soddisfazio"].join('\n'), 'carta.md');
    expect(cut.truncated).toBe(true);
    expect(cut.notes).toContainEqual(expect.objectContaining({ code: 'truncated-text', severity: 'warning', place: { line: 3 } }));
  });

  it('says so of a document whose last line is a sentence that stops on a lower-case word with no closing mark', () => {
    const cut = readMarkdown(['| a | b |', '|---|---|', '| 1 | 2 |', 'Nel rispetto di questo principio so'].join('\n'), 'carta.md');
    expect(cut.truncated).toBe(true);
    expect(readMarkdown(['| a | b |', '|---|---|', '| 1 | 2 |', 'Scheda Monitoraggio Musei 2024'].join('\n'), 'carta.md').truncated).toBe(false);
  });

  it('does not say so of a document that ends with a sentence or a closed row', () => {
    expect(readMarkdown(['| a | b |', '|---|---|', '| 1 | 2 |', '', 'Aggiornato a marzo.'].join('\n'), 'carta.md').truncated).toBe(false);
    expect(readMarkdown(['| a | b |', '|---|---|', '| 1 | 2 |'].join('\n'), 'carta.md').truncated).toBe(false);
  });
});
